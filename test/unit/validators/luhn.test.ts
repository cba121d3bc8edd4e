import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { luhnCheckDigit, luhnValid } from '../../../server/src/engine/validators/luhn';

describe('validators/luhn', () => {
  it('accepts the classic example and rejects its other check digits', () => {
    assert.equal(luhnValid('79927398713'), true);
    for (const d of '012456789') assert.equal(luhnValid('7992739871' + d), false, d);
    assert.equal(luhnCheckDigit('7992739871'), '3');
  });

  it('computes check digits for known bodies', () => {
    assert.equal(luhnCheckDigit(''), '0');
    assert.equal(luhnCheckDigit('0'), '0');
    assert.equal(luhnCheckDigit('1'), '8'); // 1*2 = 2 → 8
    assert.equal(luhnCheckDigit('5'), '9'); // 5*2 = 10 → 1+0 = 1 → 9
    assert.equal(luhnCheckDigit('411111111111111'), '1');
    assert.equal(luhnValid('4111111111111111'), true);
    assert.equal(luhnValid('4111111111111112'), false);
  });

  it('rejects short, empty and non-digit input without throwing', () => {
    for (const v of ['', '0', '7992739871X', '79927 398713', '７９９２７３９８７１３', 'abc']) {
      assert.equal(luhnValid(v), false, JSON.stringify(v));
    }
    assert.equal(luhnValid('00'), true);
    assert.equal(luhnValid('18'), true);
    assert.throws(() => luhnCheckDigit('12a'), RangeError);
  });

  it('body + luhnCheckDigit(body) is always valid', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,30}$/), (body) => luhnValid(body + luhnCheckDigit(body))),
    );
  });

  it('any single-digit change breaks it', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{1,25}$/),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (body, posSeed, delta) => {
          const v = body + luhnCheckDigit(body);
          const i = posSeed % v.length;
          const changed = v.slice(0, i) + String((Number(v[i]) + delta) % 10) + v.slice(i + 1);
          return !luhnValid(changed);
        },
      ),
    );
  });
});
