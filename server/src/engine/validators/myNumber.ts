/**
 * Japanese Individual Number (個人番号, "My Number"), Act on the Use of Numbers to Identify a
 * Specific Individual in Administrative Procedures (番号法, 2013): 12 digits, 11 assigned digits
 * and a check digit. The number encodes no personal data.
 *
 * Check digit (MIC ordinance on the Individual Number, 平成26年総務省令第85号): with P_n the n-th
 * digit counted from the right of the 11-digit body (n = 1..11) and Q_n = n + 1 for n ≤ 6,
 * n - 5 for n ≥ 7 (weights 6,5,4,3,2,7,6,5,4,3,2 left to right), r = Σ P_n·Q_n mod 11 and the
 * check digit is 0 when r ≤ 1, else 11 - r.
 *
 * Not to be confused with the 13-digit Corporate Number (法人番号), which has its check digit first.
 */

import { oneRepeatedChar } from './digits';

const WEIGHTS = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** The check digit (0-9) of the 11 characters at `at`; -1 for a non-digit. */
function checkDigitAt(v: string, at: number): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    const d = v.charCodeAt(at + i) - 48;
    if (d < 0 || d > 9) return -1;
    sum += d * WEIGHTS[i];
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

/**
 * Whether `v[start, end)` is a valid Individual Number: 12 ASCII digits, not one repeated digit
 * (000000000000 passes the arithmetic), and a correct check digit. Never throws.
 */
export function validMyNumber(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 12) return false;
  const check = checkDigitAt(v, start);
  if (check < 0 || v.charCodeAt(end - 1) !== 48 + check) return false;
  // Rare once the check digit holds: only then look for one repeated digit.
  return !oneRepeatedChar(v, start, end);
}

/**
 * The check digit for an 11-digit body.
 * @throws RangeError when `body11` is not 11 ASCII digits.
 */
export function myNumberCheckDigit(body11: string): string {
  const check = body11.length === 11 ? checkDigitAt(body11, 0) : -1;
  if (check < 0) throw new RangeError('myNumberCheckDigit: expected 11 digits');
  return String(check);
}
