/** Brazilian CPF and CNPJ numbers, drawn from an Rng with their two MOD 11 check digits. */

import { cnpjCheckDigits, cpfCheckDigits } from '../validators/brazil';
import { ALNUM, pad, randInt, randomDigits, randomLetters, type Rng } from './keyedRandom';

/** A valid CPF (11 digits, not one repeated digit). */
export function synthCpf(rng: Rng): string {
  for (;;) {
    const body = randomDigits(rng, 9);
    if (/^(\d)\1{8}$/.test(body)) continue;
    return body + cpfCheckDigits(body);
  }
}

export interface CnpjOptions {
  /** Letters in the 12-character body (the alphanumeric CNPJ issued from July 2026). */
  alphanumeric?: boolean;
}

/** A valid CNPJ: an 8-character root, establishment 0001-0009 (head office mostly), 2 check digits. */
export function synthCnpj(rng: Rng, opts: CnpjOptions = {}): string {
  const root = opts.alphanumeric ? randomDigits(rng, 2) + randomLetters(rng, 6, ALNUM) : randomDigits(rng, 8);
  const branch = opts.alphanumeric ? randomLetters(rng, 4, ALNUM) : pad(rng() < 0.7 ? 1 : randInt(rng, 2, 9), 4);
  const body = root + branch;
  if (/^0{12}$/.test(body)) return synthCnpj(rng, opts);
  return body + cnpjCheckDigits(body);
}

export function fakeCpf(template: string, rng: Rng): string | undefined {
  return template.length === 11 ? synthCpf(rng) : undefined;
}

/** A fake CNPJ, alphanumeric when the value has letters. */
export function fakeCnpj(template: string, rng: Rng): string | undefined {
  return template.length === 14 ? synthCnpj(rng, { alphanumeric: /[A-Z]/.test(template) }) : undefined;
}
