// The scan of a redacted text, again: what a redaction's read-back finds (here or in a worker).
import type { Engine } from '../engine/engine';
import { fileKindOf } from '../engine/fileKind';
import { StreamScanner } from '../engine/stream';
import type { Confidence } from '../engine/types';

/**
 * Scans a redacted text again, as a file at `path` (its kind), and calls `residual` for each value
 * of the redacted rules found there: none is expected. Pushed the text piece by piece, each ending a
 * line but the last; scanned whole lines at a time (no forced cuts), as the redaction scans.
 */
export function recheckScanner(engine: Engine, path: string, options: { minConfidence: Confidence; rules?: ReadonlySet<string> }, residual: () => void): StreamScanner {
  const { rules } = options;
  return new StreamScanner(engine, { kind: fileKindOf(path), minConfidence: options.minConfidence }, (ruleIndex) => {
    if (!rules || rules.has(engine.rules[ruleIndex].id)) residual();
  }, false, Infinity);
}
