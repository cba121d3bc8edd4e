/** Japanese Individual Numbers (My Number), drawn from an Rng with their check digit. */

import { myNumberCheckDigit } from '../validators/myNumber';
import { randomDigits, type Rng } from './keyedRandom';

/** A valid Individual Number (12 digits with its check digit). */
export function synthMyNumber(rng: Rng): string {
  const body = randomDigits(rng, 11);
  return body + myNumberCheckDigit(body);
}

export function fakeMyNumber(template: string, rng: Rng): string | undefined {
  return template.length === 12 ? synthMyNumber(rng) : undefined;
}
