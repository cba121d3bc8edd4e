import type { Engine } from '../engine/engine';
import type { ColumnSummary } from '../engine/table/columnTally';
import { findingMessage } from '../l10n/describe';
import { t } from '../l10n/messages';
import { loadXlsx } from '../xlsx/load';
import { workbookErrorMessage } from '../xlsx/readError';
import type { FileResult, ReportedFinding, ScanFileOptions } from './scanFile';
import { fingerprinterFor } from './baseline/fingerprint';
import { countsInRuleOrder } from './ruleCounts';
import { findingPlace } from '../xlsx/cells';

/**
 * Scans an .xlsx (every sheet, every cell with text or a number) and reports each finding with
 * its cell: `line` is the row, `column` the column number, `cell` the reference (`Sheet1!C5`);
 * a value elsewhere in the workbook has `within` (Within), its `cell` saying where (`Sheet1!C5 (a
 * comment)`, `'张三3***4' (the sheet's name)`, `the document property Title`).
 * The workbook streams (memory holds its shared strings, not its cells), so this is asynchronous;
 * a file that is not a readable workbook gives an error result naming it, not an exception.
 */
export async function scanWorkbookFile(abs: string, path: string, engine: Engine, options: ScanFileOptions, onFinding: (f: ReportedFinding) => void, source = abs): Promise<FileResult> {
  // Fingerprints (baselines, SARIF) need each value's text: the cell gives it, in this function only.
  const fingerprint = options.detail ? fingerprinterFor(options.fingerprints, path) : undefined;
  const counts = new Map<string, number>();
  const columns = new ColumnSummaries(engine);
  let book;
  try {
    book = await loadXlsx().streamWorkbook(source, engine, options.minConfidence, (f, cell) => {
      counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
      if (!f.within) columns.add(f);
      if (!options.detail) return;
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
        message: options.composeMessage ? '' : findingMessage(rule, f.masked, f.confidence, options.lang),
        ...(f.header ? { header: f.header } : {}),
        cell: findingPlace(f, options.lang),
        ...(f.sheet ? { sheet: f.sheet } : {}),
        ...(f.within ? { within: f.within } : {}),
        ...(fingerprint ? fingerprint(f.ruleId, cell.text.slice(f.start, f.end)) : {}),
      });
    });
  } catch (e) {
    // As for a text file that breaks: what was read before the break is reported, then the error.
    return { path, status: 'error', message: t(options.lang, 'cli.badWorkbook', workbookErrorMessage(options.lang, e)), counts: countsInRuleOrder(engine, (id) => counts.get(id) ?? 0) };
  }
  const summaries = columns.summaries();
  return {
    path,
    status: 'scanned',
    counts: countsInRuleOrder(engine, (id) => counts.get(id) ?? 0),
    ...(summaries.length ? { columns: summaries } : {}),
    ...(book.unread.length ? { unread: book.unread } : {}),
  };
}

/** What each sheet column holds (`Sheet1!C`), as --summary prints for a CSV's columns. */
class ColumnSummaries {
  private readonly byColumn = new Map<string, ColumnSummary>();
  constructor(private readonly engine: Engine) {}

  add(f: { ruleId: string; ref: string; column: number; header?: string }): void {
    const letter = f.ref.replace(/\d+$/, '');
    let c = this.byColumn.get(letter);
    if (!c) this.byColumn.set(letter, (c = { index: f.column - 1, letter, ...(f.header ? { header: f.header } : {}), character: 0, counts: {} }));
    c.counts[f.ruleId] = (c.counts[f.ruleId] ?? 0) + 1;
  }

  summaries(): ColumnSummary[] {
    const mangled = this.engine.rules.findIndex((r) => r.id === 'excel-mangled');
    for (const c of this.byColumn.values()) {
      const n = c.counts['excel-mangled'];
      if (n && c.header && mangled >= 0 && this.engine.headerNamesRule(c.header, mangled)) c.excelMangled = n;
    }
    return [...this.byColumn.values()];
  }
}
