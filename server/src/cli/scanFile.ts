import { statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Engine } from '../engine/engine';
import { fileKindOf } from '../engine/fileKind';
import { StreamScanner, type StreamSink } from '../engine/stream';
import type { TableHeader } from '../engine/table/dialect';
import { CONFIDENCE } from '../engine/scan/context';
import { maskValue } from '../engine/redact/mask';
import type { Confidence, Severity } from '../engine/types';
import { findingMessage, tableIssueMessage } from '../l10n/describe';
import type { Lang } from '../l10n/messages';
import { openText } from './readChunks';
import { countsInRuleOrder } from './ruleCounts';
import { ColumnTally, type ColumnSummary } from '../engine/table/columnTally';
import type { TableIssue } from '../engine/table/cursor';
import type { EncodingOption } from './textCodec';
import { isWorkbookPath } from '../xlsx/load';
import type { Within } from '../xlsx/sheetScan';
import type { UnreadPart } from '../xlsx/unreadParts';
import { scanWorkbookFile } from './scanWorkbookFile';
import { fingerprinterFor, type FingerprintOptions } from './baseline/fingerprint';
import { messageIn } from '../l10n/localizedError';

/** A finding as reports show it: 1-based positions in UTF-16 code units, masked value only. */
export interface ReportedFinding {
  ruleId: string;
  /** The rule's severity where the file is (a project configuration may change it). */
  severity: Severity;
  confidence: Confidence;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  masked: string;
  message: string;
  header?: string;
  /** In a workbook: the cell, `Sheet1!C5` (then `line` is its row and `column` its column number). */
  cell?: string;
  /** In a workbook: the sheet's name (none for a document property). */
  sheet?: string;
  /** In a workbook: where the value is when not in the cell's value (a comment, a formula's text...). */
  within?: Within;
  /** Keyed fingerprints of the value, when ScanFileOptions.fingerprints asks (never the value itself). */
  baselineFingerprint?: string;
  valueFingerprint?: string;
}

/** What scanning one file produced, apart from the findings themselves. */
export interface FileResult {
  /** Relative to the working folder, with `/` separators. */
  path: string;
  status: 'scanned' | 'binary' | 'error';
  message?: string;
  /** The text encoding read (detected or given), for text files. */
  encoding?: string;
  /** Findings per rule id, in rule order; only rules with findings. */
  counts: Record<string, number>;
  /** In a table: what each column with findings holds. */
  columns?: ColumnSummary[];
  /** In a workbook: parts whose values cannot be read (an embedded document, a data model), not scanned. */
  unread?: UnreadPart[];
  /** In a table: where its structure breaks (1-based line and column), and why. */
  structure?: TableIssue & { message: string };
}

export interface ScanFileOptions {
  minConfidence: Confidence;
  lang: Lang;
  /** Whether to describe each finding (positions, masked value, message) or only count. */
  detail: boolean;
  /** The reporter writes each message itself (Reporter.composesMessage): `message` is left empty. */
  composeMessage?: boolean;
  /** `--encoding`: files without a BOM are read in this encoding; `auto` (the default) detects UTF-8 or GB18030. */
  encoding?: EncodingOption;
  /** Keyed fingerprints to compute per finding (baselines, SARIF); none by default. */
  fingerprints?: FingerprintOptions;
}

/** A file's size in bytes, read where its bytes are (a staged copy's `source`); 0 when it cannot be read (its scan says why). */
export function bytesOf(file: { abs: string; source?: string }): number {
  try {
    return statSync(file.source ?? file.abs).size;
  } catch {
    return 0;
  }
}

export function displayPath(abs: string, cwd: string): string {
  // A file under the working folder, the common case, without path.relative (slow over thousands of files).
  const base = cwd.endsWith(sep) ? cwd : cwd + sep;
  if (abs.startsWith(base)) {
    const rel = abs.slice(base.length);
    return sep === '/' ? rel : rel.split(sep).join('/');
  }
  const rel = relative(cwd, abs);
  return (rel.startsWith('..') ? abs : rel).split(sep).join('/');
}

