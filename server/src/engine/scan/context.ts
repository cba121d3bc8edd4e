import type { Confidence, Reason, Rule } from '../types';

/** How far around a value we look for hotwords and negative words, in UTF-16 units, on its line. */
const BEFORE = 40;
const AFTER = 20;

/** Text near a value on the same line, lower-cased, for hotword lookups. */
export function nearbyText(text: string, start: number, end: number): string {
  let from = start;
  const minFrom = Math.max(0, start - BEFORE);
  while (from > minFrom && text.charCodeAt(from - 1) !== 10) from--;
  let to = end;
  const maxTo = Math.min(text.length, end + AFTER);
  while (to < maxTo && text.charCodeAt(to) !== 10 && text.charCodeAt(to) !== 13) to++;
  return (text.slice(from, start) + ' ' + text.slice(end, to)).toLowerCase();
}

const levels: Confidence[] = ['low', 'medium', 'high'];

/**
 * Adjusts the validator's confidence by context: a hotword (or a column header naming the
 * type) raises it one level; a negative word with no hotword (订单号, order_id…) drops it to low.
 */
export function applyContext(rule: Rule, base: Confidence, near: string, header: string | undefined, reasons: Reason[]): Confidence {
  const hot = findWord(rule.context.hotwords, header) ?? findWord(rule.context.hotwords, near);
  const neg = findWord(rule.context.negative, header) ?? findWord(rule.context.negative, near);
  if (hot) reasons.push({ kind: 'hotword', word: hot });
  if (neg) reasons.push({ kind: 'negative', word: neg });
  if (neg && !hot) return 'low';
  const level = levels.indexOf(base) + (hot ? 1 : 0);
  return levels[Math.min(level, 2)];
}

function findWord(words: string[], text: string | undefined): string | undefined {
  if (!text) return undefined;
  for (const w of words) if (text.includes(w)) return w;
  return undefined;
}
