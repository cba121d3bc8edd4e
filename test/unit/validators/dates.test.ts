import { strict as assert } from 'node:assert';
import { daysInMonth, looksLikeDate8, todayYmd } from '../../../server/src/engine/validators/dates';

describe('validators: date readers (dates.ts)', () => {
  it('daysInMonth follows the Gregorian leap years', () => {
    assert.deepEqual([2023, 2024, 1900, 2000].map((y) => daysInMonth(y, 2)), [28, 29, 28, 29]);
    assert.deepEqual([1, 4, 6, 9, 11, 12].map((m) => daysInMonth(2023, m)), [31, 30, 30, 30, 30, 31]);
  });

  it('todayYmd is the date at UTC+14, the earliest time zone', () => {
    const ymd = () => {
      const d = new Date(Date.now() + 14 * 3_600_000);
      return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
    };
    const before = ymd();
    const today = todayYmd();
    assert.ok(today === before || today === ymd(), `${today} vs ${before}`);
  });

  it('looksLikeDate8 reads at an offset', () => {
    assert.equal(looksLikeDate8('AB20240229', 2), true);
    assert.equal(looksLikeDate8('AB20241301', 2), false);
  });
});
