import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { validSin } from '../../../server/src/engine/validators/sin';
import { luhnCheckDigit } from '../../../server/src/engine/validators/luhn';
import { breakCheck, changeOneDigit, makeRng } from '../../support/synth';
import { synthSin } from '../../support/synthIntl';
import { readVectors } from '../../support/vectors';

describe('validators/sin (Canada)', () => {
  it('public vectors (stdnum-js src/ca/sin.spec.ts)', () => {
    const valid = readVectors('ca-sin.valid.txt');
    const invalid = readVectors('ca-sin.invalid.txt');
    assert.ok(valid.length >= 1 && invalid.length >= 3);
    valid.forEach((v) => assert.equal(validSin(v), true, v));
    invalid.forEach((v) => assert.equal(validSin(v), false, v));
  });

  it('rejects first digits 0 and 8 even with a valid Luhn digit', () => {
    for (const first of ['0', '8']) {
      const body = first + '2345678';
      assert.equal(validSin(body + luhnCheckDigit(body)), false, first);
    }
    assert.equal(validSin('823456785'), false); // python-stdnum doctest
    const temp = '92345678';
    assert.equal(validSin(temp + luhnCheckDigit(temp)), true); // 9: temporary residents
  });

  it('rejects bad lengths and characters, reads from offsets', () => {
    for (const v of ['', '12345678', '1234567820', '12345678Z', '123-456-782']) assert.equal(validSin(v), false, v);
    assert.equal(validSin('SIN 123456782.', 4, 13), true);
  });

  it('1,000 generated numbers validate; breakCheck and a changed digit never do', () => {
    const rng = makeRng(1867);
    for (let i = 0; i < 1000; i++) {
      const v = synthSin(rng);
      assert.equal(validSin(v), true, v);
      assert.equal(validSin(breakCheck(v)), false, v);
      assert.equal(validSin(changeOneDigit(rng, v, 1)), false, v);
    }
  });

  it('about 1 in 10 random 9-digit numbers pass: why the rule requires context (property)', () => {
    let pass = 0;
    fc.assert(
      fc.property(fc.stringMatching(/^[1-79]\d{8}$/), (v) => {
        if (validSin(v)) pass++;
        return true;
      }),
      { numRuns: 2000, seed: 42 },
    );
    assert.ok(pass > 120 && pass < 290, String(pass));
  });
});
