// Options that scan, baseline and redact share, checked the same way.
import type { Confidence } from '../engine/types';
import { ENCODING_NAMES, parseEncoding, type EncodingOption } from './textCodec';
import { UsageError } from './usageError';

/** `--min-confidence`: low, medium or high. @throws UsageError */
export function minConfidenceOption(value: string): Confidence {
  if (value !== 'low' && value !== 'medium' && value !== 'high') throw new UsageError('usage.minConfidence', value);
  return value;
}

/** `--encoding`: one of ENCODING_NAMES (or an alias). @throws UsageError */
export function encodingOption(value: string): EncodingOption {
  const encoding = parseEncoding(value);
  if (!encoding) throw new UsageError('usage.encoding', ENCODING_NAMES.join(', '), value);
  return encoding;
}

/** `--jobs N`: a whole number of at least 1; `fallback` (the number of cores) when not given. @throws UsageError */
export function jobsOption(value: string | undefined, fallback: number): number {
  const jobs = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('usage.jobs', value ?? String(jobs));
  return jobs;
}

/** Whether `--min-confidence` was given (not defaulted): then it wins over a configuration's top-level minConfidence. */
export function givesMinConfidence(args: readonly string[]): boolean {
  return args.some((a) => a === '--min-confidence' || a.startsWith('--min-confidence='));
}
