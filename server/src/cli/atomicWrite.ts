import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Marks the temporary files `atomicWriteFileSync` and report outputs write: `.NAME.sdguard-tmp-PID-RANDOM`,
 * beside NAME. One is only ever left behind when the process is killed between writing it and
 * renaming it (the target is then still the original); scans skip such files, and `sdguard redact`
 * names them.
 */
const TEMP_MARK = '.sdguard-tmp-';

/** Whether a file name is one of our temporary files (a leftover of an interrupted run). */
export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.includes(TEMP_MARK);
}

/** A fresh temporary path beside `target` (same folder, so a rename over it stays on one file system). */
export function tempPathBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
}

export interface AtomicWriteOptions {
  /** Permission bits of the file written (e.g. the original's, when replacing it in place). */
  mode?: number;
  /**
   * Test hook: called after the temporary file is complete and synced, before the rename (the
   * window in which a kill leaves the target untouched and a temporary file beside it).
   */
  beforeRename?: () => void;
}

/**
 * Writes `data` to `target` so that, whatever happens (a crash, a kill, a full disk), `target` is
 * either its old self or entirely the new bytes, never a mix (see AtomicFile). On an error the
 * temporary file is removed and the error thrown; `target` is untouched.
 */
export function atomicWriteFileSync(target: string, data: Uint8Array, options: AtomicWriteOptions = {}): void {
  commitSealed(sealedFile(target, data, options), target, options);
}

/** `data` in a new temporary file beside `target`, synced and closed (see AtomicFile.seal): its path. */
export function sealedFile(target: string, data: Uint8Array, options: AtomicWriteOptions = {}): string {
  const file = new AtomicFile(target, options);
  try {
    file.write(data);
  } catch (e) {
    file.discard();
    throw e;
  }
  return file.seal();
}

/**
 * A new version of `target`, written piece by piece: the bytes go to a temporary file in the same
 * folder (so the rename stays within one file system), which `commit` flushes to disk (fsync) and
 * renames over `target` (atomic on POSIX and on NTFS), syncing the folder last so the rename itself
 * survives a power cut. `discard` removes it and leaves `target` as it was.
 */
export class AtomicFile {
  private readonly temp: string;
  private fd: number | undefined;

  constructor(
    readonly target: string,
    private readonly options: AtomicWriteOptions = {},
  ) {
    this.temp = tempPathBeside(target);
    // 'wx': never reuse or follow something that is already there.
    this.fd = openSync(this.temp, 'wx', 0o600);
  }

  write(data: Uint8Array): void {
    for (let at = 0; at < data.length; ) at += writeSync(this.fd!, data, at, data.length - at);
  }

  /** Puts the bytes written in place of `target`; on an error, throws it with `target` untouched and nothing left behind. */
  commit(): void {
    commitSealed(this.seal(), this.target, this.options);
  }

  /**
   * Flushes the bytes written to disk and closes the temporary file, whose path it returns, for
   * `commitSealed` to put in place later (another thread may do it), or `rmSync` to throw away. On
   * an error, throws it with nothing left behind.
   */
  seal(): string {
    const fd = this.fd!;
    this.fd = undefined;
    try {
      try {
        // Not under the umask: the original's bits exactly, else the usual 0666 less the umask.
        fchmodSync(fd, this.options.mode ?? 0o666 & ~currentUmask());
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      rmSync(this.temp, { force: true });
      throw e;
    }
    return this.temp;
  }

  /** Throws the bytes written away; `target` stays as it was. */
  discard(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.temp, { force: true });
  }
}

/**
 * Renames a sealed temporary file (AtomicFile.seal) over `target`, then syncs the folder so that
 * the rename survives a power cut. On an error, removes the temporary file and throws, `target`
 * untouched.
 */
export function commitSealed(temp: string, target: string, options: Pick<AtomicWriteOptions, 'beforeRename'> = {}): void {
  try {
    options.beforeRename?.();
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  syncFolder(dirname(target));
}

let umask: number | undefined;
function currentUmask(): number {
  // process.umask() with no argument is deprecated (it sets and resets); read it once.
  if (umask === undefined) {
    const old = process.umask(0o022);
    process.umask(old);
    umask = old;
  }
  return umask;
}

/** Flushes a folder's entries (the rename) to disk; not possible on Windows, where rename is durable enough. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // EISDIR/EPERM on Windows and some file systems: nothing more we can do.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
