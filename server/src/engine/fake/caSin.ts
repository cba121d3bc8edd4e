/** Canadian Social Insurance numbers, drawn from an Rng with their Luhn check digit. */

import { luhnCheckDigit } from '../validators/luhn';
import { pick, randomDigits, type Rng } from './keyedRandom';

/** A valid SIN: first digit 1-7 or 9, Luhn check digit. */
export function synthSin(rng: Rng): string {
  const body = pick(rng, '12345679') + randomDigits(rng, 7);
  return body + luhnCheckDigit(body);
}

export function fakeSin(template: string, rng: Rng): string | undefined {
  return template.length === 9 ? synthSin(rng) : undefined;
}
