/**
 * Deterministic synthetic international identifiers for tests and examples, drawn from a seeded
 * PRNG (makeRng in ./synth): valid in structure and check digits, but random, so not anybody's
 * real number (as with any valid-looking number a collision is possible; nothing is taken from
 * real data).
 *
 *   const rng = makeRng(42);
 *   synthIban(rng, 'DE')          // 'DE..' 22 characters, MOD 97-10 valid
 *   formatCpf(synthCpf(rng))      // '123.456.789-09' style
 *
 * The generators live in the engine (server/src/engine/fake/), where the `fake` operator draws
 * them from a keyed stream; this module re-exports them and adds the printed forms.
 */

export { synthIban } from '../../server/src/engine/fake/iban';
export { synthEin, synthItin, synthSsn } from '../../server/src/engine/fake/usTaxIds';
export { synthNino } from '../../server/src/engine/fake/ukNino';
export { synthSin } from '../../server/src/engine/fake/caSin';
export { synthAadhaar, synthPan } from '../../server/src/engine/fake/india';
export { synthNric } from '../../server/src/engine/fake/singapore';
export { synthCnpj, synthCpf, type CnpjOptions } from '../../server/src/engine/fake/brazil';
export { synthRrn, type RrnOptions } from '../../server/src/engine/fake/korea';
export { synthMyNumber } from '../../server/src/engine/fake/myNumber';
export { synthSteuerId } from '../../server/src/engine/fake/steuerId';

/** The usual printed form: groups of 4 separated by spaces. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** `123-45-6789` (SSN, ITIN). */
export function formatSsn(v: string): string {
  return `${v.slice(0, 3)}-${v.slice(3, 5)}-${v.slice(5)}`;
}

/** `12-3456789`. */
export function formatEin(v: string): string {
  return `${v.slice(0, 2)}-${v.slice(2)}`;
}

/** `AB 12 34 56 C`. */
export function formatNino(v: string): string {
  return `${v.slice(0, 2)} ${v.slice(2, 4)} ${v.slice(4, 6)} ${v.slice(6, 8)}${v.length > 8 ? ' ' + v.slice(8) : ''}`;
}

/** `123 456 782` (or with another separator). */
export function formatSin(v: string, sep = ' '): string {
  return `${v.slice(0, 3)}${sep}${v.slice(3, 6)}${sep}${v.slice(6)}`;
}

/** `2341 2341 2346` (Aadhaar, My Number). */
export function format444(v: string): string {
  return `${v.slice(0, 4)} ${v.slice(4, 8)} ${v.slice(8)}`;
}

/** `123.456.789-09`. */
export function formatCpf(v: string): string {
  return `${v.slice(0, 3)}.${v.slice(3, 6)}.${v.slice(6, 9)}-${v.slice(9)}`;
}

/** `12.345.678/0001-95`. */
export function formatCnpj(v: string): string {
  return `${v.slice(0, 2)}.${v.slice(2, 5)}.${v.slice(5, 8)}/${v.slice(8, 12)}-${v.slice(12)}`;
}

/** `880411-2238459`. */
export function formatRrn(v: string): string {
  return `${v.slice(0, 6)}-${v.slice(6)}`;
}

/** `36 574 261 809`. */
export function formatSteuerId(v: string): string {
  return `${v.slice(0, 2)} ${v.slice(2, 5)} ${v.slice(5, 8)} ${v.slice(8)}`;
}
