// Character classes for the scanner, one table lookup per UTF-16 code unit. Full-width digits
// and letters (typed with a Chinese IME) count as their ASCII twins but mark the value as needing
// normalization; so do lower-case letters.

export const DIGIT = 1;
export const UPPER = 2;
export const LOWER = 4;
/** Full-width form (U+FF10–FF19, U+FF21–FF3A, U+FF41–FF5A). */
export const WIDE = 8;
/** One space, dash, dot or slash may join the groups of a value (6222 0252 …, 139-1234-5678, 123.456.789-09). */
export const SEPARATOR = 16;
export const LETTER = UPPER | LOWER;
export const ALNUM = DIGIT | UPPER | LOWER;
/** Needs normalization before validators may read it. */
export const NEEDS_NORMALIZING = LOWER | WIDE;

export const CLASS = new Uint8Array(65536);
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLASS[c] = UPPER;
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER;
for (let c = 0xff10; c <= 0xff19; c++) CLASS[c] = DIGIT | WIDE;
for (let c = 0xff21; c <= 0xff3a; c++) CLASS[c] = UPPER | WIDE;
for (let c = 0xff41; c <= 0xff5a; c++) CLASS[c] = LOWER | WIDE;
CLASS[32] = SEPARATOR;
CLASS[45] = SEPARATOR;
CLASS[46] = SEPARATOR;
CLASS[47] = SEPARATOR;

export function isAlnum(c: number): boolean {
  return (CLASS[c] & ALNUM) !== 0;
}

/** ASCII upper-case code for a digit or letter code unit (full-width folded). */
export function asciiUpper(c: number): number {
  if (c >= 0xff10) c -= 0xfee0;
  return c >= 97 && c <= 122 ? c - 32 : c;
}

/** ASCII lower-case for case-insensitive word matching (other code units unchanged). */
export function asciiLower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}
