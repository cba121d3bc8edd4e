/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015), drawn from an Rng: a department
 * and type pair, a real region code, a GB 11714 organization code with its check character and
 * the MOD 31 check character (valid for validUscc).
 */

import { orgCodeCheckChar, USCC_ALPHABET, usccCheckChar } from '../validators/uscc';
import { randomDigits, randomLetters, pick, type Rng } from './keyedRandom';
import { randomRegion } from './residentId';

/** Department + type pairs that GB 32100 assigns (企业, 个体工商户, 事业单位, 社会团体, …). */
const USCC_KINDS = ['91', '92', '93', '11', '12', '13', '19', '31', '51', '52', '53', '59', 'N1', 'N2', 'Y1'];

export interface UsccOptions {
  /** Department and type (the first 2 characters); default: a random assigned pair. */
  kind?: string;
  /** Organization code `MA` + 6 characters (true, codes assigned since 2015) or 8 digits (false); default random. */
  newStyle?: boolean;
}

/** A valid unified social credit code, including the embedded GB 11714 organization code check. */
export function synthUscc(rng: Rng, opts: UsccOptions = {}): string {
  const kind = opts.kind ?? pick(rng, USCC_KINDS);
  const region = randomRegion(rng);
  let org: string;
  if (!(opts.newStyle ?? rng() >= 0.5)) {
    org = randomDigits(rng, 8);
  } else {
    // Codes assigned since 2015 look like MA + 6 characters.
    org = 'MA' + randomLetters(rng, 6, USCC_ALPHABET);
  }
  const body = kind + region + org + orgCodeCheckChar(org);
  return body + usccCheckChar(body);
}

/** A fake keeping the department and type and the style of the organization code (digits or letters). */
export function fakeUscc(template: string, rng: Rng): string | undefined {
  if (template.length !== 18) return undefined;
  return synthUscc(rng, { kind: template.slice(0, 2), newStyle: /[A-Z]/.test(template.slice(8, 16)) });
}
