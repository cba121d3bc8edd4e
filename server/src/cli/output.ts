import { closeSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { tempPathBeside } from './atomicWrite';

/** Bytes gathered before a write: few system calls, flat memory. */
const BUFFER_BYTES = 1 << 20;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * A buffered, synchronous writer for reports, so a report of any size streams out as findings
 * arrive instead of being built as one huge string. To a file it writes a temporary file and
 * renames it at the end: a reader never sees half a report.
 */
export class Output {
  // Strings are encoded straight into one reused buffer: joining many small strings first and
  // encoding the result cost more than the scan itself on large reports.
  private readonly buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private readonly fd: number;
  private readonly tmp?: string;

  constructor(private path?: string) {
    if (!path) this.fd = 1;
    else if (isSpecialFile(path)) {
      // A device or pipe (/dev/null, /dev/stdout, a FIFO) is written in place, never replaced.
      this.fd = openSync(path, 'w');
      this.path = undefined;
    } else {
      mkdirSync(dirname(path), { recursive: true });
      // Named as atomicWrite's: a scan of the folder, this one included, skips it.
      this.tmp = tempPathBeside(path);
      this.fd = openSync(this.tmp, 'wx');
    }
  }

  write(s: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + s.length * 3 > BUFFER_BYTES) {
      this.flush();
      if (s.length * 3 > BUFFER_BYTES) {
        this.writeAll(Buffer.from(s));
        return;
      }
    }
    this.used += this.buf.write(s, this.used);
  }

  /**
   * Writes at most `maxBytes` bytes by hand (see report/jsonBytes.ts): `fill` gets the buffer and
   * the offset to write at, and returns the offset after what it wrote.
   */
  fill(maxBytes: number, fill: (buf: Buffer, at: number) => number): void {
    if (this.used + maxBytes > BUFFER_BYTES) {
      this.flush();
      if (maxBytes > BUFFER_BYTES) {
        const big = Buffer.allocUnsafe(maxBytes);
        this.writeAll(big.subarray(0, fill(big, 0)));
        return;
      }
    }
    this.used = fill(this.buf, this.used);
  }

  flush(): void {
    if (this.used === 0) return;
    this.writeAll(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  private writeAll(buf: Buffer): void {
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
      // No fsync: a report is made again by scanning again, and flushing a large one to disk
      // (190 MB of SARIF for a 20 MB export) took 40-70 ms here, and more on a slow disk.
      closeSync(this.fd);
      renameSync(this.tmp, this.path);
    } else if (this.fd !== 1) closeSync(this.fd);
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

function isSpecialFile(path: string): boolean {
  try {
    return !statSync(path).isFile();
  } catch {
    return false;
  }
}