/**
 * Scans one file in chunks (bounded memory whatever its size) and reports each finding to
 * `onFinding` as it is found; a file that cannot be read gives an error result, not an exception.
 * An .xlsx goes to the workbook scanner, which is asynchronous (the only case of a Promise).
 * `onProgress` hears how many bytes of a text file were read, chunk after chunk (a progress bar).
 */
export function scanFile(abs: string, path: string, engine: Engine, options: ScanFileOptions, onFinding: (f: ReportedFinding) => void, source = abs, onProgress?: (bytesRead: number) => void): FileResult | Promise<FileResult> {
  if (isWorkbookPath(abs)) return scanWorkbookFile(abs, path, engine, options, onFinding, source);
  // `source`: where the bytes are, when not at `abs` (`scan --staged` reads the index's copy).
  const opened = openText(source, options.encoding);
  if (opened.kind === 'error') return { path, status: 'error', message: opened.message, counts: {} };
  if (opened.kind === 'binary') return { path, status: 'binary', counts: {} };
  const { sink, counts, tally } = textSink(engine, options, path, () => scanner.table, onFinding);
  const scanner: StreamScanner = new StreamScanner(engine, { kind: fileKindOf(abs), minConfidence: options.minConfidence }, sink, options.detail);
  try {
    for (const chunk of opened.chunks) {
      scanner.push(chunk);
      onProgress?.(opened.bytesRead);
    }
    scanner.end();
  } catch (e) {
    // A decoding error comes after all the text (bad bytes as U+FFFD): scan its last line too.
    try {
      scanner.end();
    } catch {
      // the error below is the one to report
    }
    return { path, status: 'error', message: messageIn(e, options.lang), encoding: opened.encoding, counts: countsInRuleOrder(engine, (_, i) => counts[i]) };
  }
  return { path, status: 'scanned', encoding: opened.encoding, counts: countsInRuleOrder(engine, (_, i) => counts[i]), ...tableFacts(scanner.table, scanner.tableIssue, tally, options.lang) };
}

/**
 * The sink of a text file's scan: counts the findings per rule and per column, and describes each
 * one for the reports when `options.detail` asks (`tableOf` gives the header its column is named from).
 */
export function textSink(engine: Engine, options: ScanFileOptions, path: string, tableOf: () => TableHeader | undefined, onFinding: (f: ReportedFinding) => void): { sink: StreamSink; counts: Float64Array; tally: ColumnTally } {
  const rules = engine.rules;
  const counts = new Float64Array(rules.length);
  const { detail, lang, composeMessage } = options;
  const tally = new ColumnTally(engine);
  const fingerprint = fingerprinterFor(options.fingerprints, path);
  const sink: StreamSink = (ruleIndex, start, end, confidence, column, text, _base, line, character) => {
    counts[ruleIndex]++;
    tally.add(column, ruleIndex);
    if (!detail) return;
    // Once per reported finding, hundreds of thousands of times in a large report: one object,
    // its fields always in this order (the JSON report writes them so).
    const rule = rules[ruleIndex];
    const masked = maskValue(text.slice(start, end), rule.mask);
    const level = CONFIDENCE[confidence];
    const f: ReportedFinding = {
      ruleId: rule.id,
      severity: rule.severity,
      confidence: level,
      line: line + 1,
      column: character + 1,
      endLine: line + 1,
      endColumn: character + 1 + (end - start),
      masked,
      message: composeMessage ? '' : findingMessage(rule, masked, level, lang),
    };
    const header = column >= 0 ? tableOf()?.names?.[column] : undefined;
    if (header) f.header = header;
    if (fingerprint) Object.assign(f, fingerprint(rule.id, text.slice(start, end)));
    onFinding(f);
  };
  return { sink, counts, tally };
}

/** A table's column summaries and structure break, for the result. */
export function tableFacts(table: TableHeader | undefined, issue: TableIssue | undefined, tally: ColumnTally, lang: Lang): Pick<FileResult, 'columns' | 'structure'> {
  if (table === undefined) return {};
  const columns = tally.summaries(table);
  return {
    ...(columns.length ? { columns } : {}),
    ...(issue ? { structure: { ...issue, line: issue.line + 1, character: issue.character + 1, message: tableIssueMessage(issue, lang) } } : {}),
  };
}
