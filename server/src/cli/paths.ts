// Where a path lies, for the CLI: one definition of "inside a folder" and of a path's real form.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/** Whether `path` lies inside the folder `dir`, not `dir` itself (both absolute). */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !leaves(rel);
}

/** Whether `path` is `root` or lies under it (both absolute). */
export function isUnder(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || !leaves(rel);
}

/**
 * Whether a path relative() gave climbs out of its base (`..`, `../…`) or is on another root: an
 * absolute path, or on Windows another drive (`D:…`). On POSIX `c:notes` is just a folder's name.
 */
function leaves(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) || (sep === '\\' && /^[a-zA-Z]:/.test(rel));
}

/** The real path (symbolic links resolved), or the path as given when it cannot be resolved (it does not exist yet). */
export function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
