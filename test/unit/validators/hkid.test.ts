import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { hkidCheckChar, validHkid } from '../../../server/src/engine/validators/hkid';
import { breakCheck, makeRng } from '../../support/synth';
import { synthHkid } from '../../support/synthCn';
import { readVectors } from '../../support/vectors';

/** The normalized value the scanner hands to the validator: no parentheses. */
const plain = (written: string) => written.replace(/[()]/g, '');

describe('validators/hkid', () => {
  describe('public vectors (koblas/stdnum-js src/hk/hkid.spec.ts)', () => {
    const valid = readVectors('hk-id.valid.txt');
    const invalid = readVectors('hk-id.invalid.txt');

    it('has vectors to test', () => {
      assert.ok(valid.length >= 5 && invalid.length >= 2, `${valid.length} valid, ${invalid.length} invalid`);
    });

    it('accepts every valid vector (one- and two-letter prefixes, check character A)', () => {
      valid.forEach((v, i) => assert.equal(validHkid(v), true, `valid vector #${i + 1}`));
      assert.ok(valid.some((v) => v.endsWith('A')) && valid.some((v) => v.length === 9));
    });

    it('rejects every invalid vector', () => {
      invalid.forEach((v, i) => assert.equal(validHkid(v), false, `invalid vector #${i + 1}`));
    });

    it('computes the check character of each valid vector', () => {
      for (const v of valid) assert.equal(hkidCheckChar(v.slice(0, -1)), v.slice(-1), v);
    });
  });

  it('counts the space before a one-letter number as 36 with weight 9', () => {
    // E364912: 36·9 + 14·8 + 3·7 + 6·6 + 4·5 + 9·4 + 1·3 + 2·2 = 556 = 50·11 + 6 → 11 - 6 = 5
    assert.equal(hkidCheckChar('E364912'), '5');
    assert.equal(validHkid('E3649125'), true);
    // Without the space term the same digits would need another check character.
    assert.equal(validHkid('E3649120'), false);
    // remainder 1 → A, remainder 0 → 0
    assert.equal(hkidCheckChar('G123456'), 'A');
    assert.equal(hkidCheckChar('AB987654'), '3');
  });

  it('rejects malformed values without throwing', () => {
    const good = 'AB9876543';
    assert.equal(validHkid(good), true);
    for (const v of ['', 'A', 'A123456', 'ABC1234563', '1A1234563', 'A12345B3', 'A1234563X', 'A123456B', 'ab9876543', 'A123456(3)', 'Ａ1234563']) {
      assert.equal(validHkid(v), false, v);
    }
    assert.throws(() => hkidCheckChar('A12345'), RangeError);
    assert.throws(() => hkidCheckChar('ABC123456'), RangeError);
    assert.throws(() => hkidCheckChar('a123456'), RangeError);
  });

  it('checks the value at an offset inside a longer text', () => {
    const text = `证件号:AB9876543;C5678908`;
    assert.equal(validHkid(text, 4, 13), true);
    assert.equal(validHkid(text, 14, 22), false);
  });

  it('1,000 synthetic numbers validate (both written forms) and their breakCheck variants do not', () => {
    const rng = makeRng(177);
    for (let i = 0; i < 1000; i++) {
      const written = synthHkid(rng);
      assert.match(written, /^[A-Z]{1,2}\d{6}\([0-9A]\)$/);
      const v = plain(written);
      assert.equal(validHkid(v), true, `synthetic #${i}`);
      assert.equal(validHkid(breakCheck(v)), false, `breakCheck #${i}`);
    }
    assert.equal(synthHkid(makeRng(5), { written: 'plain', letters: 2 }).length, 9);
    assert.ok(synthHkid(makeRng(5), { checkA: true }).endsWith('(A)'));
    assert.equal(synthHkid(makeRng(9)), synthHkid(makeRng(9)), 'deterministic per seed');
  });

  it('any change of one digit, or a swap of two different adjacent digits, breaks a valid number (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 9 }), (seed, k, delta) => {
        const v = plain(synthHkid(makeRng(seed)));
        const at = v.length - 7 + k; // one of the six digits
        const changed = v.slice(0, at) + String((Number(v[at]) + delta) % 10) + v.slice(at + 1);
        if (validHkid(changed)) return false;
        if (k === 5 || v[at] === v[at + 1]) return true;
        const swapped = v.slice(0, at) + v[at + 1] + v[at] + v.slice(at + 2);
        return !validHkid(swapped);
      }),
    );
  });
});
