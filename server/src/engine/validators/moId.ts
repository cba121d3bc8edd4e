/**
 * Macao resident identity card number (澳門居民身份證 / Bilhete de Identidade de Residente, BIR),
 * issued by the Identification Services Bureau (DSI):
 *
 *   N NNNNNN (C)     8 digits, written `1234567(8)` (sometimes `1/234567/8`); the first digit
 *                    is 1, 5 or 7, the ranges public descriptions of the card show (e.g.
 *                    zh.wikipedia 澳門居民身份證); not verified against a DSI publication.
 *
 * The last digit is a check digit, but its algorithm is not published, so this is a format
 * check only (the rule using it is context-only). A value that reads as a date 19YYMMDD is
 * rejected: 8-digit birth dates sit next to the same words.
 */

import { looksLikeDate8 } from './dates';
import { allDigits } from './digits';

/** Whether `v[start, end)` has the format of a Macao BIR number. Never throws. */
export function validMoId(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 8) return false;
  const first = v.charCodeAt(start);
  if (first !== 49 && first !== 53 && first !== 55) return false;
  return allDigits(v, start + 1, end) && !looksLikeDate8(v, start);
}
