/** Hong Kong identity card numbers, drawn from an Rng: 1-2 letters, 6 digits and the mod 11 check character. */

import { hkidCheckChar } from '../validators/hkid';
import { pick, randomDigits, UPPER, type Rng } from './keyedRandom';

export interface HkidOptions {
  /** Number of prefix letters; default 1 (nine in ten real numbers), 2 otherwise. */
  letters?: 1 | 2;
  /** `paren` `A123456(3)` (default), `plain` `A1234563`. */
  written?: 'paren' | 'plain';
  /** Keep drawing until the check character is `A`. */
  checkA?: boolean;
}

/** A valid HKID number as commonly written. */
export function synthHkid(rng: Rng, opts: HkidOptions = {}): string {
  for (;;) {
    const letters = opts.letters ?? (rng() < 0.9 ? 1 : 2);
    let body = '';
    for (let i = 0; i < letters; i++) body += pick(rng, UPPER);
    body += randomDigits(rng, 6);
    const check = hkidCheckChar(body);
    if (opts.checkA && check !== 'A') continue;
    return opts.written === 'plain' ? body + check : `${body}(${check})`;
  }
}

/** A fake with as many prefix letters, normalized (`A1234563`; the caller keeps the parentheses). */
export function fakeHkid(template: string, rng: Rng): string | undefined {
  if (template.length !== 8 && template.length !== 9) return undefined;
  return synthHkid(rng, { letters: template.length === 8 ? 1 : 2, written: 'plain' });
}
