import { strict as assert } from 'node:assert';
import { allDigits, isDigit, isUpper, oneRepeatedChar, readInt } from '../../../server/src/engine/validators/digits';

describe('validators: character readers (digits.ts)', () => {
  it('isDigit and isUpper: ASCII only', () => {
    assert.deepEqual([...'09/:'].map((c) => isDigit(c.charCodeAt(0))), [true, true, false, false]);
    assert.deepEqual([...'AZ@[a０'].map((c) => isUpper(c.charCodeAt(0))), [true, true, false, false, false, false]);
  });

  it('allDigits reads the range only; an empty range is all digits', () => {
    assert.equal(allDigits('AB1234CD', 2, 6), true);
    assert.equal(allDigits('AB1234CD', 1, 6), false);
    assert.equal(allDigits('AB1234CD', 2, 7), false);
    assert.equal(allDigits('12３4', 0, 4), false, 'a full-width digit is not an ASCII digit');
    assert.equal(allDigits('X', 1, 1), true);
  });

  it('oneRepeatedChar reads the range only', () => {
    assert.equal(oneRepeatedChar('x000000000y', 1, 10), true);
    assert.equal(oneRepeatedChar('x000000001y', 1, 10), false);
    assert.equal(oneRepeatedChar('x000000000y', 0, 10), false);
  });

  it('readInt: the digits as a number, -1 for a non-digit', () => {
    assert.equal(readInt('ab2024cd', 2, 4), 2024);
    assert.equal(readInt('ab20x4cd', 2, 4), -1);
  });
});
