/**
 * Deterministic synthetic international identifiers for tests and examples, drawn from a seeded
 * PRNG (makeRng in ./synth): valid in structure and check digits, but random, so not anybody's
 * real number (as with any valid-looking number a collision is possible; nothing is taken from
 * real data).
 *
 *   const rng = makeRng(42);
 *   synthIban(rng, 'DE')          // 'DE..' 22 characters, MOD 97-10 valid
 *   formatCpf(synthCpf(rng))      // '123.456.789-09' style
 */

import { cnpjCheckDigits, cpfCheckDigits } from '../../server/src/engine/validators/brazil';
import { bbanFormat, ibanCheckDigits, ibanCountries } from '../../server/src/engine/validators/iban';
import { rrnCheckDigit } from '../../server/src/engine/validators/korea';
import { luhnCheckDigit } from '../../server/src/engine/validators/luhn';
import { myNumberCheckDigit } from '../../server/src/engine/validators/myNumber';
import { nricCheckLetter } from '../../server/src/engine/validators/singapore';
import { mod11_10CheckDigit, validSteuerId } from '../../server/src/engine/validators/steuerId';
import { einPrefixes, validSsn } from '../../server/src/engine/validators/usTaxIds';
import { validNino } from '../../server/src/engine/validators/ukNino';
import { validAadhaar, verhoeffCheckDigit } from '../../server/src/engine/validators/verhoeff';
import { pick, randInt, randomDigits, type Rng } from './synth';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function randomLetters(rng: Rng, n: number, alphabet = UPPER): string {
  let s = '';
  for (let i = 0; i < n; i++) s += pick(rng, alphabet);
  return s;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ---- IBAN ------------------------------------------------------------------------------------

/** A valid IBAN for `country` (default: a random registry country), compact and upper-case. */
export function synthIban(rng: Rng, country: string = pick(rng, ibanCountries())): string {
  const format = bbanFormat(country);
  if (format === undefined) throw new RangeError(`synthIban: ${country} has no IBAN`);
  let bban = '';
  for (const cls of format) bban += cls === 'n' ? randomDigits(rng, 1) : cls === 'a' ? randomLetters(rng, 1) : pick(rng, ALNUM);
  return country + ibanCheckDigits(country, bban) + bban;
}

/** The usual printed form: groups of 4 separated by spaces. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

// ---- United States ---------------------------------------------------------------------------

/** A structurally valid SSN (9 digits). */
export function synthSsn(rng: Rng): string {
  for (;;) {
    let area = randInt(rng, 1, 899);
    if (area === 666) area = 665;
    const v = pad(area, 3) + pad(randInt(rng, 1, 99), 2) + pad(randInt(rng, 1, 9999), 4);
    if (validSsn(v)) return v;
  }
}

const ITIN_GROUPS = [
  ...Array.from({ length: 16 }, (_, i) => 50 + i),
  ...Array.from({ length: 19 }, (_, i) => 70 + i),
  90,
  91,
  92,
  94,
  95,
  96,
  97,
  98,
  99,
];

/** A structurally valid ITIN (9 digits starting with 9, group in an IRS range). */
export function synthItin(rng: Rng): string {
  return '9' + randomDigits(rng, 2) + pad(pick(rng, ITIN_GROUPS), 2) + randomDigits(rng, 4);
}

/** A structurally valid EIN (9 digits with an assigned prefix). */
export function synthEin(rng: Rng): string {
  return pad(pick(rng, einPrefixes()), 2) + randomDigits(rng, 7);
}

/** `123-45-6789` (SSN, ITIN). */
export function formatSsn(v: string): string {
  return `${v.slice(0, 3)}-${v.slice(3, 5)}-${v.slice(5)}`;
}

/** `12-3456789`. */
export function formatEin(v: string): string {
  return `${v.slice(0, 2)}-${v.slice(2)}`;
}

// ---- United Kingdom, Canada --------------------------------------------------------------------

/** A structurally valid NINO with its suffix (9 characters). */
export function synthNino(rng: Rng): string {
  for (;;) {
    const v = randomLetters(rng, 2) + randomDigits(rng, 6) + pick(rng, 'ABCD');
    if (validNino(v)) return v;
  }
}

/** `AB 12 34 56 C`. */
export function formatNino(v: string): string {
  return `${v.slice(0, 2)} ${v.slice(2, 4)} ${v.slice(4, 6)} ${v.slice(6, 8)}${v.length > 8 ? ' ' + v.slice(8) : ''}`;
}

/** A valid SIN: first digit 1-7 or 9, Luhn check digit. */
export function synthSin(rng: Rng): string {
  const body = pick(rng, '12345679') + randomDigits(rng, 7);
  return body + luhnCheckDigit(body);
}

/** `123 456 782` (or with another separator). */
export function formatSin(v: string, sep = ' '): string {
  return `${v.slice(0, 3)}${sep}${v.slice(3, 6)}${sep}${v.slice(6)}`;
}

// ---- India -------------------------------------------------------------------------------------

/** A valid Aadhaar number: first digit 2-9, not a palindrome, Verhoeff check digit. */
export function synthAadhaar(rng: Rng): string {
  for (;;) {
    const body = pick(rng, '23456789') + randomDigits(rng, 10);
    const v = body + verhoeffCheckDigit(body);
    if (validAadhaar(v)) return v;
  }
}

/** `2341 2341 2346` (Aadhaar, My Number). */
export function format444(v: string): string {
  return `${v.slice(0, 4)} ${v.slice(4, 8)} ${v.slice(8)}`;
}

/** A structurally valid PAN: 3 letters, a holder type, an initial, serial 0001-9999, a letter. */
export function synthPan(rng: Rng, holderType: string = pick(rng, 'PPPPCFHT')): string {
  return randomLetters(rng, 3) + holderType + randomLetters(rng, 1) + pad(randInt(rng, 1, 9999), 4) + randomLetters(rng, 1);
}

// ---- Singapore ---------------------------------------------------------------------------------

/** A valid NRIC/FIN of the given series (default: random S, T, F, G or M). */
export function synthNric(rng: Rng, series: string = pick(rng, 'STFGM')): string {
  const digits = randomDigits(rng, 7);
  return series + digits + nricCheckLetter(series, digits);
}

// ---- Brazil ------------------------------------------------------------------------------------

/** A valid CPF (11 digits, not one repeated digit). */
export function synthCpf(rng: Rng): string {
  for (;;) {
    const body = randomDigits(rng, 9);
    if (/^(\d)\1{8}$/.test(body)) continue;
    return body + cpfCheckDigits(body);
  }
}

/** `123.456.789-09`. */
export function formatCpf(v: string): string {
  return `${v.slice(0, 3)}.${v.slice(3, 6)}.${v.slice(6, 9)}-${v.slice(9)}`;
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

/** `12.345.678/0001-95`. */
export function formatCnpj(v: string): string {
  return `${v.slice(0, 2)}.${v.slice(2, 5)}.${v.slice(5, 8)}/${v.slice(8, 12)}-${v.slice(12)}`;
}

// ---- Korea, Japan, Germany ---------------------------------------------------------------------

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export interface RrnOptions {
  /** Birth years to draw from (inclusive); default 1930..2019 (old-style numbers with a check digit). */
  fromYear?: number;
  toYear?: number;
  /** A foreigner's registration number (sex/century digit 5-8). */
  foreigner?: boolean;
}

/** A valid RRN with a check digit (old-style, area code 00-96), compact 13 digits. */
export function synthRrn(rng: Rng, opts: RrnOptions = {}): string {
  const year = randInt(rng, opts.fromYear ?? 1930, opts.toYear ?? 2019);
  const month = randInt(rng, 1, 12);
  const day = randInt(rng, 1, daysIn(year, month));
  const male = rng() < 0.5;
  const base = year >= 2000 ? 3 : year >= 1900 ? 1 : 9;
  let s = base === 9 ? (male ? 9 : 0) : base + (male ? 0 : 1);
  if (opts.foreigner && base !== 9) s += 4;
  const body = pad(year % 100, 2) + pad(month, 2) + pad(day, 2) + String(s) + pad(randInt(rng, 0, 96), 2) + randomDigits(rng, 3);
  return body + rrnCheckDigit(body);
}

/** `880411-2238459`. */
export function formatRrn(v: string): string {
  return `${v.slice(0, 6)}-${v.slice(6)}`;
}

/** A valid Individual Number (12 digits with its check digit). */
export function synthMyNumber(rng: Rng): string {
  const body = randomDigits(rng, 11);
  return body + myNumberCheckDigit(body);
}

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

/** `36 574 261 809`. */
export function formatSteuerId(v: string): string {
  return `${v.slice(0, 2)} ${v.slice(2, 5)} ${v.slice(5, 8)} ${v.slice(8)}`;
}
