/**
 * ISO 7064 check character systems (python-stdnum `iso7064`):
 *
 * MOD 11-2 (pure system, radix 2, modulus 11): one check character over digits, `0`-`9` or `X`
 * for 10. Used by the 18-digit Chinese resident ID number (GB 11643-1999) and ISNI/ORCID among
 * others. For a body a_1..a_n the check c satisfies  sum(a_i * 2^(n+1-i)) + c ≡ 1 (mod 11),
 * computed here with Horner's rule: p = ((p + a_i) * 2) mod 11, and c = (12 - p) mod 11.
 *
 * MOD 11,10 (hybrid system with moduli 11 and 10): one check digit over digits. Used by the
 * German tax ID (steuerId.ts). Starting from p = 10, each digit gives s = (p + a_i) mod 10
 * (0 read as 10) and p = 2s mod 11; the check digit is (11 - p) mod 10.
 */

/** The MOD 11-2 check value (0-10) of the digits `v[start, end)`; -1 for a non-digit. */
function mod11_2CheckValue(v: string, start: number, end: number): number {
  let p = 0;
  for (let i = start; i < end; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    p = ((p + d) * 2) % 11;
  }
  return (12 - p) % 11;
}

/**
 * Whether `value` (digits, the last one a digit or `X`; at least 2 characters) carries a
 * correct MOD 11-2 check character. A lower-case `x` is accepted too. Never throws.
 */
export function mod11_2Valid(value: string, start = 0, end = value.length): boolean {
  if (end - start < 2) return false;
  const check = mod11_2CheckValue(value, start, end - 1);
  if (check < 0) return false;
  const last = value.charCodeAt(end - 1);
  return check === 10 ? last === 88 /* X */ || last === 120 /* x */ : last === 48 + check;
}

/**
 * The MOD 11-2 check character (`0`-`9` or `X`) for `body` (ASCII digits).
 * @throws RangeError when `body` holds a non-digit.
 */
export function mod11_2CheckChar(body: string): string {
  const check = mod11_2CheckValue(body, 0, body.length);
  if (check < 0) throw new RangeError('mod11_2CheckChar: body must be ASCII digits');
  return check === 10 ? 'X' : String(check);
}

/** The MOD 11,10 check digit (0-9) of the digits `v[start, end)`; -1 for a non-digit. */
function mod11_10CheckValue(v: string, start: number, end: number): number {
  let p = 10;
  for (let i = start; i < end; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    const s = (p + d) % 10 || 10;
    p = (s * 2) % 11;
  }
  return (11 - p) % 10;
}

/**
 * Whether `digits[start, end)` (ASCII digits, at least 2) ends in a correct ISO 7064 MOD 11,10
 * check digit. Never throws.
 */
export function mod11_10Valid(digits: string, start = 0, end = digits.length): boolean {
  if (end - start < 2) return false;
  const check = mod11_10CheckValue(digits, start, end - 1);
  return check >= 0 && digits.charCodeAt(end - 1) === 48 + check;
}

/**
 * The ISO 7064 MOD 11,10 check digit for `body` (ASCII digits).
 * @throws RangeError when `body` holds a non-digit.
 */
export function mod11_10CheckDigit(body: string): string {
  const check = mod11_10CheckValue(body, 0, body.length);
  if (check < 0) throw new RangeError('mod11_10CheckDigit: body must be ASCII digits');
  return String(check);
}
