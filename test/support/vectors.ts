import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from './engine';

/**
 * Public test vectors from ../shared/testdata/vectors/<file>: one identifier per line, `#` lines
 * name the source. Values are normalized as the scanner would (no spaces or dashes, upper-case).
 */
export function readVectors(file: string): string[] {
  const path = join(sharedDir, 'testdata', 'vectors', file);
  if (!existsSync(path)) {
    throw new Error(`public test vectors not found at ${path}: the tests expect the project's shared/ folder beside the checkout, or SDGUARD_SHARED_DIR pointing at it`);
  }
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.replace(/[\s-]/g, '').toUpperCase());
}
