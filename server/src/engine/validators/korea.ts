/**
 * South Korean resident registration number (주민등록번호, RRN), Resident Registration Act;
 * foreigners' registration numbers (외국인등록번호) use the same layout:
 *
 *   YYMMDD-SBBBBNC   written with a dash after the birth date
 *     YYMMDD  date of birth
 *     S       sex and century: 9/0 = 1800s, 1/2 = 1900s, 3/4 = 2000s (Koreans; odd = male),
 *             5/6 = 1900s, 7/8 = 2000s (foreigners)
 *     BBBBN   until October 2020: the registration office's area code (00-96 in the first two
 *             digits) and a sequence number
 *     C       until October 2020: check digit, (11 - sum(d_i * w_i) mod 11) mod 10 with weights
 *             2,3,4,5,6,7,8,9,2,3,4,5
 *
 * Since 5 October 2020 (Ministry of the Interior and Safety reform of the numbering scheme) the
 * six digits after S are assigned at random for every newly assigned number: no area code and no
 * check digit. New numbers go to newborns, naturalized citizens and people granted a change of
 * number, so a number without a valid check digit can be genuine.
 *
 * Verdict (rrnVerdict):
 *   - INVALID    not 13 digits, an impossible or future birth date, or a pre-1900 number whose
 *                check digit fails (nobody born in the 1800s was assigned a new-style number);
 *   - CHECKSUM   area code 00-96 and the check digit holds;
 *   - STRUCTURE  otherwise, born in 2020 or later: the number may be new-style and has no check
 *                digit to fail (babies born before October 2020 but registered after it, within
 *                the legal month or late, also got new-style numbers, hence the whole year);
 *   - WEAK       otherwise, born 1900-2019: possibly a number assigned since the reform
 *                (naturalization, change of number), possibly a typo.
 * The kr-rrn rule requires context, so every non-INVALID verdict needs a hotword or header.
 */

import { pastDate } from './dates';
import { CHECKSUM, INVALID, STRUCTURE, WEAK, type Verdict } from './types';

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
/** Century by the sex/century digit. */
const CENTURY = [1800, 1900, 1900, 2000, 2000, 1900, 1900, 2000, 2000, 1800];

function digitAt(v: string, i: number): number {
  const d = v.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * The check digit for the first 12 digits of an RRN.
 * @throws RangeError when `body12` is not 12 ASCII digits.
 */
export function rrnCheckDigit(body12: string): string {
  if (!/^\d{12}$/.test(body12)) throw new RangeError('rrnCheckDigit: expected 12 digits');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (body12.charCodeAt(i) - 48) * WEIGHTS[i];
  return String((11 - (sum % 11)) % 10);
}

/**
 * The birth year encoded in an RRN (from YY and the sex/century digit), or -1 when the date is
 * not a real date or lies in the future. Reads `v[start, start + 7)`.
 */
function birthYear(v: string, start: number): number {
  let ymd = 0;
  for (let i = 0; i < 7; i++) {
    const d = digitAt(v, start + i);
    if (d < 0) return -1;
    if (i < 6) ymd = ymd * 10 + d;
  }
  const year = CENTURY[v.charCodeAt(start + 6) - 48] + Math.floor(ymd / 10000);
  const month = Math.floor(ymd / 100) % 100;
  const day = ymd % 100;
  return pastDate(year, month, day) ? year : -1;
}

/** The verdict for `v[start, end)` as an RRN; see the module comment. Never throws. */
export function rrnVerdict(v: string, start = 0, end = v.length): Verdict {
  if (end - start !== 13) return INVALID;
  const year = birthYear(v, start);
  if (year < 0) return INVALID;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const d = digitAt(v, start + i);
    if (d < 0) return INVALID;
    sum += d * WEIGHTS[i];
  }
  const c = digitAt(v, start + 12);
  if (c < 0) return INVALID;
  const area = digitAt(v, start + 7) * 10 + digitAt(v, start + 8);
  if ((11 - (sum % 11)) % 10 === c && area <= 96) return CHECKSUM;
  if (year >= 2020) return STRUCTURE;
  return year < 1900 ? INVALID : WEAK;
}

/** Whether `v[start, end)` is an RRN with a verified check digit (old-style numbers). */
export function validRrnChecksum(v: string, start = 0, end = v.length): boolean {
  return rrnVerdict(v, start, end) === CHECKSUM;
}
