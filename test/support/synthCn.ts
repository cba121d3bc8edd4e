/**
 * Deterministic synthetic identifiers of the Greater China rules (cn-taxpayer-id,
 * cn-bank-account, cn-passport, cn-hk-macau-permit, cn-taiwan-permit, hk-id, mo-id, tw-id), in
 * the style of synth.ts: drawn from a seeded PRNG (makeRng), valid in format and check
 * characters, random otherwise, so nobody's real number (a collision is possible, as for any
 * valid-looking number, but nothing is taken from real data).
 *
 *   const rng = makeRng(42);
 *   synthHkid(rng);                  // 'N883492(8)' style: passes validHkid once normalized
 *   synthHkid(rng, { written: 'plain' });   // 'N8834928'
 */

import { validBankCard } from '../../server/src/engine/validators/bankCard';
import { validCnBankAccount } from '../../server/src/engine/validators/cnBankAccount';
import { cnTaxpayerIdVerdict } from '../../server/src/engine/validators/cnTaxpayerId';
import { validCnMobile } from '../../server/src/engine/validators/cnMobile';
import { regionCodeList } from '../../server/src/engine/validators/cnRegionCodes';
import { validResidentId15, validResidentId18 } from '../../server/src/engine/validators/cnResidentId';
import { looksLikeDate8 } from '../../server/src/engine/validators/cnTravelDocuments';
import { hkidCheckChar } from '../../server/src/engine/validators/hkid';
import { twIdCheckDigit } from '../../server/src/engine/validators/twId';
import { orgCodeCheckChar } from '../../server/src/engine/validators/uscc';
import { pick, randInt, randomDigits, synthResidentId, synthResidentId15, type Rng } from './synth';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Serial letters of the newer passport and permit ranges: no I or O. */
const SERIAL_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

let ordinaryRegions: number[] | undefined;
/** GB/T 2260 region codes without the 81/82/83 permit prefixes. */
function region(rng: Rng): string {
  ordinaryRegions ??= Array.from(regionCodeList()).filter((c) => c < 710000);
  return String(pick(rng, ordinaryRegions)).padStart(6, '0');
}

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
    for (let i = 0; i < letters; i++) body += pick(rng, LETTERS);
    body += randomDigits(rng, 6);
    const check = hkidCheckChar(body);
    if (opts.checkA && check !== 'A') continue;
    return opts.written === 'plain' ? body + check : `${body}(${check})`;
  }
}

export interface TwIdOptions {
  /** `national` (1/2), `ui` (8/9, since 2021), `ui-old` (A-D, until 2021); default national. */
  kind?: 'national' | 'ui' | 'ui-old';
}

/** A valid Taiwan national ID or UI number. */
export function synthTwId(rng: Rng, opts: TwIdOptions = {}): string {
  const second = { national: '12', ui: '89', 'ui-old': 'ABCD' }[opts.kind ?? 'national'];
  const body = pick(rng, LETTERS) + pick(rng, second) + randomDigits(rng, 7);
  return body + twIdCheckDigit(body);
}

/** A Macao BIR number in its format (1/5/7 + 7 digits; the check digit is random: its algorithm is not public), written `1234567(8)`. */
export function synthMoId(rng: Rng, opts: { written?: 'paren' | 'plain' } = {}): string {
  for (;;) {
    const v = pick(rng, '157') + randomDigits(rng, 7);
    if (looksLikeDate8(v, 0)) continue;
    return opts.written === 'plain' ? v : `${v.slice(0, 7)}(${v[7]})`;
  }
}

export interface TaxpayerIdOptions {
  /** `org` 15 chars (default), `id20` 18-digit resident ID + 2 digits, `id17` 15-digit ID + 2. */
  form?: 'org' | 'id20' | 'id17';
  /** For `org`: an organization code body with letters (true) or digits only (false); default random. */
  letters?: boolean;
}

/** A valid legacy taxpayer identification number (纳税人识别号). */
export function synthTaxpayerId(rng: Rng, opts: TaxpayerIdOptions = {}): string {
  const form = opts.form ?? 'org';
  if (form === 'id20') return synthResidentId(rng) + '0' + randInt(rng, 0, 9);
  if (form === 'id17') return synthResidentId15(rng) + randomDigits(rng, 2);
  for (;;) {
    const letters = opts.letters ?? rng() < 0.5;
    let org = '';
    for (let i = 0; i < 8; i++) org += letters ? pick(rng, ORG_CHARS) : String(randInt(rng, 0, 9));
    if (letters !== /[A-Z]/.test(org)) continue;
    const v = region(rng) + org + orgCodeCheckChar(org);
    // A body of digits with an X check character reads as one with letters, and an all-digit
    // number that is also a legacy resident ID is that rule's: draw again.
    if (!letters && (v.endsWith('X') || validResidentId15(v))) continue;
    return v;
  }
}

/**
 * A bank account number (9-25 digits; default lengths as banks issue them: 12, 15, 17, 19, 20,
 * 21, 22). Drawn again until cn-bank-account accepts it and no other rule's validator does
 * (card, mobile, resident ID, taxpayer ID), so a test finding it expects cn-bank-account alone.
 */
export function synthBankAccount(rng: Rng, opts: { length?: number } = {}): string {
  for (;;) {
    const length = opts.length ?? pick(rng, [12, 15, 17, 19, 20, 21, 22]);
    const v = String(randInt(rng, 1, 9)) + randomDigits(rng, length - 1);
    if (!validCnBankAccount(v) || validBankCard(v) || validCnMobile(v) || validResidentId18(v) || validResidentId15(v) || cnTaxpayerIdVerdict(v) !== 0) continue;
    return v;
  }
}

/** A PRC passport number: E + 8 digits, E + letter + 7 digits (default mix), or G + 8 digits. */
export function synthPassport(rng: Rng, opts: { kind?: 'E' | 'EX' | 'G' | 'DE' | 'SE' | 'PE' } = {}): string {
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

/** A Hong Kong/Macao permit number: 往来港澳通行证 `C12345678` (default) or 回乡证 `H12345678`. */
export function synthHkMacauPermit(rng: Rng, opts: { kind?: 'C' | 'CX' | 'W' | 'H' | 'M' } = {}): string {
  const kind = opts.kind ?? 'C';
  return kind === 'CX' ? 'C' + pick(rng, SERIAL_LETTERS) + randomDigits(rng, 7) : kind + randomDigits(rng, 8);
}

/** A Taiwan permit number: 台胞证 8 digits (default, never date-shaped) or 往来台湾通行证 `L12345678`. */
export function synthTaiwanPermit(rng: Rng, opts: { kind?: 'tbz' | 'L' } = {}): string {
  if (opts.kind === 'L') return 'L' + randomDigits(rng, 8);
  for (;;) {
    const v = randomDigits(rng, 8);
    if (!looksLikeDate8(v, 0)) return v;
  }
}
