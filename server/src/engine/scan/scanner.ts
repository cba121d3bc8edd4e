import { ALNUM, asciiUpper, CLASS, DIGIT, LETTER, NEEDS_NORMALIZING, SEPARATOR } from './chars';
import { MAX_GROUP_LENGTH, MAX_GROUPS, type CompiledRule, type RuleIndex } from './ruleIndex';

/** Confidence from the validator alone, as a number: 0 low (no validator), 1 medium (structure), 2 high (checksum). */
export type BaseConfidence = 0 | 1 | 2;

/**
 * What the scanner reports to. Every value that matched a rule's shape and validator is first
 * scored (context, directives, the reporting threshold): a negative score drops it before it
 * takes one of the chain's candidate slots. Then the
 * scored values of a chain are resolved (longest span, then highest score, then rule order; the
 * scorer ranks a rule whose hotword or header is there first) and the survivors are emitted in
 * text order. `score` may leave a number in `aux` (a column) that
 * comes back with `emit`.
 */
export interface MatchSink {
  score(rule: CompiledRule, start: number, end: number, base: BaseConfidence): number;
  aux: number;
  emit(rule: CompiledRule, start: number, end: number, score: number, aux: number): void;
}

// Scratch state for the groups of the current chain, reused across chains and scans so the
// hot loop allocates nothing until a value matches a rule. (Scans never run concurrently:
// JavaScript is single-threaded and a scan never yields midway.)
const MAX_CHAIN = 64;
const gStart = new Int32Array(MAX_CHAIN);
const gEnd = new Int32Array(MAX_CHAIN);
/** Letters and digits in the group (a parenthesized check digit's group spans 3 code units). */
const gLen = new Int32Array(MAX_CHAIN);
const gFlags = new Uint8Array(MAX_CHAIN);
const gLetters = new Int32Array(MAX_CHAIN);
const gTrailingX = new Uint8Array(MAX_CHAIN);
/** The separator code unit before group g (0 for the first). */
const gSepBefore = new Int32Array(MAX_CHAIN);

const MAX_PENDING = 64;
const pRule: CompiledRule[] = [];
const pStart = new Int32Array(MAX_PENDING);
const pEnd = new Int32Array(MAX_PENDING);
const pBase = new Uint8Array(MAX_PENDING);
const pTaken = new Uint8Array(MAX_PENDING);
const pScore = new Int8Array(MAX_PENDING);
const pAux = new Int32Array(MAX_PENDING);
let pending = 0;

const DOT = 46;
const PLUS = 43;
const OPEN = 40;
const CLOSE = 41;

/**
 * One pass over text[from, to). A "group" is a maximal run of digits and letters; groups joined
 * by one separator (space, dash, dot or slash) form a "chain", and a check character in
 * parentheses right after a group (HKID `A123456(7)`) is a group of its own. Each group, and each
 * run of groups whose length signature some rule accepts (e.g. `4 4 4 4 3` for a card), is a
 * candidate; only the rules indexed under that length or signature see it. Values never match
 * inside a longer run. `from` and `to` must not cut a chain (line starts are safe: chains never
 * cross a line break).
 */
