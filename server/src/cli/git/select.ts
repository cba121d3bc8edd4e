import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { ALWAYS_SKIPPED, findFiles, ignoreRulesIn, isIgnored, type IgnoreLevel } from '../findFiles';
import { displayPath } from '../scanFile';
import type { FileJob } from '../scanPool';
import { changedSince, type ChangedLines } from './changedLines';
import { gitTop, pathMapper, writeBlobs } from './git';
import { isUnder } from '../paths';
import { inShard, type Shard } from './shard';
import { stagedFiles } from './staged';

export interface SelectOptions {
  /** The paths given on the command line (files and folders). */
  paths: string[];
  /** `--staged`: scan what the index holds for files with staged changes. */
  staged: boolean;
  /** `--changed-since REF`: only files and lines changed since REF. */
  changedSince?: string;
  /** `--shard I/N`. */
  shard?: Shard;
  cwd: string;
  onError: (path: string, message: string) => void;
}

export interface Selection {
  files: FileJob[];
  /** With --changed-since: the changed lines by report path; a finding elsewhere is not reported. */
  changed?: Map<string, ChangedLines>;
  /**
   * Whether the scan covers the given folders whole (no --staged, --changed-since or --shard): then
   * a baseline entry for a file that no longer exists there is gone, not merely out of view.
   */
  complete: boolean;
  /** Removes the temporary copies of staged files. */
  cleanup(): void;
}

/**
 * The files a scan reads. Without git options: the paths walked as usual (folders recursively,
 * honouring .gitignore and .sdguardignore). With `--staged` or `--changed-since`: the files git
 * names (paths reported as in the work tree), kept when they lie in one of the given paths (a file
 * given by name, or a folder, where the ignore files apply as in a walk). Then `--shard` keeps its part.
 */
export async function selectFiles(o: SelectOptions): Promise<Selection> {
  const { cwd, shard } = o;
  const job = (abs: string, source?: string): FileJob => ({ abs, path: displayPath(abs, cwd), ...(source ? { source } : {}) });
  if (!o.staged && o.changedSince === undefined) {
    const files = findFiles(o.paths, o.onError)
      .map((abs) => job(abs))
      .filter((f) => inShard(f.path, shard));
    return { files, complete: !shard || shard.count === 1, cleanup: () => undefined };
  }

  const top = gitTop(cwd);
  const toAbs = pathMapper(top, cwd);
  const scope = new Scope(o.paths, o.onError);
  const changed = o.changedSince !== undefined ? changedSince(top, o.changedSince, o.staged) : undefined;

  if (!o.staged) {
    const files: FileJob[] = [];
    const lines = new Map<string, ChangedLines>();
    for (const [gitPath, ranges] of changed!) {
      const abs = toAbs(gitPath);
      if (!scope.has(abs) || !isFile(abs)) continue;
      const f = job(abs);
      if (!inShard(f.path, shard)) continue;
      files.push(f);
      lines.set(f.path, ranges);
    }
    files.sort(byPath);
    return { files, changed: lines, complete: false, cleanup: () => undefined };
  }

  // --staged: the index's blobs, copied to a temporary folder (one copy per distinct blob).
  const staged = stagedFiles(top, o.changedSince);
  const tmp = mkdtempSync(join(tmpdir(), 'sdguard-staged-'));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  try {
    const files: FileJob[] = [];
    const lines = changed ? new Map<string, ChangedLines>() : undefined;
    const blobs = new Map<string, string>();
    for (const s of staged) {
      const abs = toAbs(s.path);
      if (!scope.has(abs)) continue;
      if (changed && !changed.has(s.path)) continue;
      const f = job(abs);
      if (!inShard(f.path, shard)) continue;
      // Registered once in the shard: only the blobs of files scanned here are copied.
      let dest = blobs.get(s.sha);
      if (!dest) blobs.set(s.sha, (dest = join(tmp, s.sha)));
      files.push({ ...f, source: dest });
      lines?.set(f.path, changed!.get(s.path)!);
    }
    await writeBlobs(top, [...blobs].map(([sha, dest]) => ({ sha, dest })));
    files.sort(byPath);
    return { files, ...(lines ? { changed: lines } : {}), complete: false, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

function byPath(a: FileJob, b: FileJob): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/** The paths given on the command line, as a filter of the files git names. */
class Scope {
  private readonly files = new Set<string>();
  private readonly dirs: string[] = [];
  private readonly ignores = new Map<string, Ignore | null>();

  constructor(paths: string[], onError: (path: string, message: string) => void) {
    for (const p of paths) {
      const abs = resolve(p);
      try {
        if (statSync(abs).isDirectory()) this.dirs.push(abs);
        else this.files.add(abs);
      } catch (e) {
        // A file deleted in the work tree may still be staged: keep it as a file given by name.
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') this.files.add(abs);
        else onError(p, (e as Error).message);
      }
    }
  }

  has(abs: string): boolean {
    if (this.files.has(abs)) return true;
    return this.dirs.some((dir) => isUnder(abs, dir) && !this.ignored(dir, abs));
  }

  /** Whether a walk from `root` would skip `abs`: it, or a folder on the way, is ignored or always skipped. */
  private ignored(root: string, abs: string): boolean {
    const parts = relative(root, abs).split(sep);
    const levels: IgnoreLevel[] = [];
    let dir = root;
    for (let i = 0; i < parts.length; i++) {
      const rules = this.rulesOf(dir);
      if (rules) levels.push({ dir, rules });
      const full = join(dir, parts[i]);
      if (ALWAYS_SKIPPED.has(parts[i]) || isIgnored(levels, full, i < parts.length - 1)) return true;
      dir = full;
    }
    return false;
  }

  private rulesOf(dir: string): Ignore | undefined {
    let rules = this.ignores.get(dir);
    if (rules === undefined) {
      rules = ignoreRulesIn(dir) ?? null;
      this.ignores.set(dir, rules);
    }
    return rules ?? undefined;
  }
}
