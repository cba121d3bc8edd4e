import { relative, sep } from 'node:path';
import type { Engine } from '../engine/engine';
import { fileKindOf } from '../engine/fileKind';
import { StreamScanner } from '../engine/stream';
import { CONFIDENCE } from '../engine/scan/context';
import type { Confidence } from '../engine/types';
import { findingMessage } from '../l10n/describe';
import type { Lang } from '../l10n/messages';
import { openText } from './readChunks';

/** A finding as reports show it: 1-based positions in UTF-16 code units, masked value only. */
export interface ReportedFinding {
  ruleId: string;
  confidence: Confidence;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  masked: string;
  message: string;
  header?: string;
}

/** What scanning one file produced, apart from the findings themselves. */
export interface FileResult {
  /** Relative to the working folder, with `/` separators. */
  path: string;
  status: 'scanned' | 'binary' | 'error';
  message?: string;
  /** Findings per rule id, in rule order; only rules with findings. */
  counts: Record<string, number>;
}

export interface ScanFileOptions {
  minConfidence: Confidence;
  lang: Lang;
  /** Whether to describe each finding (positions, masked value, message) or only count. */
  detail: boolean;
}

export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel.startsWith('..') ? abs : rel).split(sep).join('/');
}

/**
 * Scans one file in chunks (bounded memory whatever its size) and reports each finding to
 * `onFinding` as it is found; a file that cannot be read gives an error result, not an exception.
 */
export function scanFile(abs: string, path: string, engine: Engine, options: ScanFileOptions, onFinding: (f: ReportedFinding) => void): FileResult {
  const opened = openText(abs);
  if (opened.kind === 'error') return { path, status: 'error', message: opened.message, counts: {} };
  if (opened.kind === 'binary') return { path, status: 'binary', counts: {} };
  const rules = engine.rules;
  const counts = new Float64Array(rules.length);
  const { detail, lang } = options;
  const scanner: StreamScanner = new StreamScanner(
    engine,
    { kind: fileKindOf(abs), minConfidence: options.minConfidence },
    (ruleIndex, start, end, confidence, column, text, _base, line, character) => {
      counts[ruleIndex]++;
      if (!detail) return;
      const rule = rules[ruleIndex];
      const finding = { ruleId: rule.id, start, end, confidence: CONFIDENCE[confidence] };
      const masked = engine.masked(text, finding);
      const header = column >= 0 ? scanner.headerNames?.[column] : undefined;
      onFinding({
        ruleId: rule.id,
        confidence: finding.confidence,
        line: line + 1,
        column: character + 1,
        endLine: line + 1,
        endColumn: character + 1 + (end - start),
        masked,
        message: findingMessage(rule, masked, finding, lang),
        ...(header ? { header } : {}),
      });
    },
    detail,
  );
  try {
    for (const chunk of opened.chunks) scanner.push(chunk);
    scanner.end();
  } catch (e) {
    return { path, status: 'error', message: (e as Error).message, counts: countsById(counts, engine) };
  }
  return { path, status: 'scanned', counts: countsById(counts, engine) };
}

function countsById(counts: Float64Array, engine: Engine): Record<string, number> {
  const out: Record<string, number> = {};
  counts.forEach((n, i) => {
    if (n > 0) out[engine.rules[i].id] = n;
  });
  return out;
}
