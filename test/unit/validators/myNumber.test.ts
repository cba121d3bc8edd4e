import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { myNumberCheckDigit, validMyNumber } from '../../../server/src/engine/validators/myNumber';
import { breakCheck, changeOneDigit, makeRng } from '../../support/synth';
import { synthMyNumber } from '../../support/synthIntl';

describe('validators/myNumber (Japan)', () => {
  it('matches the python-stdnum doctest (jp.in_)', () => {
    // There is no vector file for jp-my-number; these come from python-stdnum stdnum/jp/in_.py.
    assert.equal(validMyNumber('621498320257'), true);
    assert.equal(validMyNumber('621498320258'), false);
    assert.equal(validMyNumber('62149832025X'), false);
    assert.equal(myNumberCheckDigit('62149832025'), '7');
  });

  it('gives 0 when the remainder is 0 or 1', () => {
    assert.equal(myNumberCheckDigit('11000000000'), '0'); // 6 + 5 = 11 → r = 0
    assert.equal(myNumberCheckDigit('00000000006'), '0'); // 2 · 6 = 12 → r = 1
    assert.equal(myNumberCheckDigit('00000000005'), '1'); // 2 · 5 = 10 → r = 10 → 11 - 10
  });

  it('rejects one repeated digit, bad lengths and characters', () => {
    assert.equal(validMyNumber('000000000000'), false);
    for (const v of ['', '62149832025', '6214983202570', '6214 9832 0257', '６２１４９８３２０２５７']) assert.equal(validMyNumber(v), false, v);
    assert.equal(validMyNumber('no:621498320257;', 3, 15), true);
    assert.throws(() => myNumberCheckDigit('6214983202'), RangeError);
  });

  it('1,000 generated numbers validate; breakCheck never does, a changed digit rarely', () => {
    // "r ≤ 1 → 0" folds two remainders into one check digit, so a few single-digit changes survive.
    const rng = makeRng(81);
    let survived = 0;
    for (let i = 0; i < 1000; i++) {
      const v = synthMyNumber(rng);
      assert.equal(validMyNumber(v), true, v);
      assert.equal(validMyNumber(breakCheck(v)), false, v);
      if (validMyNumber(changeOneDigit(rng, v))) survived++;
    }
    assert.ok(survived < 40, String(survived));
  });

  it('the check digit agrees with the ordinance formula (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), (body) => {
        // P_n = n-th digit from the right, Q_n = n + 1 (n ≤ 6) or n - 5 (n ≥ 7).
        let sum = 0;
        for (let n = 1; n <= 11; n++) sum += Number(body[11 - n]) * (n <= 6 ? n + 1 : n - 5);
        const r = sum % 11;
        return myNumberCheckDigit(body) === String(r <= 1 ? 0 : 11 - r);
      }),
    );
  });
});
