/** UK National Insurance numbers, drawn from an Rng with prefix letters HMRC allows. */

import { validNino } from '../validators/ukNino';
import { pick, randomDigits, randomLetters, type Rng } from './keyedRandom';

/** A structurally valid NINO with its suffix (9 characters). */
export function synthNino(rng: Rng): string {
  for (;;) {
    const v = randomLetters(rng, 2) + randomDigits(rng, 6) + pick(rng, 'ABCD');
    if (validNino(v)) return v;
  }
}

/** A fake with a suffix letter when the value has one (9 characters), without otherwise (8). */
export function fakeNino(template: string, rng: Rng): string | undefined {
  if (template.length !== 8 && template.length !== 9) return undefined;
  return synthNino(rng).slice(0, template.length);
}
