/**
 * Payment card numbers (PAN): ISO/IEC 7812-1 issuer identification number (IIN) ranges with the
 * lengths each network issues, plus the Luhn check digit (ISO/IEC 7812-1 Annex B).
 *
 * Ranges and lengths, conservative (only the ranges each network publishes for its cards):
 *   visa        4                                   16, 19       Visa: "Visa cards begin with 4"
 *                                                                 (13-digit Visa numbers are long
 *                                                                 retired; dropped, since 13-digit
 *                                                                 EAN barcodes starting 4 abound)
 *   mastercard  51-55, 2221-2720                    16           Mastercard; the 2-series
 *                                                                 (2221-2720) since 2017
 *   amex        34, 37                              15           American Express
 *   discover    6011, 644-649, 65                   16-19        Discover Global Network IIN ranges
 *   jcb         3528-3589                           16-19        JCB
 *   diners      300-305, 36, 38-39                  14-19        Diners Club International
 *                                                                 (on the Discover network)
 *   unionpay    62, 81                              16-19        China UnionPay / UnionPay
 *                                                                 International BIN ranges
 *                                                                 (81 issued since 2021)
 *   mir         2200-2204                           16-19        NSPK Mir
 *   maestro     50, 56-58, 6304, 6759, 6761-6763    13-19        Mastercard Maestro (12-19;
 *                                                                 12 dropped: too short to tell).
 *                                                                 Not "the rest of 6": 69… is the
 *                                                                 GS1 prefix of Chinese barcodes
 *   cn-domestic 9558                                19           ICBC 灵通卡 domestic debit cards
 *                                                                 (BINs 9558xx, 19 digits), as
 *                                                                 listed in the UnionPay card BIN
 *                                                                 tables Chinese banks publish
 *
 * Overlaps resolve to the more specific range: 65 and 644-649 are Discover and 62 UnionPay (the
 * Discover co-branded 622126-622925 reads as UnionPay), not Maestro.
 */

import { readInt } from './digits';
import { luhnValid } from './luhn';
import { CHECKSUM, INVALID, WEAK, type Verdict } from './types';

export type CardBrand =
  | 'visa'
  | 'mastercard'
  | 'amex'
  | 'discover'
  | 'jcb'
  | 'diners'
  | 'unionpay'
  | 'mir'
  | 'maestro'
  | 'cn-domestic';

/** Allowed lengths per brand: bit n set = length n allowed. */
function lengths(...ls: number[]): number {
  let mask = 0;
  for (const l of ls) mask |= 1 << l;
  return mask;
}
const R16_19 = lengths(16, 17, 18, 19);
const BRAND_LENGTHS: Readonly<Record<CardBrand, number>> = {
  visa: lengths(16, 19),
  mastercard: lengths(16),
  amex: lengths(15),
  discover: R16_19,
  jcb: R16_19,
  diners: lengths(14, 15, 16, 17, 18, 19),
  unionpay: R16_19,
  mir: R16_19,
  maestro: lengths(13, 14, 15, 16, 17, 18, 19),
  'cn-domestic': lengths(19),
};

/** The number formed by the first `k` chars, or -1 if too short or a non-digit. */
/** The first k digits of digits[start, end) as a number; -1 when shorter or not digits. */
function prefix(d: string, start: number, end: number, k: number): number {
  return end - start < k ? -1 : readInt(d, start, k);
}

/**
 * The card network whose IIN range `digits` starts with, judged from the prefix only (no length
 * or Luhn check), or undefined. Needs the first 4 digits for most ranges.
 */
export function cardBrand(digits: string, start = 0, end = digits.length): CardBrand | undefined {
  const p1 = prefix(digits, start, end, 1);
  const p2 = prefix(digits, start, end, 2);
  const p3 = prefix(digits, start, end, 3);
  const p4 = prefix(digits, start, end, 4);
  switch (p1) {
    case 2:
      if (p4 >= 2221 && p4 <= 2720) return 'mastercard';
      if (p4 >= 2200 && p4 <= 2204) return 'mir';
      return undefined;
    case 3:
      if (p2 === 34 || p2 === 37) return 'amex';
      if (p4 >= 3528 && p4 <= 3589) return 'jcb';
      if (p2 === 36 || p2 === 38 || p2 === 39 || (p3 >= 300 && p3 <= 305)) return 'diners';
      return undefined;
    case 4:
      return 'visa';
    case 5:
      if (p2 >= 51 && p2 <= 55) return 'mastercard';
      if (p2 === 50 || (p2 >= 56 && p2 <= 58)) return 'maestro';
      return undefined;
    case 6:
      if (p2 === 62) return 'unionpay';
      if (p2 === 65 || p4 === 6011 || (p3 >= 644 && p3 <= 649)) return 'discover';
      // Maestro's own 6-ranges only (Maestro UK 6759, 6761-6763; 6304 Laser/Maestro).
      return p4 === 6304 || p4 === 6759 || (p4 >= 6761 && p4 <= 6763) ? 'maestro' : undefined;
    case 8:
      return p2 === 81 ? 'unionpay' : undefined;
    case 9:
      return p4 === 9558 ? 'cn-domestic' : undefined;
    default:
      return undefined;
  }
}

/**
 * Whether `digits` is a plausible payment card number: 13-19 ASCII digits, a known IIN range,
 * a length that network issues, and a correct Luhn check digit. Never throws.
 */
export function validBankCard(digits: string, start = 0, end = digits.length): boolean {
  const n = end - start;
  if (n < 13 || n > 19) return false;
  const brand = cardBrand(digits, start, end);
  if (brand === undefined) return false;
  if ((BRAND_LENGTHS[brand] & (1 << n)) === 0) return false;
  return luhnValid(digits, start, end);
}

/**
 * The bank-card verdict: CHECKSUM for a valid card (validBankCard); WEAK for a UnionPay number
 * (62…) of an allowed length (16-19 digits) that fails Luhn, since UnionPay has issued domestic
 * cards whose numbers do not carry a Luhn check digit, so such a number is plausible but
 * unproven (reported only with a hotword or header nearby); INVALID otherwise. Never throws.
 */
export function bankCardVerdict(digits: string, start = 0, end = digits.length): Verdict {
  if (validBankCard(digits, start, end)) return CHECKSUM;
  const n = end - start;
  if ((BRAND_LENGTHS.unionpay & (1 << n)) === 0 || prefix(digits, start, end, 2) !== 62) return INVALID;
  for (let i = start + 2; i < end; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return INVALID;
  }
  return WEAK;
}

/** Lengths a brand issues, ascending (for generators and docs). */
export function cardLengths(brand: CardBrand): number[] {
  const out: number[] = [];
  for (let l = 12; l <= 19; l++) if (BRAND_LENGTHS[brand] & (1 << l)) out.push(l);
  return out;
}
