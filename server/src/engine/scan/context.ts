import type { Confidence } from '../types';
import type { CompiledRule } from './ruleIndex';
import type { BaseConfidence } from './scanner';

/** How far around a value we look for hotwords and negative words, in UTF-16 units, on its line. */
export const BEFORE = 40;
export const AFTER = 20;

export const HOT = 1;
export const NEG = 2;

export const CONFIDENCE: readonly Confidence[] = ['low', 'medium', 'high'];

/** Bounds of the context window around text[start, end), clipped to the value's line. */
export function windowStart(text: string, start: number): number {
  let from = start;
  const min = start > BEFORE ? start - BEFORE : 0;
  while (from > min && text.charCodeAt(from - 1) !== 10) from--;
  return from;
}

export function windowEnd(text: string, end: number): number {
  let to = end;
  const max = Math.min(text.length, end + AFTER);
  while (to < max) {
    const c = text.charCodeAt(to);
    if (c === 10 || c === 13) break;
    to++;
  }
  return to;
}

/** Which of the rule's context word sets occur near the value (HOT | NEG bits). `want` limits the search. */
export function nearbyContext(text: string, start: number, end: number, cr: CompiledRule, want: number): number {
  const from = windowStart(text, start);
  const to = windowEnd(text, end);
  let found = 0;
  if ((want & NEG) !== 0 && (cr.neg.findIn(text, from, start, start) !== undefined || cr.neg.findIn(text, end, to, to) !== undefined)) found |= NEG;
  if ((want & HOT) !== 0 && (cr.hot.findIn(text, from, start, start) !== undefined || cr.hot.findIn(text, end, to, to) !== undefined)) found |= HOT;
  return found;
}

/**
 * Confidence from the validator's verdict and the context: a hotword (near the value or in its
 * column header) raises it one level; a negative word (订单号, order_id…) with no hotword drops it
 * to low. `known` holds the HOT/NEG bits already known (from the column header); `search(want)`
 * looks near the value for the bits asked for, and is called only when the answer depends on it.
 */
export function decideConfidence(base: BaseConfidence, known: number, search: (want: number) => number): number {
  if ((known & HOT) !== 0) return base === 2 ? 2 : base + 1;
  if (base === 2) {
    // Already high: only a negative word can change it, and a hotword cancels that.
    if ((known & NEG) === 0 && (search(NEG) & NEG) === 0) return 2;
    return (search(HOT) & HOT) !== 0 ? 2 : 0;
  }
  const found = known | search((known & NEG) !== 0 ? HOT : HOT | NEG);
  if ((found & NEG) !== 0 && (found & HOT) === 0) return 0;
  return (found & HOT) !== 0 ? base + 1 : base;
}
