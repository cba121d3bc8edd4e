/**
 * Chinese resident identity card numbers (居民身份证号码), GB 11643-1999:
 *
 *   18 digits: RRRRRR YYYYMMDD SSS C
 *     RRRRRR   administrative division code (GB/T 2260) where the number was first issued;
 *              810000 / 820000 / 830000 for the residence permits of Hong Kong, Macau and
 *              Taiwan residents (港澳台居民居住证, 2018), which use the same format
 *     YYYYMMDD date of birth
 *     SSS      sequence number (odd for men, even for women)
 *     C        ISO 7064 MOD 11-2 check character, `0`-`9` or `X`
 *
 *   15 digits (first generation, issued until 2004 and still found in old records):
 *     RRRRRR YYMMDD SSS, birth year 19YY, no check digit.
 */

import { isKnownRegionCode } from './cnRegionCodes';
import { pastDate } from './dates';
import { allDigits, readInt } from './digits';
import { mod11_2CheckChar, mod11_2Valid } from './iso7064';

export interface BirthDate {
  year: number;
  month: number;
  day: number;
}

const MIN_YEAR = 1900;

/** Whether year/month/day is a real date, year ≥ 1900 and not after today. */
function realBirthDate(year: number, month: number, day: number): boolean {
  return year >= MIN_YEAR && pastDate(year, month, day);
}

/** Whether the 8 digits at `at` are a real birth date YYYYMMDD (1900 to today). */
export function hasBirthDate(v: string, at: number): boolean {
  return realBirthDate(readInt(v, at, 4), readInt(v, at + 4, 2), readInt(v, at + 6, 2));
}

/**
 * Full check of an 18-character resident ID (or HK/Macau/Taiwan residence permit) number:
 * 17 digits then a digit or `X`, known region code, real birth date (1900..today), and the
 * ISO 7064 MOD 11-2 check character. Never throws.
 */
export function validResidentId18(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 18) return false;
  // mod11_2Valid also rejects non-digits in the body and a bad last character.
  if (!mod11_2Valid(v, start, end)) return false;
  if (!hasBirthDate(v, start + 6)) return false;
  return isKnownRegionCode(v, start);
}

/**
 * Structure check of a legacy 15-digit resident ID: 15 digits, known region code, and a real
 * birth date 19YYMMDD. There is no check digit. Never throws.
 */
export function validResidentId15(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 15 || !allDigits(v, start, end)) return false;
  if (!realBirthDate(1900 + readInt(v, start + 6, 2), readInt(v, start + 8, 2), readInt(v, start + 10, 2))) return false;
  return isKnownRegionCode(v, start);
}

/**
 * The check character (`0`-`9` or `X`) for the first 17 digits of an 18-digit number.
 * @throws RangeError when `body17` is not 17 ASCII digits.
 */
export function residentIdCheckChar(body17: string): string {
  if (body17.length !== 17) throw new RangeError('residentIdCheckChar: expected 17 digits');
  return mod11_2CheckChar(body17);
}

/**
 * The birth date encoded in an 18- or 15-character resident ID number, or undefined when the
 * length is wrong or the date is not a real date between 1900 and today. Checks nothing else.
 */
export function residentIdBirthDate(v: string): BirthDate | undefined {
  let year: number;
  let at: number;
  if (v.length === 18) {
    year = readInt(v, 6, 4);
    at = 10;
  } else if (v.length === 15) {
    const yy = readInt(v, 6, 2);
    year = yy < 0 ? -1 : 1900 + yy;
    at = 8;
  } else {
    return undefined;
  }
  const month = readInt(v, at, 2);
  const day = readInt(v, at + 2, 2);
  return realBirthDate(year, month, day) ? { year, month, day } : undefined;
}
