import type { Engine } from '../engine/engine';
import type { ColumnSummary } from '../engine/table/columnTally';
import { findingMessage } from '../l10n/describe';
import { t } from '../l10n/messages';
import { loadXlsx } from '../xlsx/load';
import type { FileResult, ReportedFinding, ScanFileOptions } from './scanFile';
import { fingerprinterFor } from './baseline/fingerprint';

/**
 * Scans an .xlsx (every sheet, every cell with text or a number) and reports each finding with
 * its cell: `line` is the row, `column` the column number, `cell` the reference (`Sheet1!C5`).
 * exceljs reads the whole workbook, so this is asynchronous; a file that is not a readable
 * workbook gives an error result naming it, not an exception.
 */
export async function scanWorkbookFile(abs: string, path: string, engine: Engine, options: ScanFileOptions, onFinding: (f: ReportedFinding) => void, source = abs): Promise<FileResult> {
  let scan;
  // Fingerprints (baselines, SARIF) need each value's text: scan.textOf gives it, in this function only.
  const fingerprint = options.detail ? fingerprinterFor(options.fingerprints, path) : undefined;
  try {
    scan = await loadXlsx().scanWorkbookFile(source, engine, options.minConfidence);
  } catch (e) {
    return { path, status: 'error', message: t(options.lang, 'cli.badWorkbook', (e as Error).message), counts: {} };
  }
  const counts = new Map<string, number>();
  for (const f of scan.findings) {
    counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    if (!options.detail) continue;
    const rule = engine.rule(f.ruleId)!;
    onFinding({
      ruleId: f.ruleId,
      severity: rule.severity,
      confidence: f.confidence,
      line: f.row,
      column: f.column,
      endLine: f.row,
      endColumn: f.column + 1,
      masked: f.masked,
      message: findingMessage(rule, f.masked, f, options.lang),
      ...(f.header ? { header: f.header } : {}),
      cell: f.ref,
      sheet: f.sheet,
      ...(fingerprint ? fingerprint(f.ruleId, scan.textOf(f)) : {}),
    });
  }
  // Per rule id in rule order, as for text files.
  const byRule: Record<string, number> = {};
  for (const r of engine.rules) {
    const n = counts.get(r.id);
    if (n) byRule[r.id] = n;
  }
  const columns = columnSummaries(scan.findings, engine);
  return { path, status: 'scanned', counts: byRule, ...(columns.length ? { columns } : {}) };
}

/** What each sheet column holds (`Sheet1!C`), as --summary prints for a CSV's columns. */
function columnSummaries(findings: readonly { ruleId: string; ref: string; column: number; header?: string }[], engine: Engine): ColumnSummary[] {
  const byColumn = new Map<string, ColumnSummary>();
  for (const f of findings) {
    const letter = f.ref.replace(/\d+$/, '');
    let c = byColumn.get(letter);
    if (!c) byColumn.set(letter, (c = { index: f.column - 1, letter, ...(f.header ? { header: f.header } : {}), character: 0, counts: {} }));
    c.counts[f.ruleId] = (c.counts[f.ruleId] ?? 0) + 1;
  }
  const mangled = engine.rules.findIndex((r) => r.id === 'excel-mangled');
  for (const c of byColumn.values()) {
    const n = c.counts['excel-mangled'];
    if (n && c.header && mangled >= 0 && engine.headerNamesRule(c.header, mangled)) c.excelMangled = n;
  }
  return [...byColumn.values()];
}
