import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { einPrefixes, validEin, validItin, validSsn } from '../../../server/src/engine/validators/usTaxIds';
import { makeRng } from '../../support/synth';
import { synthEin, synthItin, synthSsn } from '../../support/synthIntl';
import { readVectors } from '../../support/vectors';

describe('validators/usTaxIds', () => {
  describe('SSN', () => {
    it('public vectors (stdnum-js src/us/ssn.spec.ts)', () => {
      const valid = readVectors('us-ssn.valid.txt');
      const invalid = readVectors('us-ssn.invalid.txt');
      assert.ok(valid.length >= 1 && invalid.length >= 2);
      valid.forEach((v) => assert.equal(validSsn(v), true, v));
      invalid.forEach((v) => assert.equal(validSsn(v), false, v));
    });

    it('rejects the areas, groups and serials SSA never issues', () => {
      assert.equal(validSsn('536904399'), true);
      assert.equal(validSsn('000904399'), false);
      assert.equal(validSsn('666904399'), false);
      assert.equal(validSsn('900904399'), false);
      assert.equal(validSsn('999904399'), false);
      assert.equal(validSsn('536004399'), false);
      assert.equal(validSsn('536900000'), false);
      assert.equal(validSsn('001010001'), true);
      assert.equal(validSsn('899999999'), true);
    });

    it('rejects voided advertising numbers and one-digit placeholders', () => {
      for (const v of ['078051120', '219099999', '457555462', '189092294', '002281852']) assert.equal(validSsn(v), false, v);
      for (let d = 1; d <= 8; d++) assert.equal(validSsn(String(d).repeat(9)), false, String(d));
      assert.equal(validSsn('078051121'), true);
    });

    it('rejects bad lengths and characters, reads from offsets', () => {
      for (const v of ['', '53690439', '5369043990', '536-90-4399', '53690439O']) assert.equal(validSsn(v), false, v);
      assert.equal(validSsn('ssn:536904399;', 4, 13), true);
    });

    it('1,000 generated numbers validate', () => {
      const rng = makeRng(1936);
      for (let i = 0; i < 1000; i++) assert.equal(validSsn(synthSsn(rng)), true);
    });
  });

  describe('ITIN', () => {
    it('python-stdnum doctest examples (no vector file)', () => {
      assert.equal(validItin('912903456'), true);
      assert.equal(validItin('123456789'), false); // wrong start digit
      assert.equal(validItin('912934567'), false); // group 93: ATIN
    });

    it('accepts exactly the IRS groups 50-65, 70-88, 90-92, 94-99', () => {
      const accepted: number[] = [];
      for (let g = 0; g < 100; g++) if (validItin(`912${String(g).padStart(2, '0')}3456`)) accepted.push(g);
      const expected = [...Array(16).keys()].map((i) => 50 + i).concat([...Array(19).keys()].map((i) => 70 + i), [90, 91, 92, 94, 95, 96, 97, 98, 99]);
      assert.deepEqual(accepted, expected);
    });

    it('never overlaps with SSN (property)', () => {
      fc.assert(fc.property(fc.stringMatching(/^\d{9}$/), (v) => !(validSsn(v) && validItin(v))));
    });

    it('1,000 generated numbers validate', () => {
      const rng = makeRng(1996);
      for (let i = 0; i < 1000; i++) {
        const v = synthItin(rng);
        assert.equal(validItin(v), true, v);
        assert.equal(validSsn(v), false, v);
      }
    });
  });

  describe('EIN', () => {
    it('public vectors (stdnum-js src/us/ein.spec.ts)', () => {
      const valid = readVectors('us-ein.valid.txt');
      const invalid = readVectors('us-ein.invalid.txt');
      assert.ok(valid.length >= 1 && invalid.length >= 2);
      valid.forEach((v) => assert.equal(validEin(v), true, v));
      invalid.forEach((v) => assert.equal(validEin(v), false, v));
    });

    it('knows the IRS prefixes and the unassigned ones', () => {
      const unassigned = [0, 7, 8, 9, 17, 18, 19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97];
      const prefixes = einPrefixes();
      assert.equal(prefixes.length, 100 - unassigned.length);
      for (const p of unassigned) assert.equal(validEin(`${String(p).padStart(2, '0')}3456789`), false, String(p));
      for (const p of prefixes) assert.equal(validEin(`${String(p).padStart(2, '0')}3456789`), true, String(p));
    });

    it('rejects bad lengths and characters, reads from offsets', () => {
      for (const v of ['', '12345678', '1234567890', '12-3456789', '1234567A9']) assert.equal(validEin(v), false, v);
      assert.equal(validEin('ein 123456789!', 4, 13), true);
    });

    it('1,000 generated numbers validate', () => {
      const rng = makeRng(1974);
      for (let i = 0; i < 1000; i++) assert.equal(validEin(synthEin(rng)), true);
    });
  });
});
