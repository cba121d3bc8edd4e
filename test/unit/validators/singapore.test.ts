import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { nricCheckLetter, validNric } from '../../../server/src/engine/validators/singapore';
import { makeRng } from '../../support/synth';
import { synthNric } from '../../support/synthIntl';

describe('validators/singapore (NRIC/FIN)', () => {
  it('matches the published examples (no vector file for sg-nric)', () => {
    assert.equal(validNric('S1234567D'), true); // the textbook example
    assert.equal(validNric('M1234567K'), true); // FormSG isMFinSeriesValid test
    assert.equal(validNric('M1234567N'), false); // old M rule without the start constant 3
    assert.equal(nricCheckLetter('T', '1234567'), 'J');
    assert.equal(nricCheckLetter('F', '1234567'), 'N');
    assert.equal(nricCheckLetter('G', '1234567'), 'X');
  });

  it('uses the right start constant and table per series', () => {
    // Same digits, different series: weighted sum 106.
    const sums: Record<string, number> = { S: 106, T: 110, F: 106, G: 110, M: 109 };
    for (const [series, s] of Object.entries(sums)) {
      const table = series === 'S' || series === 'T' ? 'JZIHGFEDCBA' : series === 'M' ? 'XWUTRQPNJLK' : 'XWUTRQPNMLK';
      assert.equal(nricCheckLetter(series, '1234567'), table[s % 11], series);
    }
  });

  it('rejects other series, bad shapes and wrong letters; reads from offsets', () => {
    for (const v of ['', 'X1234567D', 'S123456D', 'S12345678D', 'S1234567', 's1234567d', 'S1234567A', 'S12345G7D']) assert.equal(validNric(v), false, v);
    assert.equal(validNric('ic:S1234567D;', 3, 12), true);
    assert.throws(() => nricCheckLetter('X', '1234567'), RangeError);
  });

  it('1,000 generated numbers of each series validate; every other last letter fails', () => {
    const rng = makeRng(65);
    for (const series of 'STFGM') {
      for (let i = 0; i < 1000; i++) {
        const v = synthNric(rng, series);
        assert.equal(validNric(v), true, v);
      }
    }
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), (seed, letter) => {
        const v = synthNric(makeRng(seed));
        return letter === v[8] || !validNric(v.slice(0, 8) + letter);
      }),
    );
  });
});
