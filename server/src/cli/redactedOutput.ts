import { closeSync, mkdirSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { AtomicFile, commitSealed, type AtomicWriteOptions } from './atomicWrite';

/**
 * Where a file redacted piece by piece goes: a new version of `target` (see AtomicFile), begun
 * only at the first changed byte, so that a file with nothing to replace is never rewritten in
 * place; the unchanged bytes before that point are copied from the source then. Owns the source's
 * file descriptor, which `commit` and `discard` close.
 */
export class RedactedOutput {
  private file: AtomicFile | undefined;
  /** Bytes of the source passed on unchanged before the file was begun. */
  private skipped = 0;
  private fd: number | undefined;

  constructor(
    private readonly target: string,
    sourceFd: number,
    private readonly options: AtomicWriteOptions,
  ) {
    this.fd = sourceFd;
  }

  /** The next bytes of the output; `unchanged`: the source's own, as read. */
  write(bytes: Uint8Array, unchanged: boolean): void {
    if (!this.file) {
      if (unchanged) {
        this.skipped += bytes.length;
        return;
      }
      this.begin();
    }
    this.file!.write(bytes);
  }

  /** Puts the output in place of `target` (a copy of the source when nothing changed). */
  commit(): void {
    commitSealed(this.seal(), this.target, this.options);
  }

  /**
   * The output complete and on disk in its temporary file, not yet in place: its path, for
   * commitSealed (a copy of the source when nothing changed). Closes the source.
   */
  seal(): string {
    try {
      if (!this.file) this.begin();
      const file = this.file!;
      this.file = undefined;
      return file.seal();
    } finally {
      this.discard();
    }
  }

  /** Writes nothing (or throws away what was written); `target` stays as it was. */
  discard(): void {
    this.file?.discard();
    this.file = undefined;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private begin(): void {
    mkdirSync(dirname(this.target), { recursive: true });
    const file = new AtomicFile(this.target, this.options);
    this.file = file;
    const buf = Buffer.allocUnsafe(Math.min(this.skipped, 1 << 20));
    for (let at = 0; at < this.skipped; ) {
      const n = readSync(this.fd!, buf, 0, Math.min(buf.length, this.skipped - at), at);
      if (n === 0) throw new Error(`the file shrank while it was being read (${at} of ${this.skipped} bytes)`);
      file.write(buf.subarray(0, n));
      at += n;
    }
  }
}
