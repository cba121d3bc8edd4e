// Character classes for the scanner, on UTF-16 code units. Full-width digits and letters
// (common in Chinese text typed with an IME) count as their ASCII twins.

export const enum Cls {
  Other = 0,
  Digit = 1,
  Letter = 2,
}

export function classOf(c: number): Cls {
  if (c >= 48 && c <= 57) return Cls.Digit;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return Cls.Letter;
  if (c < 0xff10 || c > 0xff5a) return Cls.Other;
  if (c <= 0xff19) return Cls.Digit;
  if ((c >= 0xff21 && c <= 0xff3a) || c >= 0xff41) return Cls.Letter;
  return Cls.Other;
}

/** Single separators allowed between groups of one value: space and dash. */
export function isSeparator(c: number): boolean {
  return c === 32 || c === 45;
}

/** ASCII upper-case code for a digit or letter code unit (full-width folded). */
export function asciiUpper(c: number): number {
  if (c >= 0xff10) c -= 0xfee0;
  return c >= 97 && c <= 122 ? c - 32 : c;
}
