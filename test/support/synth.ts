/**
 * Deterministic synthetic identifiers for tests, examples and benchmarks. Everything here is
 * generated from a seeded PRNG: valid in structure and checksum, but random, so not anybody's
 * real number (a collision with a real one is possible, as for any valid-looking number, but
 * nothing is taken from real data).
 *
 * Usage:
 *   const rng = makeRng(42);
 *   const id = synthResidentId(rng);         // passes validResidentId18
 *   const bad = breakCheck(id);              // same number, wrong check character
 */

import { cardLengths, type CardBrand } from '../../server/src/engine/validators/bankCard';
import { CN_MOBILE_SEGMENTS } from '../../server/src/engine/validators/cnMobile';
import { regionCodeList } from '../../server/src/engine/validators/cnRegionCodes';
import { residentIdCheckChar } from '../../server/src/engine/validators/cnResidentId';
import { luhnCheckDigit } from '../../server/src/engine/validators/luhn';
import { orgCodeCheckChar, usccCheckChar } from '../../server/src/engine/validators/uscc';

/** A PRNG: each call returns a float in [0, 1). */
export type Rng = () => number;

/** mulberry32: a tiny, fast, seedable 32-bit PRNG (public domain, Tommy Ettinger). */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [lo, hi] (both inclusive). */
export function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, items: ArrayLike<T>): T {
  return items[Math.floor(rng() * items.length)];
}

/** `n` random ASCII digits. */
export function randomDigits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(rng() * 10));
  return s;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A random real date YYYYMMDD with fromYear ≤ year ≤ toYear. */
function randomDate(rng: Rng, fromYear: number, toYear: number): string {
  const year = randInt(rng, fromYear, toYear);
  const month = randInt(rng, 1, 12);
  const day = randInt(rng, 1, daysIn(year, month));
  return pad(year, 4) + pad(month, 2) + pad(day, 2);
}

let ordinaryRegions: number[] | undefined;

/** Region codes from the GB/T 2260 table, without the 81/82/83 permit prefixes. */
function regions(): readonly number[] {
  if (ordinaryRegions === undefined) {
    ordinaryRegions = Array.from(regionCodeList()).filter((c) => c < 710000);
  }
  return ordinaryRegions;
}

export interface ResidentIdOptions {
  /** Keep drawing until the check character is `X` (about 1 in 11 numbers). */
  checkX?: boolean;
  /** Birth years to draw from (inclusive); default 1930..2015. */
  fromYear?: number;
  toYear?: number;
  /** A residence permit for Hong Kong (810000), Macau (820000) or Taiwan (830000) residents. */
  permit?: 'hk' | 'mo' | 'tw';
}

const PERMIT_PREFIX = { hk: '810000', mo: '820000', tw: '830000' } as const;

/** A valid 18-digit resident ID number: real region code, real date, correct check char. */
export function synthResidentId(rng: Rng, opts: ResidentIdOptions = {}): string {
  const fromYear = opts.fromYear ?? 1930;
  const toYear = opts.toYear ?? 2015;
  for (;;) {
    const region = opts.permit ? PERMIT_PREFIX[opts.permit] : pad(pick(rng, regions()), 6);
    const body = region + randomDate(rng, fromYear, toYear) + randomDigits(rng, 3);
    const check = residentIdCheckChar(body);
    if (opts.checkX && check !== 'X') continue;
    return body + check;
  }
}

