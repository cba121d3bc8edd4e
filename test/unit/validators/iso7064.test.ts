import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { mod11_2CheckChar, mod11_2Valid } from '../../../server/src/engine/validators/iso7064';

describe('validators/iso7064 MOD 11-2', () => {
  it('matches published examples', () => {
    // GB 11643-1999 example body → X
    assert.equal(mod11_2CheckChar('11010519491231002'), 'X');
    assert.equal(mod11_2Valid('11010519491231002X'), true);
    assert.equal(mod11_2Valid('11010519491231002x'), true);
    assert.equal(mod11_2Valid('110105194912310020'), false);
    // ISO 7064 example: 0794 → 0
    assert.equal(mod11_2CheckChar('0794'), '0');
    assert.equal(mod11_2Valid('07940'), true);
    // ORCID documentation examples (ORCID uses MOD 11-2)
    assert.equal(mod11_2CheckChar('000000021825009'), '7');
    assert.equal(mod11_2CheckChar('000000021694233'), 'X');
    assert.equal(mod11_2Valid('0000000218250097'), true);
  });

  it('rejects malformed input without throwing', () => {
    for (const v of ['', '7', 'X', '0794X', '07A40', '0794Y', '07 940', '0794-0']) {
      assert.equal(mod11_2Valid(v), false, JSON.stringify(v));
    }
    assert.throws(() => mod11_2CheckChar('12X'), RangeError);
  });

  it('exactly one check character fits each body', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,30}$/), (body) => {
        let fits = 0;
        for (const c of '0123456789X') if (mod11_2Valid(body + c)) fits++;
        return fits === 1 && mod11_2Valid(body + mod11_2CheckChar(body));
      }),
    );
  });

  it('any single-character change and any adjacent transposition breaks it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{2,25}$/), fc.nat(), fc.integer({ min: 1, max: 10 }), (body, posSeed, delta) => {
        const v = body + mod11_2CheckChar(body);
        const alphabet = '0123456789X';
        const i = posSeed % v.length;
        const cur = alphabet.indexOf(v[i]);
        // only the last position may hold X
        const next = i === v.length - 1 ? alphabet[(cur + delta) % 11] : String((cur + (delta % 10 || 1)) % 10);
        const changed = v.slice(0, i) + next + v.slice(i + 1);
        if (mod11_2Valid(changed)) return false;
        const j = posSeed % (v.length - 1);
        if (v[j] === v[j + 1]) return true;
        const swapped = v.slice(0, j) + v[j + 1] + v[j] + v.slice(j + 2);
        // a swap that moves X into the body is malformed anyway
        return !mod11_2Valid(swapped);
      }),
    );
  });
});
