import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ignore, { type Ignore } from 'ignore';

/** A matcher per distinct `sdguard.exclude` list (a few at most), not one per document and publish. */
const matchers = new Map<string, Ignore>();

/**
 * Whether `sdguard.exclude` (gitignore-style globs, relative to the workspace folder holding the
 * file) leaves a document out of the editor's scans. Files outside every folder match globs
 * against their own name.
 */
export function isExcluded(uri: string, globs: readonly string[], folders: readonly string[]): boolean {
  if (!globs.length || !uri.startsWith('file:')) return false;
  const path = fileURLToPath(uri);
  const folder = folders.filter((f) => path.startsWith(f.endsWith(sep) ? f : f + sep)).sort((a, b) => b.length - a.length)[0];
  const rel = (folder ? relative(folder, path) : path.slice(path.lastIndexOf(sep) + 1)).split(sep).join('/');
  const key = globs.join('\n');
  let matcher = matchers.get(key);
  if (!matcher) matchers.set(key, (matcher = ignore().add([...globs])));
  return matcher.ignores(rel);
}