/** A valid legacy 15-digit resident ID number: real region code, real 19YYMMDD date. */
export function synthResidentId15(rng: Rng): string {
  const region = pad(pick(rng, regions()), 6);
  return region + randomDate(rng, 1900, 1999).slice(2) + randomDigits(rng, 3);
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Department + type pairs that GB 32100 assigns (企业, 个体工商户, 事业单位, 社会团体, …). */
const USCC_KINDS = ['91', '92', '93', '11', '12', '13', '19', '31', '51', '52', '53', '59', 'N1', 'N2', 'Y1'];

/** A valid unified social credit code, including the embedded GB 11714 organization code check. */
export function synthUscc(rng: Rng): string {
  const kind = pick(rng, USCC_KINDS);
  const region = pad(pick(rng, regions()), 6);
  let org: string;
  if (rng() < 0.5) {
    org = randomDigits(rng, 8);
  } else {
    // Codes assigned since 2015 look like MA + 6 characters.
    org = 'MA';
    for (let i = 0; i < 6; i++) org += pick(rng, USCC_ALPHABET);
  }
  const body = kind + region + org + orgCodeCheckChar(org);
  return body + usccCheckChar(body);
}

export interface BankCardOptions {
  /** Total length; default: one the brand issues (UnionPay: 16 or 19). */
  length?: number;
}

function cardPrefix(rng: Rng, brand: CardBrand): string {
  switch (brand) {
    case 'visa':
      return '4';
    case 'mastercard':
      return rng() < 0.5 ? String(randInt(rng, 51, 55)) : String(randInt(rng, 2221, 2720));
    case 'amex':
      return pick(rng, ['34', '37']);
    case 'discover':
      return pick(rng, ['6011', '65', String(randInt(rng, 644, 649))]);
    case 'jcb':
      return String(randInt(rng, 3528, 3589));
    case 'diners':
      return pick(rng, ['36', '38', '39', String(randInt(rng, 300, 305))]);
    case 'unionpay':
      return rng() < 0.9 ? '62' : '81';
    case 'mir':
      return String(randInt(rng, 2200, 2204));
    case 'maestro':
      return pick(rng, ['50', '56', '57', '58', '6304', '6759']);
    case 'cn-domestic':
      return '9558';
  }
}

const DEFAULT_LENGTHS: Partial<Record<CardBrand, readonly number[]>> = {
  visa: [16],
  unionpay: [16, 19],
  discover: [16],
  jcb: [16],
  diners: [14, 16],
  mir: [16],
  maestro: [16, 19],
};

/** A valid card number (IIN range, length and Luhn); UnionPay 16 or 19 digits by default. */
export function synthBankCard(rng: Rng, brand: CardBrand = 'unionpay', opts: BankCardOptions = {}): string {
  const length = opts.length ?? pick(rng, DEFAULT_LENGTHS[brand] ?? cardLengths(brand));
  const prefix = cardPrefix(rng, brand);
  const body = prefix + randomDigits(rng, length - 1 - prefix.length);
  return body + luhnCheckDigit(body);
}

/** A mainland mobile number in an allocated segment (11 digits, no country code). */
export function synthMobile(rng: Rng): string {
  return String(pick(rng, CN_MOBILE_SEGMENTS)) + randomDigits(rng, 8);
}

/**
 * The same value with a different last character, so its check digit/character fails:
 * a digit d becomes (d + 1) mod 10, any other character becomes `0`.
 */
export function breakCheck(value: string): string {
  const last = value.charCodeAt(value.length - 1);
  const repl = last >= 48 && last <= 57 ? String.fromCharCode(48 + ((last - 47) % 10)) : '0';
  return value.slice(0, -1) + repl;
}

/**
 * The same value with one digit before the last character changed to a different digit
 * (position drawn from `from` up to the last-but-one character). Any single-digit change is
 * caught by Luhn, MOD 11-2 and MOD 31.
 */
export function changeOneDigit(rng: Rng, value: string, from = 0): string {
  const positions: number[] = [];
  for (let i = from; i < value.length - 1; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) positions.push(i);
  }
  if (positions.length === 0) throw new RangeError('changeOneDigit: no digit to change');
  const i = pick(rng, positions);
  const old = value.charCodeAt(i) - 48;
  const d = (old + randInt(rng, 1, 9)) % 10;
  return value.slice(0, i) + String(d) + value.slice(i + 1);
}

/**
 * A resident ID with an impossible birth date (e.g. 31 February or month 13) but a correct
 * check character: fails on the date alone.
 */
export function residentIdWithBadDate(rng: Rng): string {
  const base = synthResidentId(rng);
  const year = base.slice(6, 10);
  const bad = pick(rng, ['0230', '0231', '1301', '0000', '0132', '0431', '1100']);
  const body = base.slice(0, 6) + year + bad + base.slice(14, 17);
  return body + residentIdCheckChar(body);
}
