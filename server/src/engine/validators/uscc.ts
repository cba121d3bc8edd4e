/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015:
 *
 *   position  1     registration department (登记管理部门代码)
 *             2     organization type within that department (机构类别代码)
 *             3-8   administrative division code of the registering authority (GB/T 2260)
 *             9-17  subject identifier = the GB 11714 organization code (组织机构代码): 8 chars
 *                   and its own check character
 *             18    check character, MOD 31 over the first 17 characters
 *
 * Characters come from a 31-character alphabet, 0-9 and A-Z without I, O, S, V, Z.
 *
 * Registration departments (GB 32100-2015 table 1 and later assignments by the standard's
 * maintenance body): 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会,
 * 9 工商/市场监管, A 中央军委改革和编制办公室, N 农业, Y 其他. Organization types assigned so
 * far are digits (1-3 and 9 for most departments), so we accept a digit 1-9 in position 2.
 *
 * Positions 3-8 are checked to be digits only, not looked up in the GB/T 2260 table: real codes
 * carry registration-authority codes the table lacks.
 *
 * The embedded GB 11714 check (position 17) is enforced for every code. We verified it against
 * the 202 real codes in shared/testdata/vectors/cn-uscc.valid.txt (python-stdnum and stdnum-js
 * test suites; departments/types 91, 92 and 12): all 202 pass it, individual businesses (92)
 * included, so there was no evidence for exempting any department. A random string that
 * passes MOD 31 passes this check too only about once in 31 (position 17 must be the one right
 * digit or X), which matters when scanning long runs of letters and digits.
 */

import { allDigits } from './digits';

/** The USCC alphabet: 0-9 and A-Z without I, O, S, V, Z (organization codes in new codes use it too). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** MOD 31 weights 3^i mod 31, i = 0..16. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 organization code weights over the 8-character body. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** char code → value in the USCC alphabet, or -1. */
const USCC_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_ALPHABET.length; i++) USCC_VALUE[USCC_ALPHABET.charCodeAt(i)] = i;

function usccValue(code: number): number {
  return code < 128 ? USCC_VALUE[code] : -1;
}

/** GB 11714 character value: 0-9, then A=10 .. Z=35; -1 otherwise. */
function orgValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return -1;
}

/** Registration departments: 1-9, A, N, Y. */
function validDepartment(code: number): boolean {
  return (code >= 49 && code <= 57) || code === 65 || code === 78 || code === 89;
}

/** GB 11714 check value over 8 chars at `at` (0..10, 10 = 'X'), or -1 for a bad char. */
function orgCheckValue(v: string, at: number): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const x = orgValue(v.charCodeAt(at + i));
    if (x < 0) return -1;
    sum += x * ORG_WEIGHTS[i];
  }
  return (11 - (sum % 11)) % 11;
}

/** MOD 31 check value over the first 17 chars, or -1 for a char outside the alphabet. */
function mod31CheckValue(v: string, at = 0): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const x = usccValue(v.charCodeAt(at + i));
    if (x < 0) return -1;
    sum += x * WEIGHTS[i];
  }
  return (31 - (sum % 31)) % 31;
}

/**
 * Whether `v` is a valid 18-character unified social credit code: alphabet, registration
 * department, organization type, region digits, the GB 11714 organization code check and the
 * MOD 31 check character. Never throws.
 */
export function validUscc(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 18) return false;
  if (!validDepartment(v.charCodeAt(start))) return false;
  const type = v.charCodeAt(start + 1);
  if (type < 49 || type > 57) return false;
  if (!allDigits(v, start + 2, start + 8)) return false;
  const check = mod31CheckValue(v, start);
  if (check < 0 || usccValue(v.charCodeAt(start + 17)) !== check) return false;
  return validOrgCode(v, start + 8);
}

/**
 * Whether the 9 characters at `at` are a GB 11714 organization code with a correct check
 * character (`0`-`9` or `X`): positions 9-17 of a USCC, and of a legacy taxpayer ID. Never throws.
 */
export function validOrgCode(v: string, at = 0): boolean {
  if (at < 0 || v.length < at + 9) return false;
  const check = orgCheckValue(v, at);
  if (check < 0) return false;
  const c = v.charCodeAt(at + 8);
  return check === 10 ? c === 88 /* X */ : c === 48 + check;
}

/**
 * The MOD 31 check character for the first 17 characters of a code.
 * @throws RangeError when `body17` is not 17 characters of the USCC alphabet.
 */
export function usccCheckChar(body17: string): string {
  if (body17.length !== 17) throw new RangeError('usccCheckChar: expected 17 characters');
  const check = mod31CheckValue(body17);
  if (check < 0) throw new RangeError('usccCheckChar: character outside the USCC alphabet');
  return USCC_ALPHABET[check];
}

/**
 * The GB 11714 organization code check character (`0`-`9` or `X`) for an 8-character body
 * (`0`-`9`, `A`-`Z`).
 * @throws RangeError when `body8` is not 8 such characters.
 */
export function orgCodeCheckChar(body8: string): string {
  if (body8.length !== 8) throw new RangeError('orgCodeCheckChar: expected 8 characters');
  const check = orgCheckValue(body8, 0);
  if (check < 0) throw new RangeError('orgCodeCheckChar: characters must be 0-9 or A-Z');
  return check === 10 ? 'X' : String(check);
}
