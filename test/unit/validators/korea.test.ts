import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { rrnCheckDigit, rrnVerdict, validRrnChecksum } from '../../../server/src/engine/validators/korea';
import { CHECKSUM, INVALID, STRUCTURE, WEAK } from '../../../server/src/engine/validators/types';
import { breakCheck, makeRng } from '../../support/synth';
import { synthRrn } from '../../support/synthIntl';
import { readVectors } from '../../support/vectors';

/** An RRN with a correct check digit from its first 12 digits. */
function rrn(body12: string): string {
  return body12 + rrnCheckDigit(body12);
}

describe('validators/korea (RRN)', () => {
  describe('public vectors (python-stdnum test_kr_rrn.doctest, stdnum-js src/kr/rrn.spec.ts)', () => {
    const valid = readVectors('kr-rrn.valid.txt');
    const invalid = readVectors('kr-rrn.invalid.txt');

    it('gives every valid vector a verified check digit', () => {
      assert.ok(valid.length >= 20, String(valid.length));
      valid.forEach((v) => assert.equal(rrnVerdict(v), CHECKSUM, v));
    });

    it('rejects every invalid vector', () => {
      assert.ok(invalid.length >= 3);
      invalid.forEach((v) => assert.equal(rrnVerdict(v), INVALID, v));
    });

    it('covers every sex/century digit but 3, 4, 7, 8 and 0', () => {
      const digits = new Set(valid.map((v) => v[6]));
      for (const d of ['1', '2', '5', '6', '9']) assert.ok(digits.has(d), d);
    });
  });

  describe('rrnVerdict', () => {
    it('reads the century from the sex digit: 9/0 1800s, 1/2/5/6 1900s, 3/4/7/8 2000s', () => {
      assert.equal(rrnVerdict(rrn('971013901990')), CHECKSUM); // 1897
      assert.equal(rrnVerdict(rrn('971013001990')), CHECKSUM);
      assert.equal(rrnVerdict(rrn('000229312345')), CHECKSUM); // 2000-02-29
      assert.equal(rrnVerdict(rrn('000229112345')), INVALID); // 1900-02-29 does not exist
      assert.equal(rrnVerdict(rrn('960229512345')), CHECKSUM); // foreigner, 1996
      assert.equal(rrnVerdict(rrn('050315712345')), CHECKSUM); // foreigner, 2005
    });

    it('rejects impossible and future birth dates', () => {
      assert.equal(rrnVerdict(rrn('881311223845')), INVALID);
      assert.equal(rrnVerdict(rrn('880431223845')), INVALID);
      assert.equal(rrnVerdict(rrn('880400223845')), INVALID);
      assert.equal(rrnVerdict(rrn('991231323456')), INVALID); // 2099
      const y = new Date().getUTCFullYear() - 2000 + 1;
      assert.equal(rrnVerdict(rrn(`${String(y).padStart(2, '0')}0101312345`)), INVALID);
    });

    it('needs area code 00-96 for a CHECKSUM verdict (old-style numbers)', () => {
      assert.equal(rrnVerdict(rrn('880411296123')), CHECKSUM);
      assert.equal(rrnVerdict(rrn('880411297123')), WEAK);
    });

    it('numbers assigned since October 2020 have no check digit: STRUCTURE when born 2020 or later', () => {
      const body = '210825369019';
      const good = rrn(body);
      assert.equal(rrnVerdict(good), CHECKSUM);
      assert.equal(rrnVerdict(breakCheck(good)), STRUCTURE);
      // Random tail: any area digits are fine.
      assert.notEqual(rrnVerdict('2108253990190'), INVALID);
    });

    it('a failing check digit for a 1900-2019 birth is WEAK (maybe a new-style number), for the 1800s INVALID', () => {
      assert.equal(rrnVerdict('8804112238458'), WEAK);
      assert.equal(rrnVerdict('9710139019903'), INVALID);
      assert.equal(validRrnChecksum('8804112238458'), false);
      assert.equal(validRrnChecksum('8804112238459'), true);
    });

    it('rejects bad lengths and characters without throwing; reads from offsets', () => {
      for (const v of ['', '880411223845', '88041122384590', '880411-2238459', '88O4112238459', 'acvbnmkjhacvb']) assert.equal(rrnVerdict(v), INVALID, v);
      assert.equal(rrnVerdict('rrn:8804112238459;', 4, 17), CHECKSUM);
      assert.throws(() => rrnCheckDigit('88041122384'), RangeError);
    });
  });

  describe('synthetic numbers', () => {
    it('1,000 generated numbers (Koreans and foreigners) get CHECKSUM; breakCheck lowers them', () => {
      const rng = makeRng(82);
      for (let i = 0; i < 1000; i++) {
        const v = synthRrn(rng, { foreigner: i % 3 === 0 });
        assert.equal(rrnVerdict(v), CHECKSUM, v);
        assert.notEqual(rrnVerdict(breakCheck(v)), CHECKSUM, v);
      }
    });

    it('never throws and returns a verdict 0-3 for any 13 characters (property)', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 13, maxLength: 13 }), (s) => {
          const v = rrnVerdict(s);
          return v >= 0 && v <= 3;
        }),
      );
    });
  });
});
