/**
 * Taiwan national identification number (中華民國國民身分證統一編號) and the resident
 * certificate UI number (統一證號, on the ARC / 居留證 of foreign and mainland residents):
 *
 *   L G DDDDDDD C    10 characters
 *     L  letter of the issuing municipality/county (A-Z, each with a two-digit code below)
 *     G  1 / 2       national ID, male / female
 *        8 / 9       UI number issued since 2 January 2021, male / female
 *        A-D         UI number issued until 1 January 2021 (valid until the end of 2030):
 *                    A / C male, B / D female; the letter counts as the last digit of its
 *                    code (A 0, B 1, C 2, D 3)
 *     D  7 digits
 *     C  check digit
 *
 * Check: the letter's two-digit code n1 n2, then the 9 following digits d1..d9 (d9 = check):
 *   n1·1 + n2·9 + d1·8 + d2·7 + d3·6 + d4·5 + d5·4 + d6·3 + d7·2 + d8·1 + d9·1 ≡ 0 (mod 10).
 *
 * Letter codes (Ministry of the Interior; the same table in koblas/stdnum-js src/tw/natid.ts):
 *   A10 B11 C12 D13 E14 F15 G16 H17 I34 J18 K19 L20 M21 N22 O35 P23 Q24 R25 S26 T27 U28 V29
 *   W32 X30 Y31 Z33
 *
 * Sources: Ministry of Finance, "Taiwan TIN" (mof.gov.tw/Eng/download/16968); the vectors in
 * shared/testdata/vectors/tw-id.*.txt (stdnum-js src/tw/natid.spec.ts). Older stdnum-js
 * versions computed the letter as one value (A = 10 with weight 1) and accepted `A200501503`;
 * the fix (commit e1aae3a, "correct checksum for Taiwan ID numbers") uses n1 + 9·n2 as here.
 */

/** Two-digit code per letter A..Z. */
const LETTER_CODES = [10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33];

/** Value of the second character: 1, 2, 8, 9 as digits; A-D as 0-3 (old UI numbers); -1 otherwise. */
function secondValue(code: number): number {
  if (code === 49 || code === 50 || code === 56 || code === 57) return code - 48;
  if (code >= 65 && code <= 68) return code - 65;
  return -1;
}

/** Weighted sum of the first 9 characters at `at` (letter, second char, 7 digits); -1 if malformed. */
function bodySum(v: string, at: number): number {
  const l = v.charCodeAt(at) - 65;
  if (l < 0 || l > 25) return -1;
  const code = LETTER_CODES[l];
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  const g = secondValue(v.charCodeAt(at + 1));
  if (g < 0) return -1;
  sum += g * 8;
  for (let i = 2; i < 9; i++) {
    const d = v.charCodeAt(at + i) - 48;
    if (d < 0 || d > 9) return -1;
    sum += d * (9 - i);
  }
  return sum;
}

/**
 * Whether `v[start, end)` is a Taiwan national ID or UI number with a correct check digit
 * (upper-case, 10 characters). Never throws.
 */
export function validTwId(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 10) return false;
  const sum = bodySum(v, start);
  if (sum < 0) return false;
  const c = v.charCodeAt(start + 9) - 48;
  if (c < 0 || c > 9) return false;
  return (sum + c) % 10 === 0;
}

/**
 * The check digit for the first 9 characters of a Taiwan ID / UI number
 * (a letter, then 1, 2, 8, 9 or A-D, then 7 digits).
 * @throws RangeError for any other body.
 */
export function twIdCheckDigit(body9: string): string {
  const sum = body9.length === 9 ? bodySum(body9, 0) : -1;
  if (sum < 0) throw new RangeError('twIdCheckDigit: expected a letter, 1/2/8/9 or A-D, and 7 digits');
  return String((10 - (sum % 10)) % 10);
}
