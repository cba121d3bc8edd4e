import { asciiLower } from './chars';

/** One bit per UTF-16 code unit. */
const FIRST_BITS = 8192;

/**
 * Whether windows of the text hold a code unit marked in `units` (one byte per UTF-16 code unit,
 * see WordSet.markFirsts), for windows met in text order, as a scan meets its values: each stretch
 * of the text is read once, where a window read on its own would read again the part it shares
 * with the window before (in a dense table, the cell before a value is the previous value's own
 * cell).
 */
export class FirstScan {
  /** text[clearFrom, clearTo) holds no marked code unit. */
  private clearFrom = 0;
  private clearTo = 0;
  /** Whether text[clearTo] is marked (found by the last read). */
  private hitAtClearTo = false;

  constructor(
    private readonly units: Uint8Array,
    private readonly text: string,
  ) {}

  /** Whether text[from, to) holds a marked code unit. */
  any(from: number, to: number): boolean {
    if (from < this.clearFrom || from > this.clearTo) {
      this.clearFrom = this.clearTo = from;
      this.hitAtClearTo = false;
    }
    if (to <= this.clearTo) return false;
    if (this.hitAtClearTo) return true;
    const { units, text } = this;
    for (let i = this.clearTo; i < to; i++) {
      if (units[text.charCodeAt(i)] !== 0) {
        this.clearTo = i;
        this.hitAtClearTo = true;
        return true;
      }
    }
    this.clearTo = to;
    return false;
  }
}

/**
 * A set of context words (hotwords or negative words) searched in a window of the text without
 * allocating: candidates are indexed by their first code unit, ASCII compared case-insensitively.
 * A word that starts or ends with an ASCII letter must start or end a word in the text too, where
 * camelCase counts as a boundary: `tel` is not found in `hotel`, nor `pan` in `company`, but
 * `card` is found in `cardNo` and `userCard`.
 */
export class WordSet {
  private readonly byFirst = new Map<number, string[]>();
  /** One bit per first code unit, for a cheap skip of most positions. */
  private readonly first = new Uint8Array(FIRST_BITS);
  /**
   * One bit per pairHash of the first two code units. In code most letters start some English
   * hotword (`card`, `tel`, `no`…): the second unit rules out most of those positions.
   */
  private readonly pairs = new Uint8Array(FIRST_BITS);
  /** A word of one code unit: then the pairs rule nothing out. */
  private readonly single: boolean = false;

  constructor(readonly words: readonly string[]) {
    for (const raw of words) {
      const w = raw.toLowerCase();
      const c = w.charCodeAt(0);
      const list = this.byFirst.get(c) ?? [];
      list.push(w);
      this.byFirst.set(c, list);
      this.first[c >>> 3] |= 1 << (c & 7);
      if (w.length < 2) this.single = true;
      else {
        const h = pairHash(c, w.charCodeAt(1));
        this.pairs[h >>> 3] |= 1 << (h & 7);
      }
    }
  }

  /** Whether a word may start at text[i], whose code unit (ASCII lower-cased) is `c`. */
  private mayStart(text: string, i: number, c: number): boolean {
    if ((this.first[c >>> 3] & (1 << (c & 7))) === 0) return false;
    if (this.single) return true;
    const h = pairHash(c, asciiLower(text.charCodeAt(i + 1)));
    return (this.pairs[h >>> 3] & (1 << (h & 7))) !== 0;
  }

  /** The first word found starting in text[from, to) and ending by `limit`, or undefined. */
  findIn(text: string, from: number, to: number, limit: number): string | undefined {
    for (let i = from; i < to; i++) {
      const c = asciiLower(text.charCodeAt(i));
      if (!this.mayStart(text, i, c)) continue;
      for (const w of this.byFirst.get(c)!) {
        if (i + w.length <= limit && matchesAt(text, i, w)) return w;
      }
    }
    return undefined;
  }

  /** Marks in `units` (one byte per UTF-16 code unit) each code unit a word may start with, ASCII in either case. */
  markFirsts(units: Uint8Array): void {
    for (const c of this.byFirst.keys()) {
      units[c] = 1;
      if (c >= 97 && c <= 122) units[c - 32] = 1;
    }
  }

  /** Code units between the nearest word in text[from, start) and `start`; -1 when none. */
  distanceBefore(text: string, from: number, start: number): number {
    let best = -1;
    for (let i = from; i < start; i++) {
      const c = asciiLower(text.charCodeAt(i));
      if (!this.mayStart(text, i, c)) continue;
      for (const w of this.byFirst.get(c)!) {
        if (i + w.length <= start && matchesAt(text, i, w)) best = start - (i + w.length);
      }
    }
    return best;
  }

  /** Code units between `end` and the nearest word in text[end, to); -1 when none. */
  distanceAfter(text: string, end: number, to: number): number {
    for (let i = end; i < to; i++) {
      const c = asciiLower(text.charCodeAt(i));
      if (!this.mayStart(text, i, c)) continue;
      for (const w of this.byFirst.get(c)!) {
        if (i + w.length <= to && matchesAt(text, i, w)) return i - end;
      }
    }
    return -1;
  }

  /** Whether the whole of `s` (already lower-case) contains a word. */
  findInString(s: string): string | undefined {
    return this.findIn(s, 0, s.length, s.length);
  }
}

/** 16 bits from two code units (past the text's end, NaN: 0). Distinct for two ASCII letters. */
function pairHash(a: number, b: number): number {
  return (a * 31 + b) & 0xffff;
}

function matchesAt(text: string, at: number, word: string): boolean {
  for (let k = 1; k < word.length; k++) if (asciiLower(text.charCodeAt(at + k)) !== word.charCodeAt(k)) return false;
  if (isLetter(word.charCodeAt(0)) && at > 0) {
    const before = text.charCodeAt(at - 1);
    if (isLetter(before) && !(isUpper(text.charCodeAt(at)) && !isUpper(before))) return false;
  }
  if (isLetter(word.charCodeAt(word.length - 1)) && at + word.length < text.length) {
    const after = text.charCodeAt(at + word.length);
    if (after >= 97 && after <= 122) return false;
  }
  return true;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
