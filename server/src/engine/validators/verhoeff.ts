/**
 * Verhoeff check digit (J. Verhoeff, "Error Detecting Decimal Codes", 1969): the multiplication
 * table of the dihedral group D5 with a position-dependent permutation. It catches every
 * single-digit error and every transposition of adjacent digits.
 *
 * Used by the Indian Aadhaar number (UIDAI, "A UID Numbering Scheme", 2010): 12 digits, the
 * first 11 random with the first one never 0 or 1 (reserved), the last a Verhoeff check digit.
 */

/** d(j, k): the D5 group operation. */
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

/** p(i mod 8, n): the permutation applied to the digit i places from the right. */
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** inv(j): the inverse in D5. */
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/**
 * Whether `digits[start, end)` (ASCII digits, at least 2) ends in a correct Verhoeff check
 * digit. Never throws.
 */
export function verhoeffValid(digits: string, start = 0, end = digits.length): boolean {
  if (end - start < 2) return false;
  let c = 0;
  for (let i = end - 1, pos = 0; i >= start; i--, pos++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    c = D[c][P[pos & 7][d]];
  }
  return c === 0;
}

/**
 * The Verhoeff check digit to append to `body` (ASCII digits).
 * @throws RangeError when `body` holds a non-digit.
 */
export function verhoeffCheckDigit(body: string): string {
  let c = 0;
  // The check digit will take position 0, so the body's last digit is at position 1.
  for (let i = body.length - 1, pos = 1; i >= 0; i--, pos++) {
    const d = body.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError('verhoeffCheckDigit: body must be ASCII digits');
    c = D[c][P[pos & 7][d]];
  }
  return String(INV[c]);
}

/**
 * Whether `v[start, end)` is a valid Aadhaar number: 12 digits, the first 2-9, not a palindrome
 * (python-stdnum and stdnum-js reject those as never issued: `200009900002` passes Verhoeff but
 * is a filler), and a correct Verhoeff check digit. Never throws.
 */
export function validAadhaar(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 12) return false;
  const first = v.charCodeAt(start);
  if (first < 50 || first > 57) return false;
  let palindrome = true;
  for (let i = 0; i < 6; i++) {
    if (v.charCodeAt(start + i) !== v.charCodeAt(end - 1 - i)) {
      palindrome = false;
      break;
    }
  }
  if (palindrome) return false;
  return verhoeffValid(v, start, end);
}
