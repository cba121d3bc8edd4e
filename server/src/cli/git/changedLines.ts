import { git, GitError, zFields } from './git';
import { t } from '../../l10n/messages';

/**
 * The lines of a file added or changed since a revision: 1-based inclusive ranges, sorted and
 * disjoint (from the new side of `git diff --unified=0` hunks), or `all` for a file that is new,
 * untracked, or binary (a workbook: its findings are cells, not lines).
 */
export type ChangedLines = 'all' | LineRanges;

export class LineRanges {
  /** Flat [start, end, start, end, …]. */
  constructor(readonly bounds: number[] = []) {}

  add(start: number, end: number): void {
    const b = this.bounds;
    if (b.length && start <= b[b.length - 1] + 1) b[b.length - 1] = Math.max(b[b.length - 1], end);
    else b.push(start, end);
  }

  has(line: number): boolean {
    const b = this.bounds;
    let lo = 0;
    let hi = b.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (line < b[2 * mid]) hi = mid - 1;
      else if (line > b[2 * mid + 1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  get empty(): boolean {
    return this.bounds.length === 0;
  }
}

/** Whether a finding on `line` (1-based) is on a changed line. */
export function onChangedLine(changed: ChangedLines | undefined, line: number): boolean {
  return changed === 'all' || (changed !== undefined && changed.has(line));
}

/**
 * The files changed since `ref` (paths relative to the work tree root) and their changed lines:
 * the work tree against `ref` (committed, staged and unstaged changes, plus untracked files not
 * ignored by git), or with `staged` the index against `ref`. Renames are followed, so a file that
 * was only moved has no changed lines. Deleted files are left out.
 */
export function changedSince(top: string, ref: string, staged: boolean): Map<string, ChangedLines> {
  if (ref.startsWith('-')) throw new GitError((lang) => t(lang, 'git.notRevision', ref));
  try {
    git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new GitError((lang) => t(lang, 'git.unknownRevision', ref));
  }
  const common = ['diff', ...(staged ? ['--cached'] : []), '-M', '--no-ext-diff', '--no-textconv', '--diff-filter=ACMRT'];
  const out = new Map<string, ChangedLines>();

  // Which files changed, and which of them are binary (numstat prints `-` for their counts).
  const fields = zFields(git(top, [...common, '--numstat', '-z', ref, '--']));
  for (let i = 0; i < fields.length; i++) {
    const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(fields[i]);
    if (!m) continue;
    let path = m[3];
    // A rename: `added\tdeleted\t` then the old and the new path as fields of their own.
    if (path === '') {
      path = fields[i + 2];
      i += 2;
    }
    if (path !== undefined) out.set(path, m[1] === '-' ? 'all' : new LineRanges());
  }

  // The new side of each hunk.
  const diff = git(top, [...common, '--unified=0', '--no-color', '--src-prefix=a/', '--dst-prefix=b/', ref, '--']).toString('utf8');
  let current: ChangedLines | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of diff.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      // Inside a hunk: its lines are content, whatever they start with (`+++ x` may be an added `++ x`).
      if (line.startsWith('-')) oldLeft--;
      else if (line.startsWith('+')) newLeft--;
      continue;
    }
    if (line.startsWith('+++ ')) {
      const name = unquote(line.slice(4));
      current = name.startsWith('b/') ? out.get(name.slice(2)) : undefined;
      continue;
    }
    const h = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (h) {
      oldLeft = h[1] === undefined ? 1 : Number(h[1]);
      const start = Number(h[2]);
      newLeft = h[3] === undefined ? 1 : Number(h[3]);
      if (newLeft > 0 && current instanceof LineRanges) current.add(start, start + newLeft - 1);
    }
  }
  // Files with no changed line left (a pure rename, a mode change, only deletions) need no scan.
  for (const [path, lines] of out) if (lines !== 'all' && lines.empty) out.delete(path);

  if (!staged) for (const path of zFields(git(top, ['ls-files', '--others', '--exclude-standard', '-z']))) out.set(path, 'all');
  return out;
}

/** A path as git writes it in a diff header: plain, or C-quoted when it holds special characters. */
export function unquote(s: string): string {
  const tab = s.indexOf('\t'); // git may append a tab after names with spaces
  if (!s.startsWith('"')) return tab === -1 ? s : s.slice(0, tab);
  const bytes: number[] = [];
  const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 1; i < s.length; i++) {
    const c = String.fromCodePoint(s.codePointAt(i)!);
    if (c === '"') break;
    if (c !== '\\') {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
      i += c.length - 1;
      continue;
    }
    const next = s[++i];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(escapes[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}
