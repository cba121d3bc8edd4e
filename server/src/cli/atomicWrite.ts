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
 * either its old self or entirely the new bytes, never a mix: the bytes go to a temporary file in
 * the same folder (so the rename stays within one file system), which is flushed to disk (fsync)
 * and then renamed over `target` (atomic on POSIX and on NTFS); the folder is synced last so the
 * rename itself survives a power cut. On an error the temporary file is removed and the error
 * thrown; `target` is untouched.
 */
export function atomicWriteFileSync(target: string, data: Uint8Array, options: AtomicWriteOptions = {}): void {
  const dir = dirname(target);
  const temp = tempPathBeside(target);
  // 'wx': never reuse or follow something that is already there.
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
      // Not under the umask: the original's bits exactly, else the usual 0666 less the umask.
      fchmodSync(fd, options.mode ?? 0o666 & ~currentUmask());
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    options.beforeRename?.();
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  syncFolder(dir);
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
