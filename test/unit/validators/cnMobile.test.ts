import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CN_MOBILE_SEGMENTS, validCnMobile } from '../../../server/src/engine/validators/cnMobile';
import { makeRng, synthMobile } from '../../support/synth';

describe('validators/cnMobile', () => {
  it('accepts allocated segments only', () => {
    const allowed = new Set([
      ...range(130, 139), 145, 146, 147, 148, 149, 150, 151, 152, 153, 155, 156, 157, 158, 159,
      162, 165, 166, 167, ...range(170, 178), ...range(180, 189), 190, 191, 192, 193, 195, 196, 197, 198, 199,
    ]);
    for (let seg = 100; seg <= 199; seg++) {
      assert.equal(validCnMobile(`${seg}00001234`), allowed.has(seg), String(seg));
    }
    assert.deepEqual([...CN_MOBILE_SEGMENTS], [...allowed].sort((a, b) => a - b));
    for (const seg of [140, 141, 144, 154, 160, 163, 168, 169, 179, 194]) {
      assert.equal(validCnMobile(`${seg}00001234`), false, String(seg));
    }
  });

  it('accepts the 86 and 0086 country code prefixes only', () => {
    assert.equal(validCnMobile('13800001234'), true);
    assert.equal(validCnMobile('8613800001234'), true);
    assert.equal(validCnMobile('008613800001234'), true);
    assert.equal(validCnMobile('8513800001234'), false);
    assert.equal(validCnMobile('008513800001234'), false);
    assert.equal(validCnMobile('0013800001234'), false);
    assert.equal(validCnMobile('868613800001234'), false);
    assert.equal(validCnMobile('8612800001234'), false);
  });

  it('rejects wrong lengths and non-digits without throwing', () => {
    for (const v of ['', '1380000123', '138000012345', '1380000123X', '+8613800001234', '138 0000 1234', '１３８００００１２３４']) {
      assert.equal(validCnMobile(v), false, JSON.stringify(v.length));
    }
  });

  it('1,000 synthetic numbers validate, with and without country code', () => {
    const rng = makeRng(86);
    for (let i = 0; i < 1000; i++) {
      const v = synthMobile(rng);
      assert.equal(v.length, 11);
      assert.equal(validCnMobile(v), true, `synthetic #${i}`);
      assert.equal(validCnMobile('86' + v), true);
      assert.equal(validCnMobile('0086' + v), true);
      assert.equal(validCnMobile('2' + v.slice(1)), false);
    }
  });

  it('every 11-digit number starting 10, 11 or 12 is rejected (property)', () => {
    fc.assert(fc.property(fc.stringMatching(/^1[012][0-9]{9}$/), (v) => !validCnMobile(v)));
  });
});

function range(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) out.push(i);
  return out;
}
