/**
 * United Kingdom National Insurance number (NINO), HMRC National Insurance Manual NIM39110:
 *
 *   AB 12 34 56 C   two prefix letters, six digits, a suffix A, B, C or D (the suffix is
 *                   sometimes left out, so 8 characters are accepted too)
 *
 * Prefix rules: D, F, I, Q, U and V are never used as either letter; O is never the second
 * letter; BG, GB, KN, NK, NT, TN and ZZ are not allocated (TN marks temporary numbers). There is
 * no check character: structure only.
 */

import { allDigits } from './digits';

/** Letters never used in a prefix, as a bit mask over A..Z. */
const NEVER = bits('DFIQUV');
const NEVER_SECOND = NEVER | bits('O');
const BAD_PREFIXES = ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].map((p) => (p.charCodeAt(0) - 65) * 26 + (p.charCodeAt(1) - 65));

function bits(letters: string): number {
  let m = 0;
  for (let i = 0; i < letters.length; i++) m |= 1 << (letters.charCodeAt(i) - 65);
  return m;
}

function letterIndex(c: number): number {
  return c >= 65 && c <= 90 ? c - 65 : -1;
}

/**
 * Whether `v[start, end)` is a structurally valid NINO: upper-case prefix letters by the rules
 * above, six digits, and an optional suffix A-D. Never throws.
 */
export function validNino(v: string, start = 0, end = v.length): boolean {
  const n = end - start;
  if (n !== 8 && n !== 9) return false;
  const a = letterIndex(v.charCodeAt(start));
  const b = letterIndex(v.charCodeAt(start + 1));
  if (a < 0 || b < 0 || (NEVER >> a) & 1 || (NEVER_SECOND >> b) & 1) return false;
  if (BAD_PREFIXES.includes(a * 26 + b)) return false;
  if (!allDigits(v, start + 2, start + 8)) return false;
  if (n === 9) {
    const s = v.charCodeAt(start + 8);
    if (s < 65 || s > 68) return false;
  }
  return true;
}
