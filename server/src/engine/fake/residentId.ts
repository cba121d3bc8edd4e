/**
 * Resident identity card numbers (居民身份证号码): 18-digit (GB 11643-1999) and legacy 15-digit.
 * Drawn from an Rng: a real GB/T 2260 region code, a real birth date, a random sequence number
 * and, for 18 digits, the ISO 7064 MOD 11-2 check character: valid for validResidentId18 /
 * validResidentId15, random otherwise.
 */

import { regionCodeList } from '../validators/cnRegionCodes';
import { residentIdCheckChar } from '../validators/cnResidentId';
import { pad, pick, randomDate, randomDigits, type Rng } from './keyedRandom';

let ordinaryRegions: number[] | undefined;

/** Region codes from the GB/T 2260 table, without the 81/82/83 permit prefixes. */
export function ordinaryRegionCodes(): readonly number[] {
  ordinaryRegions ??= Array.from(regionCodeList()).filter((c) => c < 710000);
  return ordinaryRegions;
}

/** A random ordinary region code, 6 digits. */
export function randomRegion(rng: Rng): string {
  return pad(pick(rng, ordinaryRegionCodes()), 6);
}

export interface ResidentIdOptions {
  /** Keep drawing until the check character is `X` (about 1 in 11 numbers). */
  checkX?: boolean;
  /** Birth years to draw from (inclusive); default 1930..2015. */
  fromYear?: number;
  toYear?: number;
  /** A residence permit for Hong Kong (810000), Macau (820000) or Taiwan (830000) residents. */
  permit?: 'hk' | 'mo' | 'tw';
}

const PERMIT_PREFIX = { hk: '810000', mo: '820000', tw: '830000' } as const;

/** A valid 18-digit resident ID number: real region code, real date, correct check char. */
export function synthResidentId(rng: Rng, opts: ResidentIdOptions = {}): string {
  const fromYear = opts.fromYear ?? 1930;
  const toYear = opts.toYear ?? 2015;
  for (;;) {
    const region = opts.permit ? PERMIT_PREFIX[opts.permit] : randomRegion(rng);
    const body = region + randomDate(rng, fromYear, toYear) + randomDigits(rng, 3);
    const check = residentIdCheckChar(body);
    if (opts.checkX && check !== 'X') continue;
    return body + check;
  }
}

/** A valid legacy 15-digit resident ID number: real region code, real 19YYMMDD date. */
export function synthResidentId15(rng: Rng): string {
  const region = randomRegion(rng);
  return region + randomDate(rng, 1900, 1999).slice(2) + randomDigits(rng, 3);
}

const PERMIT_OF: Record<string, ResidentIdOptions['permit']> = { '81': 'hk', '82': 'mo', '83': 'tw' };

/** A fake of an 18-digit ID: a residence permit stays a permit of the same region (81/82/83). */
export function fakeResidentId(template: string, rng: Rng): string | undefined {
  if (template.length !== 18) return undefined;
  return synthResidentId(rng, { permit: PERMIT_OF[template.slice(0, 2)] });
}

/** A fake of a legacy 15-digit ID. */
export function fakeResidentId15(template: string, rng: Rng): string | undefined {
  return template.length === 15 ? synthResidentId15(rng) : undefined;
}
