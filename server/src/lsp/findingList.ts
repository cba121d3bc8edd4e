/**
 * The findings of one document, sorted by start offset, as parallel typed arrays: no object per
 * finding, so half a million findings cost a few MB, and shifting offsets after an edit is one
 * tight loop. Values are the engine's sink primitives (rule index, offsets, confidence 0-2, column).
 */
export class FindingList {
  rule: Uint16Array;
  start: Int32Array;
  end: Int32Array;
  confidence: Uint8Array;
  column: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.rule = new Uint16Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.confidence = new Uint8Array(capacity);
    this.column = new Int32Array(capacity);
  }

  /** Appends a finding; callers append in text order. Shaped like the engine's FindingSink. */
  readonly push = (rule: number, start: number, end: number, confidence: number, column: number): void => {
    if (this.length === this.start.length) this.reserve(this.length * 2);
    const i = this.length++;
    this.rule[i] = rule;
    this.start[i] = start;
    this.end[i] = end;
    this.confidence[i] = confidence;
    this.column[i] = column;
  };

  clear(): void {
    this.length = 0;
  }

  /** Index of the first finding that starts at or after `offset`. */
  lowerBound(offset: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.start[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops the findings from index `i` on. */
  truncate(i: number): void {
    this.length = Math.min(this.length, i);
  }

  /**
   * Replaces findings [i, j) by `added` (which must sort between the neighbours once shifted)
   * and moves the findings after them by `delta` code units.
   */
  splice(i: number, j: number, added: FindingList, delta: number): void {
    const n = this.length;
    const k = added.length;
    const length = n - (j - i) + k;
    this.reserve(length);
    if (i + k !== j) {
      this.rule.copyWithin(i + k, j, n);
      this.start.copyWithin(i + k, j, n);
      this.end.copyWithin(i + k, j, n);
      this.confidence.copyWithin(i + k, j, n);
      this.column.copyWithin(i + k, j, n);
    }
    this.rule.set(added.rule.subarray(0, k), i);
    this.start.set(added.start.subarray(0, k), i);
    this.end.set(added.end.subarray(0, k), i);
    this.confidence.set(added.confidence.subarray(0, k), i);
    this.column.set(added.column.subarray(0, k), i);
    this.length = length;
    if (delta !== 0) {
      const start = this.start;
      const end = this.end;
      for (let x = i + k; x < length; x++) {
        start[x] += delta;
        end[x] += delta;
      }
    }
  }

  private reserve(capacity: number): void {
    if (capacity <= this.start.length) return;
    const size = Math.max(capacity, this.start.length * 2, 64);
    const grow = <T extends Uint16Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.rule = grow(this.rule, (n) => new Uint16Array(n));
    this.start = grow(this.start, (n) => new Int32Array(n));
    this.end = grow(this.end, (n) => new Int32Array(n));
    this.confidence = grow(this.confidence, (n) => new Uint8Array(n));
    this.column = grow(this.column, (n) => new Int32Array(n));
  }
}
