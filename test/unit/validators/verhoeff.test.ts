import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { validAadhaar, verhoeffCheckDigit, verhoeffValid } from '../../../server/src/engine/validators/verhoeff';
import { breakCheck, changeOneDigit, makeRng, randomDigits } from '../../support/synth';
import { synthAadhaar } from '../../support/synthIntl';
import { readVectors } from '../../support/vectors';

describe('validators/verhoeff', () => {
  describe('verhoeffValid / verhoeffCheckDigit', () => {
    it('matches the published examples', () => {
      // Verhoeff's own example 236 → 3; python-stdnum doctest 1234 → 0.
      assert.equal(verhoeffCheckDigit('236'), '3');
      assert.equal(verhoeffValid('2363'), true);
      assert.equal(verhoeffValid('2364'), false);
      assert.equal(verhoeffCheckDigit('1234'), '0');
      assert.equal(verhoeffValid('12340'), true);
      assert.equal(verhoeffCheckDigit(''), '0');
    });

    it('rejects non-digits and short input without throwing', () => {
      for (const v of ['', '0', '2X63', '236 3', '２３６３']) assert.equal(verhoeffValid(v), false, v);
      assert.throws(() => verhoeffCheckDigit('12a'), RangeError);
    });

    it('catches every single-digit error and adjacent transposition (property)', () => {
      fc.assert(
        fc.property(fc.integer(), fc.integer({ min: 2, max: 30 }), fc.nat(), (seed, len, at) => {
          const rng = makeRng(seed);
          const body = randomDigits(rng, len - 1);
          const v = body + verhoeffCheckDigit(body);
          if (!verhoeffValid(v) || verhoeffValid(breakCheck(v))) return false;
          if (v.length > 1 && verhoeffValid(changeOneDigit(rng, v))) return false;
          const i = at % (v.length - 1);
          if (v[i] === v[i + 1]) return true;
          return !verhoeffValid(v.slice(0, i) + v[i + 1] + v[i] + v.slice(i + 2));
        }),
      );
    });
  });

  describe('validAadhaar', () => {
    describe('public vectors (stdnum-js src/in/aadhaar.spec.ts)', () => {
      const valid = readVectors('in-aadhaar.valid.txt');
      const invalid = readVectors('in-aadhaar.invalid.txt');
      it('accepts every valid vector and rejects every invalid one', () => {
        assert.ok(valid.length >= 1 && invalid.length >= 4);
        valid.forEach((v) => assert.equal(validAadhaar(v), true, v));
        invalid.forEach((v) => assert.equal(validAadhaar(v), false, v));
      });
    });

    it('checks length, first digit 2-9 and palindromes', () => {
      assert.equal(validAadhaar('234123412346'), true);
      assert.equal(validAadhaar('234123412347'), false); // check digit
      assert.equal(validAadhaar('123412341234'), false); // first digit 1
      // The vector 222222222222 fails Verhoeff anyway; 200009900002 passes it but is a palindrome.
      assert.equal(validAadhaar('222222222222'), false);
      assert.equal(verhoeffValid('200009900002'), true);
      assert.equal(validAadhaar('200009900002'), false);
      assert.equal(validAadhaar('23412341234'), false);
      assert.equal(validAadhaar('2341234123466'), false);
      const text = 'aadhaar:234123412346.';
      assert.equal(validAadhaar(text, 8, 20), true);
    });

    it('1,000 generated numbers validate; breakCheck and changed digits do not', () => {
      const rng = makeRng(91);
      for (let i = 0; i < 1000; i++) {
        const v = synthAadhaar(rng);
        assert.match(v, /^[2-9]\d{11}$/);
        assert.equal(validAadhaar(v), true, v);
        assert.equal(validAadhaar(breakCheck(v)), false, v);
        assert.equal(validAadhaar(changeOneDigit(rng, v)), false, v);
      }
    });
  });
});