export function scanText(text: string, index: RuleIndex, from: number, to: number, sink: MatchSink): void {
  let i = from;
  while (i < to) {
    let f = CLASS[text.charCodeAt(i)];
    if ((f & ALNUM) === 0) {
      i++;
      continue;
    }
    const chainStart = i;
    let groups = 0;
    let anyDigit = 0;
    let sep = 0;
    for (;;) {
      const gs = i;
      let flags = 0;
      let letters = 0;
      while ((f & ALNUM) !== 0) {
        flags |= f;
        if ((f & LETTER) !== 0) letters++;
        if (++i >= to) break;
        f = CLASS[text.charCodeAt(i)];
      }
      gStart[groups] = gs;
      gEnd[groups] = i;
      gLen[groups] = i - gs;
      gFlags[groups] = flags;
      gLetters[groups] = letters;
      gTrailingX[groups] = letters === 1 && asciiUpper(text.charCodeAt(i - 1)) === 88 ? 1 : 0;
      gSepBefore[groups] = sep;
      groups++;
      anyDigit |= flags & DIGIT;
      if (groups >= MAX_CHAIN || i + 1 >= to) break;
      const c = text.charCodeAt(i);
      if (c === OPEN && i + 2 < to && text.charCodeAt(i + 2) === CLOSE && (CLASS[text.charCodeAt(i + 1)] & ALNUM) !== 0) {
        // A check character in parentheses: its own one-character group, spanning "(7)".
        const pf = CLASS[text.charCodeAt(i + 1)];
        gStart[groups] = i;
        gEnd[groups] = i + 3;
        gLen[groups] = 1;
        gFlags[groups] = pf;
        gLetters[groups] = (pf & LETTER) !== 0 ? 1 : 0;
        gTrailingX[groups] = (pf & LETTER) !== 0 && asciiUpper(text.charCodeAt(i + 1)) === 88 ? 1 : 0;
        gSepBefore[groups] = OPEN;
        groups++;
        anyDigit |= pf & DIGIT;
        i += 3;
        break;
      }
      // Separators; also the '+' of an exponent (1.10105E+17, how Excel shows long numbers).
      if (((f & SEPARATOR) !== 0 && (CLASS[text.charCodeAt(i + 1)] & ALNUM) !== 0) || (c === PLUS && isExponent(text, i))) {
        sep = c;
        i++;
        f = CLASS[text.charCodeAt(i)];
        continue;
      }
      break;
    }
    if (anyDigit !== 0) scanChain(text, index, chainStart, groups, sink);
  }
}

/** Whether the '+' at `i` follows a digit and an E and is followed by a digit: 1.10105E+17. */
function isExponent(text: string, i: number): boolean {
  const e = text.charCodeAt(i - 1) | 32;
  return e === 101 && (CLASS[text.charCodeAt(i - 2)] & DIGIT) !== 0 && (CLASS[text.charCodeAt(i + 1)] & DIGIT) !== 0;
}

/** Whether groups a and b (a before b, adjacent) are parts of one dotted number like 12345.67. */
function dotted(a: number, b: number): boolean {
  return gSepBefore[b] === DOT && (gFlags[a] & DIGIT) !== 0 && (gFlags[b] & DIGIT) !== 0;
}

function scanChain(text: string, index: RuleIndex, chainStart: number, groups: number, sink: MatchSink): void {
  // A '+' right before the chain is a country-code marker (+86 138 …).
  const plus = chainStart > 0 && text.charCodeAt(chainStart - 1) === 43;
  const maxLength = index.maxLength;
  const hasGroupings = index.byGrouping.size !== 0;

  for (let g = 0; g < groups; g++) {
    // A span may not start right after a dot inside a number (…345.67): that is an amount.
    if (g > 0 && dotted(g - 1, g)) continue;
    const len = gLen[g];
    if (len > maxLength) continue;
    const single = index.byLength[len];
    if (single !== undefined && gSepBefore[g] !== OPEN && !(g + 1 < groups && dotted(g, g + 1))) {
      for (let r = 0; r < single.length; r++) tryRule(text, single[r], gStart[g], gEnd[g], gFlags[g], gLetters[g], gTrailingX[g], false, sink);
    }
    if (!hasGroupings || g + 1 >= groups || len > MAX_GROUP_LENGTH) continue;
    let key = (plus && g === 0 ? 2 : 1) * 32 + len;
    let total = len;
    let flags = gFlags[g];
    let letters = gLetters[g];
    for (let h = g + 1; h < groups && h - g < MAX_GROUPS; h++) {
      const hl = gLen[h];
      total += hl;
      if (total > maxLength) break;
      if (hl > MAX_GROUP_LENGTH) break;
      key = key * 32 + hl;
      flags |= gFlags[h];
      letters += gLetters[h];
      const rules = index.byGrouping.get(key);
      if (rules !== undefined && !(h + 1 < groups && dotted(h, h + 1))) {
        const trailingX = letters === 1 && gTrailingX[h] === 1 ? 1 : 0;
        for (let r = 0; r < rules.length; r++) tryRule(text, rules[r], gStart[g], gEnd[h], flags, letters, trailingX, true, sink);
      }
    }
  }
  if (pending === 1) sink.emit(pRule[0], pStart[0], pEnd[0], pScore[0], pAux[0]);
  else if (pending > 1) resolveOverlaps(sink);
  pending = 0;
}

