import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_NAMES } from './loadConfig';

/**
 * Finds the configuration that governs a file: the nearest `.sdguard.yaml` (or `.sdguard.yml`,
 * `.sdguard.json`) in its folder or a folder above, up to the filesystem root. The answer is
 * cached per folder (a scan of thousands of files looks at each folder once); clear() forgets it
 * when configuration files may have been created or deleted.
 */
export class ConfigFinder {
  private readonly byDir = new Map<string, string | null>();

  /** The configuration file for `file` (absolute), or undefined. */
  forFile(file: string): string | undefined {
    return this.forDir(dirname(file));
  }

  /** The configuration file in `dir` (absolute) or above it, or undefined. */
  forDir(dir: string): string | undefined {
    const walked: string[] = [];
    let found: string | null = null;
    for (let d = dir; ; d = dirname(d)) {
      const cached = this.byDir.get(d);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      walked.push(d);
      const here = configIn(d);
      if (here) {
        found = here;
        break;
      }
      if (dirname(d) === d) break;
    }
    for (const d of walked) this.byDir.set(d, found);
    return found ?? undefined;
  }

  clear(): void {
    this.byDir.clear();
  }
}

/** The configuration file directly in `dir`, if any. */
export function configIn(dir: string): string | undefined {
  for (const name of CONFIG_NAMES) {
    const path = join(dir, name);
    try {
      // No exception for the common "not there": a scan looks in every folder.
      if (statSync(path, { throwIfNoEntry: false })?.isFile()) return path;
    } catch {
      // unreadable: as if not there
    }
  }
  return undefined;
}

/** Whether a path names a configuration file. */
export function isConfigFile(path: string): boolean {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return (CONFIG_NAMES as readonly string[]).includes(base);
}
