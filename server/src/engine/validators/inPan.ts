/**
 * Indian Permanent Account Number (PAN), Income Tax Department (Income-tax Act 1961, s. 139A):
 *
 *   AAAPL1234C   three letters (a series), the holder type, the initial of the holder's surname
 *                (or name), a 4-digit serial 0001-9999, and a letter
 *
 * Holder types (4th letter): A association of persons, B body of individuals, C company, F firm
 * or LLP, G government agency, H Hindu undivided family, L local authority, J artificial
 * juridical person, P individual, T trust, K krish (as listed by python-stdnum `in_.pan`). The
 * last letter is a check character computed by an unpublished algorithm, so this is a structure
 * check only.
 */

import { isUpper } from './digits';

/** Holder-type letters, as a bit mask over A..Z. */
const HOLDER_TYPES = (() => {
  let m = 0;
  for (const c of 'ABCFGHLJPTK') m |= 1 << (c.charCodeAt(0) - 65);
  return m;
})();

/**
 * Whether `v[start, end)` is a structurally valid PAN: 5 upper-case letters (the 4th a holder
 * type), 4 digits not 0000, an upper-case letter. Never throws.
 */
export function validPan(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 10) return false;
  for (let i = 0; i < 5; i++) if (!isUpper(v.charCodeAt(start + i))) return false;
  if (((HOLDER_TYPES >> (v.charCodeAt(start + 3) - 65)) & 1) === 0) return false;
  let serial = 0;
  for (let i = 5; i < 9; i++) {
    const d = v.charCodeAt(start + i) - 48;
    if (d < 0 || d > 9) return false;
    serial = serial * 10 + d;
  }
  return serial !== 0 && isUpper(v.charCodeAt(start + 9));
}
