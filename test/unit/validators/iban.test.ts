import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { bbanFormat, ibanCheckDigits, ibanCountries, ibanLength, validIban } from '../../../server/src/engine/validators/iban';
import { getValidator } from '../../../server/src/engine/validators/index';
import { CHECKSUM } from '../../../server/src/engine/validators/types';
import { changeOneDigit, makeRng } from '../../support/synth';
import { synthIban } from '../../support/synthIntl';
import { readVectors } from '../../support/vectors';

/** Vectors as the scanner would normalize them: python-stdnum also writes dots (NO 44 1850.05.14562). */
const vectors = (file: string) => readVectors(file).map((v) => v.replace(/\./g, ''));

describe('validators/iban', () => {
  describe('public vectors (python-stdnum tests/test_iban.doctest)', () => {
    const valid = vectors('iban.valid.txt');
    const invalid = vectors('iban.invalid.txt');

    it('has vectors to test', () => {
      assert.ok(valid.length >= 150 && invalid.length >= 20, `${valid.length} valid, ${invalid.length} invalid`);
    });

    it('accepts every valid vector', () => {
      valid.forEach((v, i) => assert.equal(validIban(v), true, `valid vector #${i + 1} (${v.slice(0, 2)})`));
    });

    it('rejects every invalid vector', () => {
      invalid.forEach((v, i) => assert.equal(validIban(v), false, `invalid vector #${i + 1}`));
    });

    it('rejects by the registry what MOD 97-10 alone would pass (wrong length, letter in a digit field, unknown country)', () => {
      for (const v of ['AD48000120302003591001', 'AT93190430023457320199', 'BE365390075470341234', 'BA3012900794010284', 'BG93BNBG96611A20345678', 'GI22NW3K000000007099453', 'NL5630030A17164300', 'QQ9312345678', 'XX431234']) {
        assert.ok(invalid.includes(v), v);
        assert.equal(validIban(v), false, v);
      }
    });
  });

  describe('validIban', () => {
    it('accepts the registry examples and rejects single changes', () => {
      assert.equal(validIban('GB82WEST12345698765432'), true);
      assert.equal(validIban('GB82WEST12345698765433'), false);
      assert.equal(validIban('GB28WEST12345698765432'), false); // swapped check digits
      assert.equal(validIban('DE89370400440532013000'), true);
      assert.equal(validIban('DE89370400440532013000'.slice(0, 21)), false);
      assert.equal(validIban('DE893704004405320130000'), false);
    });

    it('only accepts check digits 02-98 (ISO 13616)', () => {
      // 00/01/99 can satisfy the MOD 97 arithmetic as aliases of 97/98/02, but are never issued.
      const bban = 'WEST12345698765432';
      const kk = ibanCheckDigits('GB', bban);
      assert.equal(validIban(`GB${kk}${bban}`), true);
      const n = Number(kk);
      if (n <= 2) assert.equal(validIban(`GB${String(n + 97).padStart(2, '0')}${bban}`), false);
      if (n >= 97) assert.equal(validIban(`GB${String(n - 97).padStart(2, '0')}${bban}`), false);
      let alias = 0;
      for (let i = 0; i < 20000 && alias < 3; i++) {
        const v = synthIban(makeRng(i), 'DE');
        const k = Number(v.slice(2, 4));
        if (k > 2 && k < 97) continue;
        alias++;
        const other = k <= 2 ? k + 97 : k - 97;
        assert.equal(validIban(`DE${String(other).padStart(2, '0')}${v.slice(4)}`), false, v);
      }
      assert.ok(alias > 0);
    });

    it('knows each registry country, its length and format', () => {
      const countries = ibanCountries();
      assert.ok(countries.length >= 89, String(countries.length));
      assert.equal(ibanLength('DE'), 22);
      assert.equal(ibanLength('NO'), 15);
      assert.equal(ibanLength('LC'), 32);
      assert.equal(ibanLength('RU'), 33);
      assert.equal(ibanLength('US'), undefined);
      assert.equal(ibanLength('D'), undefined);
      assert.equal(bbanFormat('GB'), 'aaaa' + 'n'.repeat(14));
      for (const cc of countries) {
        const len = ibanLength(cc)!;
        assert.ok(len >= 15 && len <= 34, cc);
        assert.equal(bbanFormat(cc)!.length + 4, len, cc);
      }
    });

    it('needs upper case and no separators (the scanner normalizes first), never throws', () => {
      assert.equal(validIban('gb82west12345698765432'), false);
      assert.equal(validIban('GB82 WEST 1234 5698 7654 32'), false);
      for (const v of ['', 'G', 'GB', 'GB82', '12345678901234567890', '\u0000\uffff', 'ÄÖ82WEST12345698765432']) assert.equal(validIban(v), false, v);
    });

    it('reads from offsets inside a longer text', () => {
      const text = 'x;GB82WEST12345698765432;y';
      assert.equal(validIban(text, 2, 24), true);
      assert.equal(getValidator('iban-mod97')!.validate(text, 2, 24), CHECKSUM);
      assert.equal(validIban(text, 1, 24), false);
      assert.equal(validIban(text, 2, 25), false);
    });

    it('throws on bad input to ibanCheckDigits', () => {
      assert.throws(() => ibanCheckDigits('GB', 'west-1234'), RangeError);
    });
  });

  describe('synthetic numbers', () => {
    it('a generated IBAN of every registry country validates; a changed digit never does', () => {
      const rng = makeRng(13616);
      for (const cc of ibanCountries()) {
        for (let i = 0; i < 20; i++) {
          const v = synthIban(rng, cc);
          assert.equal(v.length, ibanLength(cc));
          assert.equal(validIban(v), true, v);
          assert.equal(validIban(changeOneDigit(rng, v, 4)), false, `changed ${v}`);
        }
      }
    });

    // Digits only: a letter counts as two digits (A = 10), so a letter swapped with a digit can
    // slip through MOD 97; two adjacent digits never can (97 is prime and divides no 9 × 10^k × d).
    it('catches every transposition of two adjacent different digits (property)', () => {
      fc.assert(
        fc.property(fc.integer(), fc.nat(), (seed, at) => {
          const v = synthIban(makeRng(seed));
          const i = 4 + (at % (v.length - 5));
          if (v[i] === v[i + 1] || !/^\d\d$/.test(v[i] + v[i + 1])) return true;
          const swapped = v.slice(0, i) + v[i + 1] + v[i] + v.slice(i + 2);
          return !validIban(swapped);
        }),
      );
    });
  });
});
