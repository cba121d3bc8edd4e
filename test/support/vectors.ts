import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from './engine';

/**
 * Public test vectors from ../shared/testdata/vectors/<file>: one identifier per line, `#` lines
 * name the source. Values are normalized as the scanner would (no spaces or dashes, upper-case).
 */
export function readVectors(file: string): string[] {
  return readFileSync(join(sharedDir, 'testdata', 'vectors', file), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.replace(/[\s-]/g, '').toUpperCase());
}
