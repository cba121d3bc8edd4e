/**
 * Payment card numbers, drawn from an Rng: a prefix in the brand's IIN range, a length the brand
 * issues and the Luhn check digit (valid for validBankCard).
 */

import { cardBrand, cardLengths, type CardBrand } from '../validators/bankCard';
import { luhnCheckDigit } from '../validators/luhn';
import { pick, randInt, randomDigits, type Rng } from './keyedRandom';

export interface BankCardOptions {
  /** Total length; default: one the brand issues (UnionPay: 16 or 19). */
  length?: number;
  /** The first digits, a whole IIN range of the brand; default: drawn from the brand's ranges. */
  prefix?: string;
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
  const prefix = opts.prefix ?? cardPrefix(rng, brand);
  const body = prefix + randomDigits(rng, length - 1 - prefix.length);
  return body + luhnCheckDigit(body);
}

/**
 * A fake of the same brand and length that starts with the same digit (UnionPay: the same two,
 * 62 or 81), so the card still reads as the same network. A UnionPay number without a valid Luhn
 * digit gets a valid one.
 */
export function fakeBankCard(template: string, rng: Rng): string | undefined {
  const brand = cardBrand(template);
  if (brand === undefined || !cardLengths(brand).includes(template.length)) return undefined;
  // UnionPay's two digits are each a whole range of the brand: kept as they are. Drawing until they
  // came up missed 81 (a tenth of the draws) once in about 800 cards.
  if (brand === 'unionpay') return synthBankCard(rng, brand, { length: template.length, prefix: template.slice(0, 2) });
  for (let i = 0; i < 64; i++) {
    const v = synthBankCard(rng, brand, { length: template.length });
    if (v[0] === template[0]) return v;
  }
  return undefined;
}
