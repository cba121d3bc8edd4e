/** Korean resident registration numbers, drawn from an Rng: a real birth date, sex/century digit and check digit. */

import { rrnCheckDigit } from '../validators/korea';
import { daysIn, pad, randInt, randomDigits, type Rng } from './keyedRandom';

export interface RrnOptions {
  /** Birth years to draw from (inclusive); default 1930..2019 (old-style numbers with a check digit). */
  fromYear?: number;
  toYear?: number;
  /** A foreigner's registration number (sex/century digit 5-8). */
  foreigner?: boolean;
}

/** A valid RRN with a check digit (old-style, area code 00-96), compact 13 digits. */
export function synthRrn(rng: Rng, opts: RrnOptions = {}): string {
  const year = randInt(rng, opts.fromYear ?? 1930, opts.toYear ?? 2019);
  const month = randInt(rng, 1, 12);
  const day = randInt(rng, 1, daysIn(year, month));
  const male = rng() < 0.5;
  const base = year >= 2000 ? 3 : year >= 1900 ? 1 : 9;
  let s = base === 9 ? (male ? 9 : 0) : base + (male ? 0 : 1);
  if (opts.foreigner && base !== 9) s += 4;
  const body = pad(year % 100, 2) + pad(month, 2) + pad(day, 2) + String(s) + pad(randInt(rng, 0, 96), 2) + randomDigits(rng, 3);
  return body + rrnCheckDigit(body);
}

/** A fake, a foreigner's number when the value is one (sex/century digit 5-8). */
export function fakeRrn(template: string, rng: Rng): string | undefined {
  if (template.length !== 13) return undefined;
  const s = template.charCodeAt(6) - 48;
  return synthRrn(rng, { foreigner: s >= 5 && s <= 8 });
}
