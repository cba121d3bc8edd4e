import type { Confidence } from '../types';
import type { CompiledRule } from './ruleIndex';
import type { BaseConfidence } from './scanner';

/** How far around a value we look for hotwords and negative words, in UTF-16 units, on its line. */
export const BEFORE = 40;
export const AFTER = 20;

export const HOT = 1;
export const NEG = 2;

export const CONFIDENCE: readonly Confidence[] = ['low', 'medium', 'high'];
/** A confidence as a number: its index in CONFIDENCE. */
export const CONFIDENCE_RANK: Readonly<Record<Confidence, number>> = { low: 0, medium: 1, high: 2 };

/**
 * Bounds of the context window around text[start, end), clipped to the value's line. In a table
 * (`delimiter` ≥ 0) the column header speaks for the column, so the window keeps to the value's
 * own cell and the cell before it (a label in a two-column form: `身份证号,1101…`).
 */
export function windowStart(text: string, start: number, delimiter = -1): number {
  let from = start;
  const min = start > BEFORE ? start - BEFORE : 0;
  let cells = 0;
  while (from > min) {
    const c = text.charCodeAt(from - 1);
    if (c === 10 || (c === delimiter && ++cells === 2)) break;
    from--;
  }
  return from;
}

export function windowEnd(text: string, end: number, delimiter = -1): number {
  let to = end;
  const max = Math.min(text.length, end + AFTER);
  while (to < max) {
    const c = text.charCodeAt(to);
    if (c === 10 || c === 13 || c === delimiter) break;
    to++;
  }
  return to;
}

/**
 * Which of the rule's context word sets speak for the value (HOT | NEG bits). Labels come
 * before values (`卡号：6222…`, `order_id=…`), so the nearest word before the value decides, and
 * a word after it counts only when there is none before: in `卡号 6222… 流水号 6228…` the first
 * is a card and the second a serial number. The window text[from, to) comes from windowStart and
 * windowEnd, computed once for all the rules that matched the same value.
 */
export function nearbyContext(text: string, from: number, start: number, end: number, to: number, cr: CompiledRule): number {
  const hotBefore = cr.hot.distanceBefore(text, from, start);
  const negBefore = cr.neg.distanceBefore(text, from, start);
  if (hotBefore !== -1 || negBefore !== -1) return negBefore !== -1 && (hotBefore === -1 || negBefore < hotBefore) ? NEG : HOT;
  const hotAfter = cr.hot.distanceAfter(text, end, to);
  const negAfter = cr.neg.distanceAfter(text, end, to);
  if (negAfter !== -1 && (hotAfter === -1 || negAfter < hotAfter)) return NEG;
  return hotAfter !== -1 ? HOT : 0;
}

/**
 * Confidence from the validator's verdict and the context: a hotword (near the value or in its
 * column header) raises it one level; a negative word (订单号, order_id…) with no hotword drops it
 * to low. `known` holds the HOT/NEG bits already known (from the column header); `search()`
 * gives the HOT/NEG bits near the value, and is called only when the answer depends on them.
 */
export function decideConfidence(base: BaseConfidence, known: number, search: () => number): number {
  if ((known & HOT) !== 0) return base === 2 ? 2 : base + 1;
  if (base === 2) {
    // Already high: only a negative word can change it, unless a nearer hotword speaks for it.
    if ((known & NEG) !== 0) return (search() & HOT) !== 0 ? 2 : 0;
    return (search() & NEG) !== 0 ? 0 : 2;
  }
  const found = search() | known;
  // A negative word (near, or in the header) with no nearer hotword: not this identifier.
  if ((found & HOT) === 0 && (found & NEG) !== 0) return 0;
  return (found & HOT) !== 0 ? base + 1 : base;
}
