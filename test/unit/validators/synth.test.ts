import { strict as assert } from 'node:assert';
import {
  breakCheck,
  changeOneDigit,
  makeRng,
  randInt,
  synthBankCard,
  synthMobile,
  synthResidentId,
  synthUscc,
} from '../../support/synth';

describe('test/support/synth', () => {
  it('makeRng is deterministic per seed and in [0, 1)', () => {
    const a = makeRng(123);
    const b = makeRng(123);
    const c = makeRng(124);
    const sa = Array.from({ length: 100 }, () => a());
    const sb = Array.from({ length: 100 }, () => b());
    const sc = Array.from({ length: 100 }, () => c());
    assert.deepEqual(sa, sb);
    assert.notDeepEqual(sa, sc);
    for (const x of sa) assert.ok(x >= 0 && x < 1);
    // mulberry32 reference output for seed 0
    assert.equal(Math.floor(makeRng(0)() * 2 ** 32), 1144304738);
  });

  it('generators are deterministic per seed', () => {
    const gen = (seed: number) => {
      const rng = makeRng(seed);
      return [synthResidentId(rng), synthUscc(rng), synthBankCard(rng), synthMobile(rng)];
    };
    assert.deepEqual(gen(5), gen(5));
    assert.notDeepEqual(gen(5), gen(6));
  });

  it('randInt covers its inclusive range', () => {
    const rng = makeRng(9);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(randInt(rng, 3, 7));
    assert.deepEqual([...seen].sort(), [3, 4, 5, 6, 7]);
  });

  it('breakCheck changes only the last character', () => {
    assert.equal(breakCheck('1239'), '1230');
    assert.equal(breakCheck('1230'), '1231');
    assert.equal(breakCheck('123X'), '1230');
    assert.equal(breakCheck('12AB'), '12A0');
  });

  it('changeOneDigit changes exactly one digit before the last character', () => {
    const rng = makeRng(3);
    for (let i = 0; i < 200; i++) {
      const v = '12345678901234567X';
      const w = changeOneDigit(rng, v);
      let diff = 0;
      for (let k = 0; k < v.length; k++) if (v[k] !== w[k]) diff++;
      assert.equal(diff, 1);
      assert.equal(w[17], 'X');
      assert.match(w, /^[0-9]{17}X$/);
    }
  });
});
