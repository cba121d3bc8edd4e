import type { Confidence } from '../types';
import { asciiUpper, classOf, Cls, isSeparator } from './chars';
import { MAX_GROUPS, type CompiledRule, type RuleIndex } from './ruleIndex';

/** A value that matched a rule's shape and validator, before context and directives. */
export interface RawMatch {
  rule: CompiledRule;
  start: number;
  end: number;
  /** Confidence from the validator alone: checksum → high, structure → medium, none → low. */
  base: Confidence;
}

// Scratch arrays for the groups of the current chain, reused across chains and scans
// so the hot loop allocates nothing until a candidate actually matches a rule.
const MAX_CHAIN = 64;
const gStart = new Int32Array(MAX_CHAIN);
const gEnd = new Int32Array(MAX_CHAIN);
const gLetters = new Int32Array(MAX_CHAIN);
const gTrailingX = new Uint8Array(MAX_CHAIN);

/**
 * One pass over the text. A "group" is a maximal run of digits and letters; groups joined by
 * one space or dash form a "chain". Each group, and each run of digit groups whose length
 * signature some rule accepts (e.g. `4 4 4 4 3` for a card), is a candidate; only the rules
 * indexed under that length or signature see it. Values never match inside a longer run.
 */
export function scanText(text: string, index: RuleIndex, emit: (m: RawMatch) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let cls = classOf(text.charCodeAt(i));
    if (cls === Cls.Other) {
      i++;
      continue;
    }
    const chainStart = i;
    let groups = 0;
    let anyDigit = false;
    for (;;) {
      const gs = i;
      let letters = 0;
      let digits = 0;
      while (cls !== Cls.Other) {
        if (cls === Cls.Letter) letters++;
        else digits++;
        if (++i >= n) break;
        cls = classOf(text.charCodeAt(i));
      }
      gStart[groups] = gs;
      gEnd[groups] = i;
      gLetters[groups] = letters;
      gTrailingX[groups] = letters === 1 && asciiUpper(text.charCodeAt(i - 1)) === 88 ? 1 : 0;
      groups++;
      if (digits > 0) anyDigit = true;
      if (groups < MAX_CHAIN && i + 1 < n && isSeparator(text.charCodeAt(i)) && classOf(text.charCodeAt(i + 1)) !== Cls.Other) {
        i++;
        cls = classOf(text.charCodeAt(i));
        continue;
      }
      break;
    }
    if (anyDigit) scanChain(text, index, chainStart, groups, emit);
  }
}

// Matches found in the current chain, resolved longest-first before emitting.
const pending: RawMatch[] = [];

function scanChain(text: string, index: RuleIndex, chainStart: number, groups: number, emit: (m: RawMatch) => void): void {
  // A '+' right before the chain is a country-code marker (+86 138 …).
  const plus = chainStart > 0 && text.charCodeAt(chainStart - 1) === 43;
  // A group glued to a decimal point belongs to a number like 12345.67, never to an identifier.
  const firstTainted = chainStart > 1 && text.charCodeAt(chainStart - 1) === 46 && classOf(text.charCodeAt(chainStart - 2)) === Cls.Digit;
  const lastEnd = gEnd[groups - 1];
  const lastTainted = lastEnd + 1 < text.length && text.charCodeAt(lastEnd) === 46 && classOf(text.charCodeAt(lastEnd + 1)) === Cls.Digit;

  for (let g = 0; g < groups; g++) {
    if ((g === 0 && firstTainted) || (g === groups - 1 && lastTainted)) continue;
    const len = gEnd[g] - gStart[g];
    if (len > index.maxLength) continue;
    const single = index.byLength[len];
    if (single) {
      for (const cr of single) tryRule(text, cr, gStart[g], gEnd[g], gLetters[g], gTrailingX[g] === 1);
    }
    // Several groups: only digit groups (the last may end in an X check character).
    if (gLetters[g] !== 0 || g + 1 >= groups || index.byGrouping.size === 0) continue;
    let key = (plus && g === 0 ? 2 : 1) * 64 + len;
    let total = len;
    for (let h = g + 1; h < groups && h - g < MAX_GROUPS; h++) {
      if (h === groups - 1 && lastTainted) break;
      const hl = gEnd[h] - gStart[h];
      total += hl;
      if (total > index.maxLength) break;
      key = key * 64 + hl;
      const rules = index.byGrouping.get(key);
      if (rules) {
        for (const cr of rules) tryRule(text, cr, gStart[g], gEnd[h], gLetters[h], gTrailingX[h] === 1);
      }
      if (gLetters[h] !== 0) break;
    }
  }
  // The span from a leading '+' belongs to the value (so masking and redaction cover it).
  if (pending.length === 0) return;
  resolveOverlaps(pending, emit);
  pending.length = 0;
}

function tryRule(text: string, cr: CompiledRule, start: number, end: number, letters: number, trailingX: boolean): void {
  const rule = cr.rule;
  if (letters > 0 && !rule.letters && !(rule.trailingX && trailingX)) return;
  const value = normalizeSpan(text, start, end);
  if (value.length < rule.minLength || value.length > rule.maxLength) return;
  if (!rule.pattern.test(value)) return;
  let base: Confidence = 'low';
  if (cr.validator) {
    if (!cr.validator.validate(value)) return;
    base = cr.validator.strength === 'checksum' ? 'high' : 'medium';
  }
  const plusStart = start > 0 && text.charCodeAt(start - 1) === 43 ? start - 1 : start;
  pending.push({ rule: cr, start: rule.groupings.some((g) => g.startsWith('+')) ? plusStart : start, end, base });
}

/** The value as validators see it: ASCII, upper-case, separators dropped. */
export function normalizeSpan(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (classOf(c) !== Cls.Other) out += String.fromCharCode(asciiUpper(c));
  }
  return out;
}

const rank: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** Longest span first, then the stronger validator, then rule order; no two results overlap. */
function resolveOverlaps(matches: RawMatch[], emit: (m: RawMatch) => void): void {
  if (matches.length === 1) {
    emit(matches[0]);
    return;
  }
  matches.sort((a, b) => b.end - b.start - (a.end - a.start) || rank[b.base] - rank[a.base] || a.rule.order - b.rule.order);
  const taken: RawMatch[] = [];
  for (const m of matches) {
    if (taken.every((t) => m.end <= t.start || m.start >= t.end)) taken.push(m);
  }
  taken.sort((a, b) => a.start - b.start);
  for (const m of taken) emit(m);
}
