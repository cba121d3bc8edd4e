/** German tax identification numbers (Steuer-ID), drawn from an Rng: the digit-repetition rule and the MOD 11,10 check digit. */

import { mod11_10CheckDigit } from '../validators/iso7064';
import { validSteuerId } from '../validators/steuerId';
import { randInt, type Rng } from './keyedRandom';

/** A valid German tax ID: one digit twice or three times (not in a row), MOD 11,10 check digit. */
export function synthSteuerId(rng: Rng): string {
  for (;;) {
    // 8 or 9 distinct digits, then repeat one of them to fill 10 places.
    const digits = '0123456789'.split('');
    for (let i = digits.length - 1; i > 0; i--) {
      const j = randInt(rng, 0, i);
      [digits[i], digits[j]] = [digits[j], digits[i]];
    }
    const distinct = rng() < 0.5 ? 9 : 8;
    const chosen = digits.slice(0, distinct);
    while (chosen.length < 10) chosen.push(chosen[0]);
    for (let i = chosen.length - 1; i > 0; i--) {
      const j = randInt(rng, 0, i);
      [chosen[i], chosen[j]] = [chosen[j], chosen[i]];
    }
    const body = chosen.join('');
    const v = body + mod11_10CheckDigit(body);
    if (validSteuerId(v)) return v;
  }
}

export function fakeSteuerId(template: string, rng: Rng): string | undefined {
  return template.length === 11 ? synthSteuerId(rng) : undefined;
}
