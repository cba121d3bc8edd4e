import { createHash } from 'node:crypto';
import { UsageError } from '../usageError';

/** `--shard I/N`: this run scans the I-th of N parts of the file list (1 ≤ I ≤ N). */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError('usage.shard', text);
  return { index, count };
}

/**
 * The part a file belongs to: the first 32 bits of the SHA-256 of its path as reports show it
 * (relative to the working folder, `/` separators), modulo N. Deterministic on every machine and
 * operating system, so the N jobs of a CI matrix, each given the same paths, split the files
 * exactly (each file in one part), and a file keeps its part when others are added or removed.
 */
export function shardOf(path: string, count: number): number {
  return createHash('sha256').update(path, 'utf8').digest().readUInt32BE(0) % count;
}

export function inShard(path: string, shard: Shard | undefined): boolean {
  return !shard || shard.count === 1 || shardOf(path, shard.count) === shard.index - 1;
}
