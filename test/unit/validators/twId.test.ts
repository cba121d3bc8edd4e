import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { twIdCheckDigit, validTwId } from '../../../server/src/engine/validators/twId';
import { breakCheck, makeRng } from '../../support/synth';
import { synthTwId } from '../../support/synthCn';
import { readVectors } from '../../support/vectors';

describe('validators/twId', () => {
  describe('public vectors (koblas/stdnum-js src/tw/natid.spec.ts)', () => {
    const valid = readVectors('tw-id.valid.txt');
    const invalid = readVectors('tw-id.invalid.txt');

    it('has vectors to test', () => {
      assert.ok(valid.length >= 1 && invalid.length >= 2, `${valid.length} valid, ${invalid.length} invalid`);
    });

    it('accepts every valid vector', () => {
      valid.forEach((v, i) => assert.equal(validTwId(v), true, `valid vector #${i + 1}`));
    });

    it('rejects every invalid vector', () => {
      invalid.forEach((v, i) => assert.equal(validTwId(v), false, `invalid vector #${i + 1}`));
    });
  });

  // More values from the stdnum-js specs at commit 7238bba (MIT): natid.spec.ts and ui.spec.ts.
  it('agrees with the stdnum-js national ID and UI number tests', () => {
    for (const v of ['A800000014', 'A123456789', 'A100501503', 'A200501505', 'AB12345677', 'CC00151114', 'AB00501503']) {
      assert.equal(validTwId(v), true, v);
    }
    for (const v of ['A800501509', 'CC00151113', 'A700501503', '12345']) assert.equal(validTwId(v), false, v);
  });

  it('values the letter as its two-digit code n1 n2 with weights 1 and 9 (the fixed stdnum-js algorithm)', () => {
    // A200501503 passed the old stdnum-js check, which took A as one value 10 with weight 1.
    assert.equal(validTwId('A200501503'), false);
    assert.equal(twIdCheckDigit('A20050150'), '5');
    // A123456789: 1 + 0·9 + 1·8 + 2·7 + 3·6 + 4·5 + 5·4 + 6·3 + 7·2 + 8·1 = 121 → check 9
    assert.equal(twIdCheckDigit('A12345678'), '9');
    // The out-of-order codes: I 34, O 35, W 32, X 30, Y 31, Z 33 (n1 + 9·n2 mod 10: 9, 8, 1, 3, 2, 0).
    const expected: Record<string, number> = { I: 9, O: 8, W: 1, X: 3, Y: 2, Z: 0 };
    for (const [letter, lead] of Object.entries(expected)) {
      // With all-zero digits the sum is the letter's part alone.
      assert.equal(twIdCheckDigit(letter + '10000000'), String((10 - ((lead + 8) % 10)) % 10), letter);
    }
  });

  it('accepts second characters 1, 2, 8, 9 and A-D only', () => {
    for (const g of '1289ABCD') {
      const body = 'B' + g + '0123456';
      assert.equal(validTwId(body + twIdCheckDigit(body)), true, g);
    }
    for (const g of '034567EFZ') {
      const body = 'B' + g + '0123456';
      for (let c = 0; c <= 9; c++) assert.equal(validTwId(body + c), false, g + c);
      assert.throws(() => twIdCheckDigit(body), RangeError);
    }
  });

  it('rejects malformed values without throwing', () => {
    for (const v of ['', 'A12345678', 'A1234567890', 'a123456789', '1123456789', 'A12345678X', 'A1234B6789', 'Ａ123456789']) {
      assert.equal(validTwId(v), false, v);
    }
    assert.throws(() => twIdCheckDigit('A1234567'), RangeError);
  });

  it('checks the value at an offset inside a longer text', () => {
    const text = '身分證：A123456789，A123456788';
    assert.equal(validTwId(text, 4, 14), true);
    assert.equal(validTwId(text, 15, 25), false);
  });

  it('1,000 synthetic numbers of each kind validate and their breakCheck variants do not', () => {
    const rng = makeRng(1021);
    for (const kind of ['national', 'ui', 'ui-old'] as const) {
      for (let i = 0; i < 1000; i++) {
        const v = synthTwId(rng, { kind });
        assert.equal(validTwId(v), true, `${kind} #${i}`);
        assert.equal(validTwId(breakCheck(v)), false, `${kind} breakCheck #${i}`);
      }
    }
    assert.match(synthTwId(makeRng(1), { kind: 'ui' }), /^[A-Z][89]\d{8}$/);
    assert.match(synthTwId(makeRng(1), { kind: 'ui-old' }), /^[A-Z][A-D]\d{8}$/);
    assert.equal(synthTwId(makeRng(3)), synthTwId(makeRng(3)), 'deterministic per seed');
  });

  it('any change of the check digit, or a swap of two different adjacent serial digits, breaks a valid number (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 2, max: 7 }), (seed, delta, at) => {
        const v = synthTwId(makeRng(seed));
        if (validTwId(v.slice(0, 9) + String((Number(v[9]) + delta) % 10))) return false;
        if (v[at] === v[at + 1]) return true;
        // weights 7..1 at positions 2..8: neighbours differ by 1, so a swap changes the sum by a - b
        return !validTwId(v.slice(0, at) + v[at + 1] + v[at] + v.slice(at + 2));
      }),
    );
  });
});
