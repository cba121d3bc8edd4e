import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** Lines held in memory; more go to disk. */
const IN_MEMORY = 20_000;

/**
 * Lines of text that may grow past what memory should hold (what a large file's replacements
 * print or log, kept until the file is written): they stay in memory up to `limit`, then go to a
 * file in a fresh folder of the system's temporary folder, readable by this user only and removed
 * by `close`. Callers put masked values and fingerprints in them, never a raw value. A line holds
 * no line feed.
 */
export class Spool {
  private items: string[] = [];
  private fd: number | undefined;
  private dir: string | undefined;
  private bytes = 0;
  /** Lines added. */
  count = 0;

  constructor(private readonly limit = IN_MEMORY) {}

  add(line: string): void {
    this.count++;
    this.items.push(line);
    if (this.items.length >= this.limit) this.spill();
  }

  /** The lines in the order added, a batch at a time (each of at most about `limit` lines). */
  *batches(): Generator<string[]> {
    if (this.fd !== undefined) {
      const buf = Buffer.allocUnsafe(1 << 20);
      const utf8 = new StringDecoder('utf8');
      let rest = '';
      for (let at = 0; at < this.bytes; ) {
        const n = readSync(this.fd, buf, 0, Math.min(buf.length, this.bytes - at), at);
        if (n === 0) break;
        at += n;
        const lines = (rest + utf8.write(buf.subarray(0, n))).split('\n');
        rest = lines.pop()!;
        yield lines;
      }
    }
    if (this.items.length) yield this.items;
  }

  /** Removes the file, if there is one. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.fd = this.dir = undefined;
    this.items = [];
  }

  private spill(): void {
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'sdguard-'));
      this.fd = openSync(join(this.dir, 'spool.jsonl'), 'w+', 0o600);
    }
    const data = Buffer.from(this.items.join('\n') + '\n', 'utf8');
    for (let at = 0; at < data.length; ) at += writeSync(this.fd, data, at, data.length - at, this.bytes + at);
    this.bytes += data.length;
    this.items = [];
  }
}
