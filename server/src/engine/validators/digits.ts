// Small character readers shared by the validators: they read in place, allocate nothing, never throw.

/** Whether the char code is an ASCII digit 0-9. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether the char code is an ASCII upper-case letter A-Z (values are normalized to upper case). */
export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Whether `v[from, to)` are all ASCII digits (true for an empty range). */
export function allDigits(v: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isDigit(v.charCodeAt(i))) return false;
  return true;
}

/** Whether `v[from, to)` is one character repeated (placeholders such as 000000000). */
export function oneRepeatedChar(v: string, from: number, to: number): boolean {
  const first = v.charCodeAt(from);
  for (let i = from + 1; i < to; i++) if (v.charCodeAt(i) !== first) return false;
  return true;
}

/** Reads `len` ASCII digits at `at` as a number; -1 if any is not a digit. */
export function readInt(v: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