/**
 * Records a candidate of rule `cr` at text[start, end) if it can be reported. It is scored
 * here, before it takes a slot: in a long chain (many 9-digit groups) candidates that cannot be
 * reported would otherwise fill the fixed buffer and crowd out a real value further on.
 */
function tryRule(text: string, cr: CompiledRule, start: number, end: number, flags: number, letters: number, trailingX: number, separated: boolean, sink: MatchSink): void {
  const rule = cr.rule;
  if (letters !== 0 && !rule.letters && !(rule.trailingX && trailingX === 1)) return;
  // The validator's verdict (rules that only have a shape count as WEAK): 1 → low, 2 → medium, 3 → high.
  let verdict = 0;
  let deferred = 0;
  if (!separated && (flags & NEEDS_NORMALIZING) === 0) {
    if (rule.contextRequired) {
      // A context-only rule starts at low whatever its validator says: check its context first
      // (most candidates have none) and the shape and validator only for those that do.
      deferred = 1;
      verdict = 1;
    } else {
      // Fast path: the text already is the normalized value; nothing is allocated. The validator
      // runs first: it rejects most candidates for less than a regular expression costs.
      verdict = cr.validator === undefined ? 1 : cr.validator.validate(text, start, end);
      if (verdict === 0 || !matchesShape(text, cr, start, end)) return;
    }
  } else {
    const value = normalizeSpan(text, start, end);
    // A grouped value's length is fixed by its grouping signature; `length` is for single groups.
    if ((!separated && (value.length < rule.minLength || value.length > rule.maxLength)) || !rule.pattern.test(value)) return;
    verdict = cr.validator === undefined ? 1 : cr.validator.validate(value, 0, value.length);
  }
  if (verdict === 0 || pending >= MAX_PENDING) return;
  const spanStart = cr.plusPrefix && start > 0 && text.charCodeAt(start - 1) === 43 ? start - 1 : start;
  // Context-only rules never start above low: they need a hotword or header to be reported.
  const base = (rule.contextRequired ? 0 : verdict - 1) as BaseConfidence;
  const score = sink.score(cr, spanStart, end, base);
  if (score < 0) return;
  if (deferred === 1 && ((cr.validator !== undefined && cr.validator.validate(text, start, end) === 0) || !matchesShape(text, cr, start, end))) return;
  pRule[pending] = cr;
  pStart[pending] = spanStart;
  pEnd[pending] = end;
  pBase[pending] = base;
  pScore[pending] = score;
  pAux[pending] = sink.aux;
  pending++;
}

function matchesShape(text: string, cr: CompiledRule, start: number, end: number): boolean {
  cr.sticky.lastIndex = start;
  return cr.sticky.test(text) && cr.sticky.lastIndex === end;
}

/** The value as validators see it: ASCII, upper-case, separators dropped. */
export function normalizeSpan(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((CLASS[c] & ALNUM) !== 0) out += String.fromCharCode(asciiUpper(c));
  }
  return out;
}

/** Longest span first, then the higher score, then rule order; no two results overlap. */
function resolveOverlaps(sink: MatchSink): void {
  pTaken.fill(0, 0, pending);
  for (;;) {
    let best = -1;
    for (let k = 0; k < pending; k++) {
      if (pTaken[k] !== 0) continue;
      if (best === -1 || better(k, best)) best = k;
    }
    if (best === -1) break;
    let overlaps = false;
    for (let k = 0; k < pending; k++) {
      if (pTaken[k] === 1 && pStart[best] < pEnd[k] && pStart[k] < pEnd[best]) overlaps = true;
    }
    pTaken[best] = overlaps ? 2 : 1;
  }
  // Emit the kept ones in text order.
  for (;;) {
    let next = -1;
    for (let k = 0; k < pending; k++) if (pTaken[k] === 1 && (next === -1 || pStart[k] < pStart[next])) next = k;
    if (next === -1) break;
    pTaken[next] = 2;
    sink.emit(pRule[next], pStart[next], pEnd[next], pScore[next], pAux[next]);
  }
}

function better(a: number, b: number): boolean {
  const la = pEnd[a] - pStart[a];
  const lb = pEnd[b] - pStart[b];
  if (la !== lb) return la > lb;
  if (pScore[a] !== pScore[b]) return pScore[a] > pScore[b];
  if (pBase[a] !== pBase[b]) return pBase[a] > pBase[b];
  return pRule[a].order < pRule[b].order;
}
