import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes of lines held in memory; more go to disk. */
const IN_MEMORY = 4 << 20;
/** Bytes read back from disk at a time. */
const CHUNK = 1 << 20;

/**
 * Lines of text that may grow past what memory should hold (what a large file's replacements
 * print or log, kept until the file is written): they stay in memory up to `limit` bytes, then go
 * to a file in a fresh folder of the system's temporary folder, readable by this user only and
 * removed by `close`. Callers put masked values and fingerprints in them, never a raw value. A
 * line holds no line feed.
 *
 * Lines are held as UTF-8, and may be written a piece at a time (`bytes`, `int`, `text`, then
 * `endLine`): the audit log's millions of lines then cost no string each (building and holding
 * them was a third of a large redaction's time, most of it collecting garbage).
 */
export class Spool {
  /** Allocated at the first line: most files' spools stay empty (no audit log, nothing found). */
  private buf = Buffer.alloc(0);
  private pos = 0;
  private fd: number | undefined;
  private dir: string | undefined;
  private bytesOnDisk = 0;
  /** Lines added. */
  count = 0;

  constructor(private readonly limit = IN_MEMORY) {}

  /** A whole line. */
  add(line: string): void {
    this.text(line);
    this.endLine();
  }

  /** Part of a line: bytes as they are. */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Part of a line: a whole number, in decimal. */
  int(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) return this.text(String(n));
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    this.room(digits);
    for (let at = this.pos + digits - 1; at >= this.pos; at--, n = Math.floor(n / 10)) this.buf[at] = 48 + (n % 10);
    this.pos += digits;
  }

  /** Part of a line: text, as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** `count` whole lines, as another spool's chunks give them. */
  addLines(chunks: readonly Uint8Array[], count: number): void {
    for (const c of chunks) {
      this.bytes(c);
      if (this.pos >= this.limit) this.spill();
    }
    this.count += count;
  }

  /** Ends the line written piece by piece. */
  endLine(): void {
    this.room(1);
    this.buf[this.pos++] = 10;
    this.count++;
    if (this.pos >= this.limit) this.spill();
  }

  /**
   * The lines as bytes, each ending in a line feed, in chunks of whole lines (a fresh buffer each,
   * which the caller may write over): for writing out with no decoding and encoding on the way.
   */
  *chunks(): Generator<Buffer> {
    yield* this.spilled();
    if (this.pos) yield Buffer.from(this.buf.subarray(0, this.pos));
  }

  /** Removes the file, if there is one. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.fd = this.dir = undefined;
    this.bytesOnDisk = this.pos = 0;
  }

  /** Room for `n` more bytes of the line being written, which stays in one buffer. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n, Math.min(this.limit, 64 << 10) + 1));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  /** The file's lines, a megabyte or so at a time, cut after a line feed (a longer line, whole). */
  private *spilled(): Generator<Buffer> {
    if (this.fd === undefined) return;
    let size = CHUNK;
    for (let at = 0; at < this.bytesOnDisk; ) {
      const buf = Buffer.allocUnsafe(Math.min(size, this.bytesOnDisk - at));
      for (let n = 0; n < buf.length; ) {
        const read = readSync(this.fd, buf, n, buf.length - n, at + n);
        if (read === 0) throw new Error(`the spool file ended at ${at + n} of ${this.bytesOnDisk} bytes`);
        n += read;
      }
      const end = buf.lastIndexOf(10) + 1;
      if (end === 0) {
        size *= 2;
        continue;
      }
      at += end;
      yield buf.subarray(0, end);
    }
  }

  private spill(): void {
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'sdguard-'));
      this.fd = openSync(join(this.dir, 'spool.jsonl'), 'w+', 0o600);
    }
    for (let at = 0; at < this.pos; ) at += writeSync(this.fd, this.buf, at, this.pos - at, this.bytesOnDisk + at);
    this.bytesOnDisk += this.pos;
    this.pos = 0;
  }
}
