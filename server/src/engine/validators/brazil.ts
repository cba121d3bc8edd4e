/**
 * Brazilian tax registration numbers of the Receita Federal (RFB):
 *
 *   CPF  (Cadastro de Pessoas Físicas, individuals): 11 digits, written 123.456.789-09.
 *        9 digits (the 9th is the fiscal region) and two MOD 11 check digits with weights
 *        10..2 then 11..2. Numbers of one repeated digit (111.111.111-11) pass the arithmetic
 *        but are never issued: RFB's own validators reject them, and so do we.
 *
 *   CNPJ (Cadastro Nacional da Pessoa Jurídica, organizations): 14 characters, written
 *        12.345.678/0001-95: an 8-character root, a 4-character establishment number (0001 = head
 *        office) and two MOD 11 check digits with weights 5..2,9..2 then 6..2,9..2. From July 2026
 *        the first 12 characters may also be upper-case letters (IN RFB nº 2.229/2024, "CNPJ
 *        alfanumérico"); every character then counts as its ASCII code minus 48 (`0` = 0,
 *        `A` = 17), which leaves the numeric calculation unchanged. The check digits stay digits.
 *        A root of twelve zeros is rejected; 00.000.000/0001-91 (Banco do Brasil) is real.
 *        Note that characters whose values differ by 11 (`6`/`A`, `7`/`B`, `A`/`L`, `L`/`W`…)
 *        leave both sums unchanged mod 11: the alphanumeric scheme cannot tell them apart.
 *
 * Check digit rule for both: r = sum mod 11; the digit is 0 when r < 2, else 11 - r.
 */

import { isDigit, isUpper } from './digits';

function mod11Digit(sum: number): number {
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

/**
 * Whether `v[start, end)` is a valid CPF: 11 ASCII digits, not all the same, both check digits
 * correct. Never throws.
 */
export function validCpf(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 11) return false;
  let s1 = 0;
  let s2 = 0;
  let same = true;
  const first = v.charCodeAt(start);
  for (let i = 0; i < 9; i++) {
    const c = v.charCodeAt(start + i);
    if (!isDigit(c)) return false;
    if (c !== first) same = false;
    s1 += (10 - i) * (c - 48);
    s2 += (11 - i) * (c - 48);
  }
  const c1 = v.charCodeAt(start + 9);
  const c2 = v.charCodeAt(start + 10);
  if (!isDigit(c1) || !isDigit(c2)) return false;
  if (same && c1 === first && c2 === first) return false;
  const d1 = mod11Digit(s1);
  if (c1 - 48 !== d1) return false;
  return c2 - 48 === mod11Digit(s2 + 2 * d1);
}

/**
 * The two CPF check digits for a 9-digit body.
 * @throws RangeError when `body9` is not 9 ASCII digits.
 */
export function cpfCheckDigits(body9: string): string {
  if (!/^\d{9}$/.test(body9)) throw new RangeError('cpfCheckDigits: expected 9 digits');
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < 9; i++) {
    const d = body9.charCodeAt(i) - 48;
    s1 += (10 - i) * d;
    s2 += (11 - i) * d;
  }
  const d1 = mod11Digit(s1);
  return `${d1}${mod11Digit(s2 + 2 * d1)}`;
}

const CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/** A CNPJ body character's value (ASCII - 48), or -1 when it is not a digit or upper-case letter. */
function cnpjValue(c: number): number {
  return isDigit(c) || isUpper(c) ? c - 48 : -1;
}

/**
 * Whether `v[start, end)` is a valid CNPJ, numeric or alphanumeric: 12 digits or upper-case
 * letters, not twelve zeros, then two check digits that match. Never throws.
 */
export function validCnpj(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 14) return false;
  let s1 = 0;
  let s2 = 0;
  let zeros = true;
  for (let i = 0; i < 12; i++) {
    const c = v.charCodeAt(start + i);
    const x = cnpjValue(c);
    if (x < 0) return false;
    if (c !== 48) zeros = false;
    s1 += CNPJ_W1[i] * x;
    s2 += CNPJ_W2[i] * x;
  }
  if (zeros) return false;
  const c1 = v.charCodeAt(start + 12);
  const c2 = v.charCodeAt(start + 13);
  if (!isDigit(c1) || !isDigit(c2)) return false;
  const d1 = mod11Digit(s1);
  if (c1 - 48 !== d1) return false;
  return c2 - 48 === mod11Digit(s2 + CNPJ_W2[12] * d1);
}

/**
 * The two CNPJ check digits for a 12-character body (digits or upper-case letters).
 * @throws RangeError on anything else.
 */
export function cnpjCheckDigits(body12: string): string {
  if (!/^[0-9A-Z]{12}$/.test(body12)) throw new RangeError('cnpjCheckDigits: expected 12 digits or upper-case letters');
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < 12; i++) {
    const x = body12.charCodeAt(i) - 48;
    s1 += CNPJ_W1[i] * x;
    s2 += CNPJ_W2[i] * x;
  }
  const d1 = mod11Digit(s1);
  return `${d1}${mod11Digit(s2 + CNPJ_W2[12] * d1)}`;
}
