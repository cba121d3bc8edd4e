import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { orgCodeCheckChar, usccCheckChar, validUscc } from '../../../server/src/engine/validators/uscc';
import { breakCheck, makeRng, synthUscc } from '../../support/synth';
import { readVectors } from '../../support/vectors';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';


/** Builds a code with both check characters right from kind (2 chars), region and org body. */
function build(kind: string, region: string, org8: string): string {
  const body = kind + region + org8 + orgCodeCheckChar(org8);
  return body + usccCheckChar(body);
}

describe('validators/uscc', () => {
  describe('public vectors (python-stdnum, stdnum-js; real codes)', () => {
    const valid = readVectors('cn-uscc.valid.txt');
    const invalid = readVectors('cn-uscc.invalid.txt');

    it('has the 202 valid vectors', () => {
      assert.equal(valid.length, 202);
      assert.ok(invalid.length >= 6);
    });

    it('accepts every valid vector', () => {
      valid.forEach((v, i) => assert.equal(validUscc(v), true, `valid vector #${i + 1}`));
    });

    it('every valid vector passes the embedded GB 11714 organization code check', () => {
      valid.forEach((v, i) => assert.equal(orgCodeCheckChar(v.slice(8, 16)), v[16], `valid vector #${i + 1}`));
    });

    it('rejects every invalid vector', () => {
      invalid.forEach((v, i) => assert.equal(validUscc(v), false, `invalid vector #${i + 1}`));
    });
  });

  it('computes the GB 11714 check of the standard example (D2143569 → X)', () => {
    assert.equal(orgCodeCheckChar('D2143569'), 'X');
    assert.equal(orgCodeCheckChar('00000000'), '0'); // 11 - 0 = 11 → 0
    assert.throws(() => orgCodeCheckChar('D214356'), RangeError);
    assert.throws(() => orgCodeCheckChar('D214356*'), RangeError);
  });

  it('computes the MOD 31 check character', () => {
    assert.equal(usccCheckChar('00000000000000000'), '0');
    assert.equal(usccCheckChar('10000000000000000'), 'Y'); // 31 - 1 = 30 → Y
    assert.throws(() => usccCheckChar('1000000000000000I'), RangeError);
    assert.throws(() => usccCheckChar('1'), RangeError);
  });

  it('checks department, type and region digits', () => {
    for (const kind of ['11', '12', '51', '91', '92', '93', 'A1', 'N1', 'N2', 'Y1', '31', '89']) {
      assert.equal(validUscc(build(kind, '110105', '12345678')), true, kind);
    }
    for (const kind of ['01', 'B1', '90', '9A', 'M1']) {
      const code = build(kind, '110105', '12345678');
      assert.equal(validUscc(code), false, kind);
    }
    // letters outside the alphabet: no check character makes them valid
    for (const kind of ['Z1', 'I1', '9O']) {
      const body = kind + '110105' + '12345678' + orgCodeCheckChar('12345678');
      for (const c of ALPHABET) assert.equal(validUscc(body + c), false, kind + c);
    }
    // the region need not be a known GB/T 2260 code, but must be digits
    assert.equal(validUscc(build('91', '999999', '12345678')), true);
    assert.equal(validUscc(build('91', '11010A', '12345678')), false);
  });

  it('rejects a right MOD 31 check with a wrong organization code check', () => {
    const org = '12345678';
    const good = orgCodeCheckChar(org);
    for (const c of '0123456789X') {
      if (c === good) continue;
      const body = '91110105' + org + c;
      const code = body + usccCheckChar(body);
      assert.equal(validUscc(code), false, c);
    }
  });

  it('rejects malformed input without throwing', () => {
    const good = build('91', '110105', 'MA1K3BTP');
    assert.equal(validUscc(good), true);
    for (const v of ['', good.slice(0, 17), good + '0', good.toLowerCase(), good.slice(0, 17) + 'I', good.slice(0, 17) + '中']) {
      assert.equal(validUscc(v), false, JSON.stringify(v.length));
    }
  });

  it('1,000 synthetic codes validate and their breakCheck variants do not', () => {
    const rng = makeRng(32100);
    for (let i = 0; i < 1000; i++) {
      const v = synthUscc(rng);
      assert.equal(validUscc(v), true, `synthetic #${i}`);
      assert.equal(validUscc(breakCheck(v)), false, `breakCheck #${i}`);
    }
  });

  it('any single-character substitution breaks a valid code (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (seed, i, delta) => {
        const v = synthUscc(makeRng(seed));
        const next = ALPHABET[(ALPHABET.indexOf(v[i]) + delta) % 31];
        return !validUscc(v.slice(0, i) + next + v.slice(i + 1));
      }),
    );
  });
});
