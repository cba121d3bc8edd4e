// Date readers shared by the validators: birth dates inside numbers, and numbers that are dates
// rather than identifiers. They read in place and allocate nothing.

const DAY_MS = 86_400_000;
/** Dates are taken at UTC+14, the earliest time zone: a birth "today" anywhere is never the future. */
const AHEAD_MS = 14 * 3_600_000;

// Today as YYYYMMDD, cached until the next day starts at UTC+14.
let today = 0;
let todayValidUntil = 0;

/** Today as YYYYMMDD at UTC+14. */
export function todayYmd(): number {
  const now = Date.now();
  if (now >= todayValidUntil) {
    const d = new Date(now + AHEAD_MS);
    today = d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
    todayValidUntil = Math.floor((now + AHEAD_MS) / DAY_MS) * DAY_MS + DAY_MS - AHEAD_MS;
  }
  return today;
}

/** Days in a month (1-12) of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether the 8 digits at `at` read as a calendar date YYYYMMDD in 1900-2099 (a loose check:
 * day 1-31 with the month's length, February up to 29). The caller ensures they are digits.
 */
export function looksLikeDate8(v: string, at: number): boolean {
  const cc = (v.charCodeAt(at) - 48) * 10 + (v.charCodeAt(at + 1) - 48);
  if (cc !== 19 && cc !== 20) return false;
  const month = (v.charCodeAt(at + 4) - 48) * 10 + (v.charCodeAt(at + 5) - 48);
  const day = (v.charCodeAt(at + 6) - 48) * 10 + (v.charCodeAt(at + 7) - 48);
  if (month < 1 || month > 12 || day < 1) return false;
  // 2000 is a leap year: February up to 29.
  return day <= daysInMonth(2000, month);
}

/** Whether year/month/day is a real date of the Gregorian calendar, not after today (UTC+14). */
export function pastDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  const ymd = year * 10000 + month * 100 + day;
  // Not after the day last read is not after today: the clock is read only for a later date.
  return ymd <= today || ymd <= todayYmd();
}
