/** Singapore NRIC/FIN numbers, drawn from an Rng with their check letter. */

import { nricCheckLetter } from '../validators/singapore';
import { pick, randomDigits, type Rng } from './keyedRandom';

/** A valid NRIC/FIN of the given series (default: random S, T, F, G or M). */
export function synthNric(rng: Rng, series: string = pick(rng, 'STFGM')): string {
  const digits = randomDigits(rng, 7);
  return series + digits + nricCheckLetter(series, digits);
}

/** A fake of the same series (S, T citizens; F, G, M foreigners). */
export function fakeNric(template: string, rng: Rng): string | undefined {
  return template.length === 9 && 'STFGM'.includes(template[0]) ? synthNric(rng, template[0]) : undefined;
}
