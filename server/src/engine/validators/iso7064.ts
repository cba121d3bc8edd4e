/**
 * ISO 7064 MOD 11-2 (pure system, radix 2, modulus 11): one check character over digits,
 * `0`-`9` or `X` for 10. Used by the 18-digit Chinese resident ID number (GB 11643-1999) and
 * ISNI/ORCID among others.
 *
 * For a body a_1..a_n the check c satisfies  sum(a_i * 2^(n+1-i)) + c ≡ 1 (mod 11),
 * computed here with Horner's rule: p = ((p + a_i) * 2) mod 11.
 */

/**
 * Whether `value` (digits, the last one a digit or `X`; at least 2 characters) carries a
 * correct MOD 11-2 check character. A lower-case `x` is accepted too. Never throws.
 */
export function mod11_2Valid(value: string, start = 0, end = value.length): boolean {
  if (end - start < 2) return false;
  let p = 0;
  for (let i = start; i < end - 1; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    p = ((p + d) * 2) % 11;
  }
  const last = value.charCodeAt(end - 1);
  let c: number;
  if (last >= 48 && last <= 57) c = last - 48;
  else if (last === 88 /* X */ || last === 120 /* x */) c = 10;
  else return false;
  return (p + c) % 11 === 1;
}

/**
 * The MOD 11-2 check character (`0`-`9` or `X`) for `body` (ASCII digits).
 * @throws RangeError when `body` holds a non-digit.
 */
export function mod11_2CheckChar(body: string): string {
  let p = 0;
  for (let i = 0; i < body.length; i++) {
    const d = body.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError('mod11_2CheckChar: body must be ASCII digits');
    p = ((p + d) * 2) % 11;
  }
  const c = (12 - p) % 11;
  return c === 10 ? 'X' : String(c);
}
