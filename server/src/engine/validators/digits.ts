// Small digit readers shared by the validators: they read in place, allocate nothing, never throw.

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
