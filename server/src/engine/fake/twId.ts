/** Taiwan national ID and resident certificate (UI) numbers, drawn from an Rng with their check digit. */

import { twIdCheckDigit } from '../validators/twId';
import { pick, randomDigits, UPPER, type Rng } from './keyedRandom';

export interface TwIdOptions {
  /** `national` (1/2), `ui` (8/9, since 2021), `ui-old` (A-D, until 2021); default national. */
  kind?: 'national' | 'ui' | 'ui-old';
}

/** A valid Taiwan national ID or UI number. */
export function synthTwId(rng: Rng, opts: TwIdOptions = {}): string {
  const second = { national: '12', ui: '89', 'ui-old': 'ABCD' }[opts.kind ?? 'national'];
  const body = pick(rng, UPPER) + pick(rng, second) + randomDigits(rng, 7);
  return body + twIdCheckDigit(body);
}

/** A fake of the same kind (national ID, new or old UI number). */
export function fakeTwId(template: string, rng: Rng): string | undefined {
  if (template.length !== 10) return undefined;
  const g = template[1];
  const kind = g === '1' || g === '2' ? 'national' : g === '8' || g === '9' ? 'ui' : 'ui-old';
  return synthTwId(rng, { kind });
}
