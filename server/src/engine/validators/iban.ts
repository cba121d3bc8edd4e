/**
 * IBAN, International Bank Account Number (ISO 13616-1:2020):
 *
 *   CC KK BBAN
 *     CC    ISO 3166-1 alpha-2 country code of a country in the IBAN registry
 *     KK    two check digits, 02-98: ISO 7064 MOD 97-10 over BBAN + CC + KK, with letters
 *           read as two digits (A = 10 … Z = 35); a valid IBAN leaves remainder 1
 *     BBAN  the national account number: a fixed length and format per country
 *
 * The per-country BBAN formats below are the facts of the SWIFT IBAN Registry (the ISO 13616
 * registration authority), release 101, as compiled in python-stdnum's `stdnum/iban.dat`
 * (https://www.swift.com/standards/data-standards/iban). Format notation: `4a` = 4 upper-case
 * letters, `8n` = 8 digits, `12c` = 12 letters or digits. Territories that use another country's
 * prefix (Réunion → FR, Jersey → GB, Åland → FI, …) have no entry of their own.
 *
 * National check digits inside the BBAN (Belgium, Spain, Norway, …) are not checked: MOD 97-10
 * already catches every single-character error and every transposition of adjacent characters.
 */

import { isDigit, isUpper } from './digits';

const FORMATS =
  'AD:8n12c AE:19n AL:8n16c AT:16n AZ:4a20c BA:16n BE:12n BG:4a6n8c BH:4a14c BI:23n BR:23n1a1c BY:4c4n16c ' +
  'CH:5n12c CR:18n CY:8n16c CZ:20n DE:18n DJ:23n DK:14n DO:4c20n EE:16n EG:25n ES:20n FI:14n FK:2a12n ' +
  'FO:14n FR:10n11c2n GB:4a14n GE:2a16n GI:4a15c GL:14n GR:7n16c GT:24c HN:4a20n HR:17n HU:24n IE:4a14n ' +
  'IL:19n IQ:4a15n IS:22n IT:1a10n12c JO:4a4n18c KW:4a22c KZ:3n13c LB:4n20c LC:4a24c LI:5n12c LT:16n ' +
  'LU:3n13c LV:4a13c LY:21n MC:10n11c2n MD:20c ME:18n MK:3n10c2n MN:16n MR:23n MT:4a5n18c MU:4a19n3a ' +
  'NI:4a20n NL:4a10n NO:11n OM:3n16c PK:4a16c PL:24n PS:4a21c PT:21n QA:4a21c RO:4a16c RS:18n RU:14n15c ' +
  'SA:2n18c SC:4a20n3a SD:14n SE:20n SI:15n SK:20n SM:1a10n12c SO:19n ST:21n SV:4a20n TL:19n TN:20n ' +
  'TR:6n16c UA:6n19c VA:18n VG:4a16n XK:16n YE:4a4n18c';

const N = 1; // digit
const A = 2; // upper-case letter
const C = 3; // either

/** BBAN character classes per country, indexed by (first letter - 65) * 26 + (second - 65). */
const BBAN: (Uint8Array | undefined)[] = new Array(26 * 26).fill(undefined);

for (const entry of FORMATS.split(' ')) {
  const [cc, format] = entry.split(':');
  const classes: number[] = [];
  for (const m of format.matchAll(/(\d+)([nac])/g)) {
    const cls = m[2] === 'n' ? N : m[2] === 'a' ? A : C;
    for (let i = 0; i < Number(m[1]); i++) classes.push(cls);
  }
  BBAN[(cc.charCodeAt(0) - 65) * 26 + (cc.charCodeAt(1) - 65)] = Uint8Array.from(classes);
}

function bbanClasses(v: string, at: number): Uint8Array | undefined {
  const a = v.charCodeAt(at);
  const b = v.charCodeAt(at + 1);
  if (!isUpper(a) || !isUpper(b)) return undefined;
  return BBAN[(a - 65) * 26 + (b - 65)];
}

/** Feeds one character into a MOD 97-10 remainder: digits as 1 digit, letters as 2 (A = 10). */
function feed(r: number, c: number): number {
  return isDigit(c) ? (r * 10 + (c - 48)) % 97 : (r * 100 + (c - 55)) % 97;
}

/**
 * Whether `value[start, end)` is a valid IBAN: upper-case letters and digits only, a country
 * in the registry, that country's length and BBAN format, check digits 02-98 and the
 * ISO 7064 MOD 97-10 check. Never throws.
 */
export function validIban(value: string, start = 0, end = value.length): boolean {
  const classes = end - start >= 5 ? bbanClasses(value, start) : undefined;
  if (classes === undefined || end - start !== classes.length + 4) return false;
  const k1 = value.charCodeAt(start + 2);
  const k2 = value.charCodeAt(start + 3);
  if (!isDigit(k1) || !isDigit(k2)) return false;
  const kk = (k1 - 48) * 10 + (k2 - 48);
  if (kk < 2 || kk > 98) return false;
  let r = 0;
  for (let i = start + 4; i < end; i++) {
    const c = value.charCodeAt(i);
    const cls = classes[i - start - 4];
    if (isDigit(c)) {
      if ((cls & N) === 0) return false;
    } else if (isUpper(c)) {
      if ((cls & A) === 0) return false;
    } else {
      return false;
    }
    r = feed(r, c);
  }
  for (let i = start; i < start + 4; i++) r = feed(r, value.charCodeAt(i));
  return r === 1;
}

/** The IBAN length for a country code (`DE` → 22), or undefined when it has no IBAN. */
export function ibanLength(country: string): number | undefined {
  if (country.length !== 2) return undefined;
  const classes = bbanClasses(country, 0);
  return classes === undefined ? undefined : classes.length + 4;
}

/** The BBAN format of a country as a string of `n` (digit), `a` (letter), `c` (either), for generators. */
export function bbanFormat(country: string): string | undefined {
  const classes = country.length === 2 ? bbanClasses(country, 0) : undefined;
  if (classes === undefined) return undefined;
  let s = '';
  for (const cls of classes) s += cls === N ? 'n' : cls === A ? 'a' : 'c';
  return s;
}

/** Country codes in the registry, sorted. */
export function ibanCountries(): string[] {
  const out: string[] = [];
  for (let i = 0; i < BBAN.length; i++) {
    if (BBAN[i] !== undefined) out.push(String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)));
  }
  return out;
}

/**
 * The two check digits for `country` + `bban` (upper-case letters and digits).
 * @throws RangeError on other characters.
 */
export function ibanCheckDigits(country: string, bban: string): string {
  let r = 0;
  const s = bban + country + '00';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c) && !isUpper(c)) throw new RangeError('ibanCheckDigits: expected upper-case letters and digits');
    r = feed(r, c);
  }
  return String(98 - r).padStart(2, '0');
}
