// Long numbers that Excel has already damaged. Excel keeps 15 significant digits: an 18-digit
// ID or a 16–19-digit card typed into a General cell becomes 1.10105E+17 on screen and in CSV
// exports, or keeps its first 15 digits followed by zeros. The lost digits cannot be recovered;
// the value is still partly sensitive, and the sheet must be re-exported with the column as Text.
import { cardBrand } from './bankCard';
import { isKnownRegionCode } from './cnRegionCodes';
import { hasBirthDate } from './cnResidentId';
import { INVALID, STRUCTURE, WEAK, type Verdict } from './types';

/**
 * Verdict on a normalized value of either form: scientific `110105E17` (mantissa digits, E,
 * exponent; the decimal point and '+' are dropped by normalization) or truncated
 * `110105199003071000`. STRUCTURE where the digits left still show a resident ID (region code,
 * birth date) or a card with several zeros lost; WEAK for the rest (reported with a header or
 * hotword only).
 */
export function excelMangledVerdict(v: string, start = 0, end = v.length): Verdict {
  let e = -1;
  for (let i = start; i < end; i++) {
    const c = v.charCodeAt(i);
    if (c === 69 /* E */) {
      if (e !== -1) return INVALID;
      e = i;
    } else if (c < 48 || c > 57) return INVALID;
  }
  return e === -1 ? truncated(v, start, end) : scientific(v, start, e, end);
}

function scientific(v: string, start: number, e: number, end: number): Verdict {
  const mantissa = e - start;
  if (mantissa < 1 || mantissa > 15 || end - e < 2 || end - e > 3) return INVALID;
  let exponent = 0;
  for (let i = e + 1; i < end; i++) exponent = exponent * 10 + v.charCodeAt(i) - 48;
  const digits = exponent + 1;
  if (digits < 13 || digits > 19 || mantissa >= digits) return INVALID;
  if (digits === 18 && mantissa >= 6 && isKnownRegionCode(v, start)) return STRUCTURE;
  if (mantissa >= 2 && cardBrand(v, start, e) !== undefined) return WEAK;
  return digits === 18 && v.charCodeAt(start) >= 49 && v.charCodeAt(start) <= 56 ? WEAK : INVALID;
}

function truncated(v: string, start: number, end: number): Verdict {
  const n = end - start;
  if (n < 16 || n > 19) return INVALID;
  for (let i = start + 15; i < end; i++) if (v.charCodeAt(i) !== 48) return INVALID;
  if (n === 18 && isKnownRegionCode(v, start) && hasBirthDate(v, start + 6)) return STRUCTURE;
  if (cardBrand(v, start, end) === undefined) return INVALID;
  return n - 15 >= 3 ? STRUCTURE : WEAK;
}
