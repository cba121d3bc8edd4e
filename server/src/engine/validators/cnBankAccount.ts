/**
 * Bank account numbers of mainland China (银行账号, above all corporate settlement accounts,
 * 对公账号). Each bank numbers its accounts its own way: 9 to 25 digits, no published common
 * structure and no check digit that all banks use (card numbers, which do have one, are rule
 * bank-card). So this is the weakest of checks, and the rule using it is context-only: it is
 * reported only under a header such as 对公账号 or next to a word such as 账号.
 *
 * Rejected, as they are other things that sit in the same sheets and lines:
 *   - one digit repeated (000000000, 999999999…: placeholders);
 *   - 14 digits that read as a date and time YYYYMMDDhhmmss (1900-2099), and 17 digits that
 *     read as the same with milliseconds: timestamps in bank statement exports;
 *   - 16-19 digits starting with 62: a UnionPay card number, which rule bank-card reports with a
 *     valid Luhn digit and also without one (UnionPay issued domestic cards without it);
 *   - a number another rule proves by itself: a valid payment card (IIN range, length, Luhn), an
 *     allocated mobile number, an 18-digit resident ID (check character, birth date, region) or
 *     an all-digit unified social credit code. Those rules report it without any context, so
 *     under an account header it is still found, under its own name: an account header must not
 *     turn a card, phone number or ID into an account number.
 */

import { validBankCard } from './bankCard';
import { validCnMobile } from './cnMobile';
import { validResidentId18 } from './cnResidentId';
import { validUscc } from './uscc';
import { allDigits, oneRepeatedChar, readInt } from './digits';


/** Whether the digits at `at` read as YYYYMMDDhhmmss (years 1900-2099). Digits assumed. */
function looksLikeTimestamp(v: string, at: number): boolean {
  const year = readInt(v, at, 4);
  const month = readInt(v, at + 4, 2);
  const day = readInt(v, at + 6, 2);
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  return readInt(v, at + 8, 2) <= 23 && readInt(v, at + 10, 2) <= 59 && readInt(v, at + 12, 2) <= 59;
}

/** Whether `v[start, end)` may be a bank account number: 9-25 digits, not one of the shapes above. Never throws. */
export function validCnBankAccount(v: string, start = 0, end = v.length): boolean {
  const len = end - start;
  if (len < 9 || len > 25) return false;
  if (!allDigits(v, start, end) || oneRepeatedChar(v, start, end)) return false;
  const first = v.charCodeAt(start);
  if ((len === 14 || len === 17) && looksLikeTimestamp(v, start)) return false;
  if (len >= 16 && len <= 19 && first === 54 && v.charCodeAt(start + 1) === 50) return false;
  if ((len === 11 || len === 13 || len === 15) && validCnMobile(v, start, end)) return false;
  if (len === 18 && (validResidentId18(v, start, end) || validUscc(v, start, end))) return false;
  return len < 13 || len > 19 || !validBankCard(v, start, end);
}
