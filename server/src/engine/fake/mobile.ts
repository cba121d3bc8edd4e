/** Mainland China mobile numbers, drawn from an Rng: an allocated segment (号段) and 8 digits. */

import { CN_MOBILE_SEGMENTS } from '../validators/cnMobile';
import { pick, randomDigits, type Rng } from './keyedRandom';

/** A mainland mobile number in an allocated segment (11 digits, no country code). */
export function synthMobile(rng: Rng): string {
  return String(pick(rng, CN_MOBILE_SEGMENTS)) + randomDigits(rng, 8);
}

/** The 11-digit number without its country code (`86`, `0086`), as values are compared. */
export function mobileCore(v: string): string {
  return (v.length === 13 && v.startsWith('86')) || (v.length === 15 && v.startsWith('0086')) ? v.slice(v.length - 11) : v;
}

/** A fake keeping the country code as written (`86`, `0086` or none). */
export function fakeMobile(template: string, rng: Rng): string | undefined {
  const core = mobileCore(template);
  return core.length === 11 ? template.slice(0, template.length - 11) + synthMobile(rng) : undefined;
}
