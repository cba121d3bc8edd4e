/**
 * Legacy taxpayer identification numbers (纳税人识别号), drawn from an Rng in the three forms
 * cnTaxpayerIdVerdict accepts: region code + GB 11714 organization code (15), legacy resident ID
 * + 2 digits (17), resident ID + 2-digit sequence (20).
 */

import { validResidentId15, validResidentId18 } from '../validators/cnResidentId';
import { orgCodeCheckChar, USCC_ALPHABET as ORG_CHARS } from '../validators/uscc';
import { pick, randInt, randomDigits, type Rng } from './keyedRandom';
import { randomRegion, synthResidentId, synthResidentId15 } from './residentId';

export interface TaxpayerIdOptions {
  /** `org` 15 chars (default), `id20` 18-digit resident ID + 2 digits, `id17` 15-digit ID + 2, `id15x5` 15-digit ID + `00000`. */
  form?: 'org' | 'id20' | 'id17' | 'id15x5';
  /** For `org`: an organization code body with letters (true) or digits only (false); default random. */
  letters?: boolean;
}

/** A valid legacy taxpayer identification number (纳税人识别号). */
export function synthTaxpayerId(rng: Rng, opts: TaxpayerIdOptions = {}): string {
  const form = opts.form ?? 'org';
  if (form === 'id20') return synthResidentId(rng) + '0' + randInt(rng, 0, 9);
  if (form === 'id17') return synthResidentId15(rng) + randomDigits(rng, 2);
  if (form === 'id15x5') return synthResidentId15(rng) + '00000';
  for (;;) {
    const letters = opts.letters ?? rng() < 0.5;
    let org = '';
    for (let i = 0; i < 8; i++) org += letters ? pick(rng, ORG_CHARS) : String(randInt(rng, 0, 9));
    if (letters !== /[A-Z]/.test(org)) continue;
    const v = randomRegion(rng) + org + orgCodeCheckChar(org);
    // A body of digits with an X check character reads as one with letters, and an all-digit
    // number that is also a legacy resident ID is that rule's: draw again.
    if (!letters && (v.endsWith('X') || validResidentId15(v))) continue;
    return v;
  }
}

/** A fake of the same form; a 15-character one keeps letters or digits only. */
export function fakeTaxpayerId(template: string, rng: Rng): string | undefined {
  switch (template.length) {
    case 15:
      return synthTaxpayerId(rng, { form: 'org', letters: /[A-Z]/.test(template.slice(6)) });
    case 17:
      return synthTaxpayerId(rng, { form: 'id17' });
    case 20:
      return synthTaxpayerId(rng, { form: validResidentId18(template.slice(0, 18)) ? 'id20' : 'id15x5' });
    default:
      return undefined;
  }
}
