/**
 * Canadian Social Insurance Number (SIN), Employment and Social Development Canada: 9 digits,
 * written `123 456 782` or `123-456-782`, the last a Luhn check digit (ISO/IEC 7812-1 Annex B).
 * The first digit tells where or to whom it was issued: 1-7 the provinces and territories, 9
 * temporary residents. 0 is not assigned (fictitious numbers) and 8 is used for business
 * numbers, so neither starts a SIN.
 */

import { luhnValid } from './luhn';

/**
 * Whether `v[start, end)` is a valid SIN: 9 ASCII digits, first digit not 0 or 8, Luhn check.
 * Never throws.
 */
export function validSin(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 9) return false;
  const first = v.charCodeAt(start);
  if (first === 48 || first === 56) return false;
  return luhnValid(v, start, end);
}
