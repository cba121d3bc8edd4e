/**
 * Number formats of the travel documents that mainland China's National Immigration
 * Administration (国家移民管理局, NIA; formerly the MPS Exit and Entry Administration) issues.
 * None carries a check digit, so these are format checks only (rules using them are
 * context-only). Formats, as normalized values (upper-case, no separators or parentheses):
 *
 * Passports (护照; Passport Law of the PRC, 2007):
 *   E + 8 digits            ordinary e-passport (普通电子护照), 2012 until the E range ran out
 *   E + letter + 7 digits   ordinary e-passport since 5 April 2017 (EA…, EB…; no I or O), per
 *                           the NIA/MPS notice on the new ordinary passport number range
 *   G + 8 digits            ordinary passport before the e-passport (issued until 2012)
 *   DE / SE / PE + 7 digits diplomatic / service / official ordinary e-passports
 *   Not covered: the pre-2006 `14`/`15` + 7 digit numbers (all digits: indistinguishable from
 *   other numbers, and expired), the HKSAR (K…) and Macao SAR (MA…) passports.
 *
 * Exit-entry permits for Hong Kong and Macao (cn-hk-macau-permit):
 *   C + 8 digits            往来港澳通行证, card type issued to mainland residents since 2014
 *   C + letter + 7 digits   the same once the C + 8 digit range is used up (no I or O)
 *   W + 8 digits            往来港澳通行证, booklet type (before the card)
 *   H / M + 8 digits        港澳居民来往内地通行证 (回乡证, Home Return Permit) of Hong Kong /
 *                           Macao residents: 8-digit lifetime number (终身号)
 *   H / M + 10 digits       the same with the 2-digit renewal count, as printed before the
 *                           2012 card (MPS Exit and Entry Administration notice, 10 March 2010:
 *                           11 characters, 'H' Hong Kong, 'M' Macao, 8-digit lifetime number,
 *                           2 digits counting renewals from 00)
 *
 * Taiwan travel permits (cn-taiwan-permit):
 *   8 digits                台湾居民来往大陆通行证 (台胞证): since 25 September 2008 the
 *                           lifetime number only ("一人一号、终身不变", NIA, 中国出入境观察 2020)
 *   10 digits + letter      台胞证 booklets before that: lifetime number, 2-digit issue count
 *                           and the issuing office in parentheses, e.g. `1234567801(B)`
 *   L + 8 digits            往来台湾通行证 (大陆居民往来台湾通行证), card type
 *   An 8-digit value that reads as a date 19000101-20991231 is rejected: birth dates and expiry
 *   dates sit next to the same words, and a lifetime number looks like a date only about
 *   once in 1,400.
 */

import { looksLikeDate8 } from './dates';
import { allDigits, isDigit, isUpper } from './digits';

/** A serial letter: A-Z without I and O. */
function serialLetter(c: number): boolean {
  return isUpper(c) && c !== 73 && c !== 79;
}

/** Whether `v[start, end)` has the format of a PRC passport number (see above). Never throws. */
export function validCnPassport(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 9) return false;
  const a = v.charCodeAt(start);
  const b = v.charCodeAt(start + 1);
  if (a === 69 /* E */) {
    if (isDigit(b)) return allDigits(v, start + 2, end);
    return serialLetter(b) && allDigits(v, start + 2, end);
  }
  if (a === 71 /* G */) return allDigits(v, start + 1, end);
  if (a === 68 /* D */ || a === 83 /* S */ || a === 80 /* P */) return b === 69 && allDigits(v, start + 2, end);
  return false;
}

/**
 * Whether `v[start, end)` has the format of a Hong Kong / Macao exit-entry permit number:
 * 往来港澳通行证 (C…, W…) or 港澳居民来往内地通行证 (H…, M…). Never throws.
 */
export function validCnHkMacauPermit(v: string, start = 0, end = v.length): boolean {
  const len = end - start;
  if (len !== 9 && len !== 11) return false;
  const a = v.charCodeAt(start);
  if (a === 72 /* H */ || a === 77 /* M */) return allDigits(v, start + 1, end);
  if (len !== 9) return false;
  if (a === 87 /* W */) return allDigits(v, start + 1, end);
  if (a !== 67 /* C */) return false;
  const b = v.charCodeAt(start + 1);
  return (serialLetter(b) || isDigit(b)) && allDigits(v, start + 2, end);
}

/**
 * Whether `v[start, end)` has the format of a Taiwan travel permit number: 台胞证 (8 digits,
 * not date-shaped; or 10 digits and an issuing-office letter) or 往来台湾通行证 (L + 8 digits).
 * Never throws.
 */
export function validCnTaiwanPermit(v: string, start = 0, end = v.length): boolean {
  switch (end - start) {
    case 8:
      return allDigits(v, start, end) && !looksLikeDate8(v, start);
    case 9:
      return v.charCodeAt(start) === 76 /* L */ && allDigits(v, start + 1, end);
    case 11:
      return allDigits(v, start, end - 1) && isUpper(v.charCodeAt(end - 1));
    default:
      return false;
  }
}
