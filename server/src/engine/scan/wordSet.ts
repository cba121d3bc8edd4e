import { asciiLower } from './chars';

/** One bit per UTF-16 code unit. */
export const FIRST_BITS = 8192;

/** Whether text[from, to) holds a code unit whose bit is set (lower-cased for ASCII). */
export function anyFirstIn(bits: Uint8Array, text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = asciiLower(text.charCodeAt(i));
    if ((bits[c >>> 3] & (1 << (c & 7))) !== 0) return true;
  }
  return false;
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

  constructor(readonly words: readonly string[]) {
    for (const raw of words) {
      const w = raw.toLowerCase();
      const c = w.charCodeAt(0);
      const list = this.byFirst.get(c) ?? [];
      list.push(w);
      this.byFirst.set(c, list);
      this.first[c >>> 3] |= 1 << (c & 7);
    }
  }

  /** The first word found starting in text[from, to) and ending by `limit`, or undefined. */
  findIn(text: string, from: number, to: number, limit: number): string | undefined {
    for (let i = from; i < to; i++) {
      const c = asciiLower(text.charCodeAt(i));
      if ((this.first[c >>> 3] & (1 << (c & 7))) === 0) continue;
      for (const w of this.byFirst.get(c)!) {
        if (i + w.length <= limit && matchesAt(text, i, w)) return w;
      }
    }
    return undefined;
  }

  /** Adds this set's first code units to a shared bitmap (see RuleIndex.hotFirst). */
  addFirstsTo(bits: Uint8Array): void {
    for (let i = 0; i < bits.length; i++) bits[i] |= this.first[i];
  }

  /** Code units between the nearest word in text[from, start) and `start`; -1 when none. */
  distanceBefore(text: string, from: number, start: number): number {
    let best = -1;
    for (let i = from; i < start; i++) {
      const c = asciiLower(text.charCodeAt(i));
      if ((this.first[c >>> 3] & (1 << (c & 7))) === 0) continue;
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
      if ((this.first[c >>> 3] & (1 << (c & 7))) === 0) continue;
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
