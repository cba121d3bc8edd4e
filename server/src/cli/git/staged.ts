import { git, zFields } from './git';

export interface StagedFile {
  /** Relative to the work tree root, `/` separators (as git prints it). */
  path: string;
  /** The blob the index holds for it: what the next commit will contain. */
  sha: string;
}

/** Regular files only: no symbolic links (120000) or submodules (160000). */
const REGULAR = new Set(['100644', '100755']);

/**
 * Files added, copied, modified or renamed in the index compared with HEAD (or, before the first
 * commit, all of the index): what `git commit` would record; with `against`, compared with that
 * revision instead. Deleted files are left out.
 */
export function stagedFiles(top: string, against?: string): StagedFile[] {
  const fields = zFields(git(top, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACMT', '--no-ext-diff', ...(against ? [against] : []), '--']));
  const out: StagedFile[] = [];
  // Each entry: `:oldmode newmode oldsha newsha status`, then the path.
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = fields[i].split(' ');
    const path = fields[i + 1];
    if (meta.length < 5 || !REGULAR.has(meta[1])) continue;
    out.push({ path, sha: meta[3] });
  }
  return out;
}
