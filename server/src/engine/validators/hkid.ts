/**
 * Hong Kong identity card number (HKID, 香港身份證號碼), issued by the Immigration Department
 * under the Registration of Persons Ordinance (Cap. 177):
 *
 *   @ 123456 (C)     1 or 2 letters, 6 digits, and a check character 0-9 or A, printed in
 *                    parentheses: `A123456(3)`, `AB987654(3)`; also written `A1234567`.
 *
 * Check character: weighted sum mod 11 over 9 positions, a one-letter number padded on the left
 * with a space. Values: space = 36, A = 10 … Z = 35, digits as themselves, check `A` = 10;
 * weights 9 8 7 6 5 4 3 2 and 1 for the check character; the total must be divisible by 11.
 * (The immigration department publishes no specification; this is the algorithm of
 * python-stdnum-like libraries, e.g. koblas/stdnum-js src/hk/hkid.ts, and of the public
 * vectors in shared/testdata/vectors/hk-id.*.txt: `G123456A`, `AB9876543`, …)
 *
 * Every letter A-Z is accepted in the prefix: published lists of prefixes disagree and grow
 * (two-letter prefixes are rare), and the check character is what we verify.
 */

/** Letter value A = 10 … Z = 35; -1 otherwise. */
function letterValue(code: number): number {
  return code >= 65 && code <= 90 ? code - 55 : -1;
}

const SPACE = 36;

/**
 * Weighted sum (mod 11 not yet taken) of the letters and 6 digits of `v[start, start + letters + 6)`,
 * the space padding included; -1 for a character out of place.
 */
function weightedSum(v: string, start: number, letters: number): number {
  let sum = 0;
  let w = 9;
  if (letters === 1) {
    sum = SPACE * 9;
    w = 8;
  }
  for (let i = start; i < start + letters; i++) {
    const x = letterValue(v.charCodeAt(i));
    if (x < 0) return -1;
    sum += x * w--;
  }
  for (let i = start + letters; i < start + letters + 6; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    sum += d * w--;
  }
  return sum;
}

/**
 * Whether `v[start, end)` is an HKID number with a correct check character: 1-2 letters A-Z,
 * 6 digits, and 0-9 or A (upper-case, no parentheses: the normalized value `A1234563`).
 * Never throws.
 */
export function validHkid(v: string, start = 0, end = v.length): boolean {
  const len = end - start;
  if (len !== 8 && len !== 9) return false;
  const sum = weightedSum(v, start, len - 7);
  if (sum < 0) return false;
  const c = v.charCodeAt(end - 1);
  let check: number;
  if (c >= 48 && c <= 57) check = c - 48;
  else if (c === 65) check = 10;
  else return false;
  return (sum + check) % 11 === 0;
}

/**
 * The check character (`0`-`9` or `A`) for an HKID body: 1-2 upper-case letters and 6 digits.
 * @throws RangeError for any other body.
 */
export function hkidCheckChar(body: string): string {
  const letters = body.length - 6;
  if ((letters !== 1 && letters !== 2) || !/^[A-Z]{1,2}[0-9]{6}$/.test(body)) {
    throw new RangeError('hkidCheckChar: expected 1-2 letters A-Z and 6 digits');
  }
  const check = (11 - (weightedSum(body, 0, letters) % 11)) % 11;
  return check === 10 ? 'A' : String(check);
}
