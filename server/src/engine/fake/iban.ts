/** IBANs, drawn from an Rng: a registry country, a BBAN in its format and the MOD 97-10 check digits. */

import { bbanFormat, ibanCheckDigits, ibanCountries } from '../validators/iban';
import { ALNUM, pick, randomDigits, randomLetters, type Rng } from './keyedRandom';

/** A valid IBAN for `country` (default: a random registry country), compact and upper-case. */
export function synthIban(rng: Rng, country: string = pick(rng, ibanCountries())): string {
  const format = bbanFormat(country);
  if (format === undefined) throw new RangeError(`synthIban: ${country} has no IBAN`);
  let bban = '';
  for (const cls of format) bban += cls === 'n' ? randomDigits(rng, 1) : cls === 'a' ? randomLetters(rng, 1) : pick(rng, ALNUM);
  return country + ibanCheckDigits(country, bban) + bban;
}

/** A fake of the same country (so the same length and BBAN format). */
export function fakeIban(template: string, rng: Rng): string | undefined {
  const country = template.slice(0, 2);
  const format = bbanFormat(country);
  return format !== undefined && format.length + 4 === template.length ? synthIban(rng, country) : undefined;
}
