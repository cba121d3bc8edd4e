/**
 * Numbers of the PRC travel documents (passports, Hong Kong/Macao and Taiwan permits), drawn from
 * an Rng in the formats cnTravelDocuments.ts accepts. They have no check digit.
 */

import { looksLikeDate8 } from '../validators/dates';
import { pick, randomDigits, randomLetters, UPPER, type Rng } from './keyedRandom';

/** Serial letters of the newer passport and permit ranges: no I or O. */
const SERIAL_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export type PassportKind = 'E' | 'EX' | 'G' | 'DE' | 'SE' | 'PE';

/** A PRC passport number: E + 8 digits, E + letter + 7 digits (default mix), or G + 8 digits. */
export function synthPassport(rng: Rng, opts: { kind?: PassportKind } = {}): string {
  const kind = opts.kind ?? (rng() < 0.5 ? 'E' : 'EX');
  switch (kind) {
    case 'E':
    case 'G':
      return kind + randomDigits(rng, 8);
    case 'EX':
      return 'E' + pick(rng, SERIAL_LETTERS) + randomDigits(rng, 7);
    default:
      return kind + randomDigits(rng, 7);
  }
}

export type HkMacauPermitKind = 'C' | 'CX' | 'W' | 'H' | 'M';

/**
 * A Hong Kong/Macao permit number: 往来港澳通行证 `C12345678` (default) or 回乡证 `H12345678`
 * (with `renewals`, the older 11-character form `H1234567801`).
 */
export function synthHkMacauPermit(rng: Rng, opts: { kind?: HkMacauPermitKind; renewals?: boolean } = {}): string {
  const kind = opts.kind ?? 'C';
  if (kind === 'CX') return 'C' + pick(rng, SERIAL_LETTERS) + randomDigits(rng, 7);
  return kind + randomDigits(rng, 8) + ((kind === 'H' || kind === 'M') && opts.renewals ? randomDigits(rng, 2) : '');
}

/**
 * A Taiwan permit number: 台胞证 8 digits (default, never date-shaped), the booklet form
 * `1234567801B` (lifetime number, issue count, office letter) or 往来台湾通行证 `L12345678`.
 */
export function synthTaiwanPermit(rng: Rng, opts: { kind?: 'tbz' | 'booklet' | 'L' } = {}): string {
  if (opts.kind === 'L') return 'L' + randomDigits(rng, 8);
  if (opts.kind === 'booklet') return randomDigits(rng, 10) + randomLetters(rng, 1, UPPER);
  for (;;) {
    const v = randomDigits(rng, 8);
    if (!looksLikeDate8(v, 0)) return v;
  }
}

/** A fake passport number of the same kind (E, E + letter, G, DE, SE, PE). */
export function fakePassport(template: string, rng: Rng): string | undefined {
  if (template.length !== 9) return undefined;
  const a = template[0];
  const b = template[1];
  let kind: PassportKind;
  if (a === 'E') kind = b >= '0' && b <= '9' ? 'E' : 'EX';
  else if (a === 'G') kind = 'G';
  else if ((a === 'D' || a === 'S' || a === 'P') && b === 'E') kind = `${a}E` as PassportKind;
  else return undefined;
  return synthPassport(rng, { kind });
}

/** A fake permit number of the same kind and length. */
export function fakeHkMacauPermit(template: string, rng: Rng): string | undefined {
  const a = template[0];
  if (template.length === 11) return a === 'H' || a === 'M' ? synthHkMacauPermit(rng, { kind: a, renewals: true }) : undefined;
  if (template.length !== 9) return undefined;
  if (a === 'C') return synthHkMacauPermit(rng, { kind: template[1] >= '0' && template[1] <= '9' ? 'C' : 'CX' });
  return a === 'W' || a === 'H' || a === 'M' ? synthHkMacauPermit(rng, { kind: a }) : undefined;
}

/** A fake Taiwan permit number of the same form. */
export function fakeTaiwanPermit(template: string, rng: Rng): string | undefined {
  switch (template.length) {
    case 8:
      return synthTaiwanPermit(rng);
    case 9:
      return synthTaiwanPermit(rng, { kind: 'L' });
    case 11:
      return synthTaiwanPermit(rng, { kind: 'booklet' });
    default:
      return undefined;
  }
}
