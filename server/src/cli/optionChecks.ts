// Options that scan, baseline and redact share, checked the same way.
import type { Confidence } from '../engine/types';
import { ENCODING_NAMES, parseEncoding, type EncodingOption } from './textCodec';
import { UsageError } from './usageError';

/** `--min-confidence`: low, medium or high. @throws UsageError */
export function minConfidenceOption(value: string): Confidence {
  if (value !== 'low' && value !== 'medium' && value !== 'high') throw new UsageError('--min-confidence must be low, medium or high');
  return value;
}

/** `--encoding`: one of ENCODING_NAMES (or an alias). @throws UsageError */
export function encodingOption(value: string): EncodingOption {
  const encoding = parseEncoding(value);
  if (!encoding) throw new UsageError(`--encoding must be one of ${ENCODING_NAMES.join(', ')}, not "${value}"`);
  return encoding;
}

/** Whether `--min-confidence` was given (not defaulted): then it wins over a configuration's top-level minConfidence. */
export function givesMinConfidence(args: readonly string[]): boolean {
  return args.some((a) => a === '--min-confidence' || a.startsWith('--min-confidence='));
}
