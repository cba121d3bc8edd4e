/**
 * Bank account numbers (银行账号), drawn from an Rng: digits that cn-bank-account accepts and no
 * other rule's validator does (card, mobile, resident ID, taxpayer ID), so the value is read as
 * an account number and nothing else.
 */

import { validCnBankAccount } from '../validators/cnBankAccount';
import { validResidentId15 } from '../validators/cnResidentId';
import { cnTaxpayerIdVerdict } from '../validators/cnTaxpayerId';
import { INVALID } from '../validators/types';
import { pick, randInt, randomDigits, type Rng } from './keyedRandom';

/**
 * A bank account number (9-25 digits; default lengths as banks issue them: 12, 15, 17, 19, 20,
 * 21, 22). Drawn again until cn-bank-account accepts it and no other rule's validator does.
 */
export function synthBankAccount(rng: Rng, opts: { length?: number } = {}): string {
  for (;;) {
    const length = opts.length ?? pick(rng, [12, 15, 17, 19, 20, 21, 22]);
    const v = String(randInt(rng, 1, 9)) + randomDigits(rng, length - 1);
    // validCnBankAccount itself refuses cards, mobile numbers, 18-digit IDs and credit codes.
    if (!validCnBankAccount(v) || validResidentId15(v) || cnTaxpayerIdVerdict(v) !== INVALID) continue;
    return v;
  }
}

/** A fake of the same length. */
export function fakeBankAccount(template: string, rng: Rng): string | undefined {
  return template.length >= 9 && template.length <= 25 ? synthBankAccount(rng, { length: template.length }) : undefined;
}
