import { relative, sep } from 'node:path';
import type { Engine } from '../engine/engine';
import { fileKindOf } from '../engine/fileKind';
import type { Confidence, Finding } from '../engine/types';
import { LineIndex } from '../engine/text/lineIndex';
import { findingMessage } from '../l10n/describe';
import type { Lang } from '../l10n/messages';
import { readText } from './readText';

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

export interface FileReport {
  /** Relative to the working folder, with `/` separators. */
  path: string;
  /** Findings per rule id, in order of first appearance. */
  counts: Record<string, number>;
  /** Empty when only counts were asked for (`--summary`). */
  findings: ReportedFinding[];
}

export interface ScanFilesOptions {
  minConfidence: Confidence;
  /** Counts only: skips positions and messages, which dominate on huge files. */
  countsOnly: boolean;
}

export interface ScanReport {
  files: FileReport[];
  scanned: number;
  skipped: { path: string; reason: string }[];
  errors: { path: string; message: string }[];
}

export function totalFindings(report: ScanReport): number {
  let n = 0;
  for (const f of report.files) for (const c of Object.values(f.counts)) n += c;
  return n;
}

export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel.startsWith('..') ? abs : rel).split(sep).join('/');
}

/** Scans each file in turn; one unreadable file is recorded and the scan goes on. */
export function scanFiles(files: string[], engine: Engine, lang: Lang, cwd: string, options: ScanFilesOptions): ScanReport {
  const report: ScanReport = { files: [], scanned: 0, skipped: [], errors: [] };
  for (const file of files) {
    const path = displayPath(file, cwd);
    const read = readText(file);
    if (read.kind === 'error') {
      report.errors.push({ path, message: read.message });
      continue;
    }
    if (read.kind === 'binary') {
      report.skipped.push({ path, reason: 'binary' });
      continue;
    }
    report.scanned++;
    const findings = engine.scan(read.text, { kind: fileKindOf(file), minConfidence: options.minConfidence });
    if (findings.length === 0) continue;
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
    report.files.push({ path, counts, findings: options.countsOnly ? [] : describe(read.text, findings, engine, lang) });
  }
  return report;
}

function describe(text: string, findings: Finding[], engine: Engine, lang: Lang): ReportedFinding[] {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const start = lines.positionAt(f.start);
    const end = lines.positionAt(f.end);
    const masked = engine.masked(text, f);
    return {
      ruleId: f.ruleId,
      confidence: f.confidence,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      masked,
      message: findingMessage(engine.rule(f.ruleId)!, masked, f, lang),
      ...(f.column ? { header: f.column } : {}),
    };
  });
}
