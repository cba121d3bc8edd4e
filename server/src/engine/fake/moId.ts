/** Macao resident identity card numbers (BIR), drawn from an Rng in their format. */

import { looksLikeDate8 } from '../validators/dates';
import { pick, randomDigits, type Rng } from './keyedRandom';

/** A Macao BIR number in its format (1/5/7 + 7 digits; the check digit is random: its algorithm is not public), written `1234567(8)`. */
export function synthMoId(rng: Rng, opts: { written?: 'paren' | 'plain' } = {}): string {
  for (;;) {
    const v = pick(rng, '157') + randomDigits(rng, 7);
    if (looksLikeDate8(v, 0)) continue;
    return opts.written === 'plain' ? v : `${v.slice(0, 7)}(${v[7]})`;
  }
}

/** A fake, normalized (`12345678`; the caller keeps the parentheses). */
export function fakeMoId(template: string, rng: Rng): string | undefined {
  return template.length === 8 ? synthMoId(rng, { written: 'plain' }) : undefined;
}
