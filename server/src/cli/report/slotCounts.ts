/**
 * How many times each small non-negative integer (below 2^30) was seen: an open-addressing table in
 * two typed arrays. Why not a Map: a SARIF report of one large export counts hundreds of thousands
 * of distinct fingerprints, and a Map of that size cost more per result than writing the result.
 */
export class SlotCounts {
  /** Key + 1 per slot (0: empty). */
  private keys = new Int32Array(1024);
  private counts = new Int32Array(1024);
  private size = 0;

  /** Counts one more `key` and returns its count so far (1 the first time). */
  add(key: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    const stored = key + 1;
    for (let i = Math.imul(key, 0x9e3779b1) & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i];
      if (k === stored) return ++this.counts[i];
      if (k === 0) {
        this.keys[i] = stored;
        this.size++;
        return (this.counts[i] = 1);
      }
    }
  }

  clear(): void {
    if (this.size === 0) return;
    // A table that grew for one large file shrinks back for the many small ones after it.
    if (this.keys.length > 1024) {
      this.keys = new Int32Array(1024);
      this.counts = new Int32Array(1024);
    } else {
      this.keys.fill(0);
    }
    this.size = 0;
  }

  private grow(): void {
    const { keys, counts } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.counts = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === 0) continue;
      let i = Math.imul(keys[j] - 1, 0x9e3779b1) & mask;
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = keys[j];
      this.counts[i] = counts[j];
    }
  }
}
