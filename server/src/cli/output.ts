import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Bytes gathered before a write: few system calls, flat memory. */
const FLUSH_AT = 1 << 16;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * A buffered, synchronous writer for reports, so a report of any size streams out as findings
 * arrive instead of being built as one huge string. To a file it writes a temporary file and
 * renames it at the end: a reader never sees half a report.
 */
export class Output {
  private parts: string[] = [];
  private size = 0;
  private readonly fd: number;
  private readonly tmp?: string;

  constructor(private readonly path?: string) {
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      this.tmp = `${path}.${process.pid}.tmp`;
      this.fd = openSync(this.tmp, 'w');
    } else this.fd = 1;
  }

  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    const buf = Buffer.from(this.parts.join(''));
    this.parts = [];
    this.size = 0;
    let off = 0;
    while (off < buf.length) {
      try {
        off += writeSync(this.fd, buf, off);
      } catch (e) {
        // stdout may be a non-blocking pipe: wait for the reader instead of failing.
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        Atomics.wait(pause, 0, 0, 2);
      }
    }
  }

  close(): void {
    this.flush();
    if (this.tmp && this.path) {
      fsyncSync(this.fd);
      closeSync(this.fd);
      renameSync(this.tmp, this.path);
    }
  }

  /** Drops a half-written report file (on error). */
  abort(): void {
    if (!this.tmp) return;
    try {
      closeSync(this.fd);
      unlinkSync(this.tmp);
    } catch {
      // already gone
    }
  }
}
