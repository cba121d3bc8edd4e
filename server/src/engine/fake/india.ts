/** Indian identifiers: Aadhaar (Verhoeff check digit) and PAN (structure), drawn from an Rng. */

import { validAadhaar, verhoeffCheckDigit } from '../validators/verhoeff';
import { pad, pick, randInt, randomDigits, randomLetters, type Rng } from './keyedRandom';

/** A valid Aadhaar number: first digit 2-9, not a palindrome, Verhoeff check digit. */
export function synthAadhaar(rng: Rng): string {
  for (;;) {
    const body = pick(rng, '23456789') + randomDigits(rng, 10);
    const v = body + verhoeffCheckDigit(body);
    if (validAadhaar(v)) return v;
  }
}

/** A structurally valid PAN: 3 letters, a holder type, an initial, serial 0001-9999, a letter. */
export function synthPan(rng: Rng, holderType: string = pick(rng, 'PPPPCFHT')): string {
  return randomLetters(rng, 3) + holderType + randomLetters(rng, 1) + pad(randInt(rng, 1, 9999), 4) + randomLetters(rng, 1);
}

export function fakeAadhaar(template: string, rng: Rng): string | undefined {
  return template.length === 12 ? synthAadhaar(rng) : undefined;
}

/** A fake PAN of the same holder type (the 4th letter: P individual, C company…). */
export function fakePan(template: string, rng: Rng): string | undefined {
  return template.length === 10 ? synthPan(rng, template[3]) : undefined;
}
