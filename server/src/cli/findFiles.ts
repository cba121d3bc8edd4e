import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Ignore files honoured at every level of a walk (gitignore syntax). */
const IGNORE_FILES = ['.gitignore', '.sdguardignore'];
/** Folders never walked into. */
export const ALWAYS_SKIPPED: ReadonlySet<string> = new Set(['.git', '.hg', '.svn']);

/** A folder's ignore rules, which apply to everything below it. */
export interface IgnoreLevel {
  dir: string;
  rules: Ignore;
}

/**
 * Expands the paths given on the command line into files: folders are walked recursively,
 * honouring `.gitignore` and `.sdguardignore` at every level; files named explicitly are
 * always scanned. Unreadable paths are reported through `onError` and the walk goes on. A file
 * reached twice (`d d/a.csv`, `d d`) is listed once, where it was first reached.
 */
export function findFiles(paths: string[], onError: (path: string, message: string) => void): string[] {
  const found = new Set<string>();
  for (const p of paths) {
    const abs = resolve(p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      onError(p, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message);
      continue;
    }
    if (st.isDirectory()) walk(abs, [], found, onError);
    else found.add(abs);
  }
  return [...found];
}

function walk(dir: string, levels: IgnoreLevel[], out: Set<string>, onError: (path: string, message: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    onError(dir, (e as Error).message);
    return;
  }
  // Only a folder that lists an ignore file reads one: a failed open per folder adds up in a large tree.
  const here = entries.some((e) => IGNORE_FILES.includes(e.name)) ? loadIgnores(dir) : undefined;
  const stack = here ? [...levels, here] : levels;
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const full = join(dir, entry.name);
    const isDir = entry.isDirectory();
    if (isIgnored(stack, full, isDir)) continue;
    if (isDir) walk(full, stack, out, onError);
    else if (entry.isFile()) out.add(full);
  }
}

function loadIgnores(dir: string): IgnoreLevel | undefined {
  const rules = ignoreRulesIn(dir);
  return rules ? { dir, rules } : undefined;
}

/** The rules of a folder's `.gitignore` and `.sdguardignore`, if it has either. */
export function ignoreRulesIn(dir: string): Ignore | undefined {
  let rules: Ignore | undefined;
  for (const name of IGNORE_FILES) {
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    rules ??= ignore();
    rules.add(text);
  }
  return rules;
}

/** Whether the ignore rules of a folder above `full` (outermost first) match it. */
export function isIgnored(levels: readonly IgnoreLevel[], full: string, isDir: boolean): boolean {
  for (const level of levels) {
    const rel = relative(level.dir, full).split(sep).join('/');
    if (level.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}
