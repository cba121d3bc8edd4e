import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { mod11_10CheckDigit, mod11_10Valid } from '../../../server/src/engine/validators/iso7064';
import { validSteuerId } from '../../../server/src/engine/validators/steuerId';
import { breakCheck, changeOneDigit, makeRng } from '../../support/synth';
import { synthSteuerId } from '../../support/synthIntl';
import { readVectors } from '../../support/vectors';

describe('validators/steuerId (German tax ID)', () => {
  describe('public vectors (python-stdnum test_de_idnr.doctest, stdnum-js src/de/idnr.spec.ts)', () => {
    it('accepts every valid vector and rejects every invalid one', () => {
      const valid = readVectors('de-tax-id.valid.txt');
      const invalid = readVectors('de-tax-id.invalid.txt');
      assert.ok(valid.length >= 1 && invalid.length >= 5);
      valid.forEach((v) => assert.equal(validSteuerId(v), true, v));
      invalid.forEach((v) => assert.equal(validSteuerId(v), false, v));
    });
  });

  describe('ISO 7064 MOD 11,10', () => {
    it('computes and checks the check digit', () => {
      assert.equal(mod11_10CheckDigit('3657426180'), '9');
      assert.equal(mod11_10Valid('36574261809'), true);
      assert.equal(mod11_10Valid('36574261808'), false);
      // ISO 7064 example for MOD 11,10: 0794 → 5.
      assert.equal(mod11_10CheckDigit('0794'), '5');
      assert.equal(mod11_10Valid('07945'), true);
      for (const v of ['', '7', '0794X', '0794 5']) assert.equal(mod11_10Valid(v), false, v);
      assert.throws(() => mod11_10CheckDigit('07a4'), RangeError);
    });

    it('catches every single-digit error (property)', () => {
      fc.assert(
        fc.property(fc.stringMatching(/^\d{10}$/), fc.integer(), (body, seed) => {
          const v = body + mod11_10CheckDigit(body);
          return mod11_10Valid(v) && !mod11_10Valid(breakCheck(v)) && !mod11_10Valid(changeOneDigit(makeRng(seed), v));
        }),
      );
    });
  });

  describe('validSteuerId', () => {
    const withCheck = (body: string) => body + mod11_10CheckDigit(body);

    it('applies the ELSTER digit rules to the first ten digits', () => {
      assert.equal(validSteuerId(withCheck('3657426180')), true); // 6 twice
      assert.equal(validSteuerId(withCheck('1121345678')), true); // 1 three times, not in a row
      assert.equal(validSteuerId(withCheck('1112345678')), false); // 1 three times in a row
      assert.equal(validSteuerId(withCheck('1123456789')), true); // 1 twice, in a row
      assert.equal(validSteuerId(withCheck('1234567890')), false); // no digit repeated
      assert.equal(validSteuerId(withCheck('3655426680')), false); // 6 three times and 5 twice
      assert.equal(validSteuerId(withCheck('1121314567')), false); // 1 four times
      assert.equal(validSteuerId(withCheck('0657426183')), false); // leading 0: test numbers
    });

    it('rejects bad lengths and characters, reads from offsets', () => {
      for (const v of ['', '3657426180', '365742618090', '36 574 261 809', '3657426180X']) assert.equal(validSteuerId(v), false, v);
      assert.equal(validSteuerId('IdNr:36574261809.', 5, 16), true);
    });

    it('1,000 generated numbers validate; breakCheck never does', () => {
      const rng = makeRng(49);
      let triples = 0;
      for (let i = 0; i < 1000; i++) {
        const v = synthSteuerId(rng);
        assert.equal(validSteuerId(v), true, v);
        assert.equal(validSteuerId(breakCheck(v)), false, v);
        const counts = new Map<string, number>();
        for (const c of v.slice(0, 10)) counts.set(c, (counts.get(c) ?? 0) + 1);
        if ([...counts.values()].includes(3)) triples++;
      }
      assert.ok(triples > 100, `${triples} numbers with a digit three times`);
    });
  });
});
