import type { ValidatorDef, Verdict } from './types';

/** A yes/no check as a verdict: `pass` when it passes, INVALID otherwise. */
export function verdict(check: (v: string, start: number, end: number) => boolean, pass: Verdict): ValidatorDef['validate'] {
  return (v, start, end) => (check(v, start, end) ? pass : 0);
}
