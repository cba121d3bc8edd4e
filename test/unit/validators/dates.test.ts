import { strict as assert } from 'node:assert';
import { daysInMonth, looksLikeDate8, pastDate, todayYmd } from '../../../server/src/engine/validators/dates';

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

  it('pastDate: a real date up to today (UTC+14), never tomorrow, however often it was asked before', () => {
    const at = (ms: number) => {
      const d = new Date(Date.now() + 14 * 3_600_000 + ms);
      return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()] as const;
    };
    for (let round = 0; round < 3; round++) {
      assert.equal(pastDate(1990, 3, 7), true);
      assert.equal(pastDate(...at(0)), true);
      assert.equal(pastDate(...at(2 * 86_400_000)), false);
      assert.equal(pastDate(1990, 2, 29), false);
    }
  });

  it('looksLikeDate8 reads at an offset', () => {
    assert.equal(looksLikeDate8('AB20240229', 2), true);
    assert.equal(looksLikeDate8('AB20241301', 2), false);
  });
});
