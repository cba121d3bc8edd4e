// Server commands for workbooks on disk (.xlsx is not a text document, so it is never opened):
// scan one and publish its findings as diagnostics, or write its masked copy beside it.
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Engine } from '../engine/engine';
import { findingMessage } from '../l10n/describe';
import { t, type Lang } from '../l10n/messages';
import { loadXlsx } from '../xlsx/load';
import { workbookErrorMessage } from '../xlsx/readError';
import { refusalMessage, refusalOf } from '../xlsx/refusal';
import type { CellFinding } from '../xlsx/sheetScan';
import { unreadMessage, type UnreadPart } from '../xlsx/unreadParts';
import { findingDiagnostic, moreNotice } from './diagnostics';
import type { SettingsStore } from './settings';
import { findingPlace } from '../xlsx/cells';

export const WORKBOOK_COMMANDS = { scanWorkbook: 'sdguard.server.scanWorkbook', exportRedactedWorkbook: 'sdguard.server.exportRedactedWorkbook' } as const;

/** What both commands answer: counts, a message in the client's language, and `error` when the workbook could not be read. */
export interface WorkbookCommandResult {
  uri: string;
  /** Sensitive values found (and, on export, masked). */
  findings: number;
  /** Cells that hold them. */
  cells: number;
  sheets: number;
  /** scanWorkbook: diagnostics published (at most sdguard.maxDiagnostics, plus one notice, and one per part not read). */
  published?: number;
  /** exportRedactedWorkbook: the copy written, as a path and a URI. */
  output?: string;
  outputUri?: string;
  message: string;
  error?: string;
}

export interface WorkbookContext {
  connection: Connection;
  engine: Engine;
  lang: Lang;
  settings: SettingsStore;
}

export function isWorkbookCommand(command: string): boolean {
  return command === WORKBOOK_COMMANDS.scanWorkbook || command === WORKBOOK_COMMANDS.exportRedactedWorkbook;
}

/** Runs a workbook command; arguments: [workbookUri]. Never throws: a failure is a result with `error`. */
export async function workbookCommand(command: string, args: readonly unknown[], ctx: WorkbookContext): Promise<WorkbookCommandResult> {
  const { engine, lang } = ctx;
  const uri = String(args[0] ?? '');
  const empty = { uri, findings: 0, cells: 0, sheets: 0 };
  let path: string;
  try {
    path = fileURLToPath(uri); // file: URIs only (VS Code's `file:///c%3A/…` included)
  } catch {
    return { ...empty, error: 'not a file', message: t(lang, 'workbook.notFile', uri) };
  }
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const settings = await ctx.settings.get(uri);
  try {
    const xlsx = loadXlsx();
    if (command === WORKBOOK_COMMANDS.exportRedactedWorkbook) {
      const r = await xlsx.redactWorkbookFile(path, engine, { minConfidence: settings.minConfidence });
      return {
        uri,
        findings: r.findings,
        cells: r.cells,
        sheets: r.sheets,
        output: r.output,
        outputUri: pathToFileURL(r.output).href,
        message: countMessage(lang, 'workbook.exported', r.output, r.findings, r.elsewhere, r.cells),
      };
    }
    const tally = new FindingTally(settings.maxDiagnostics);
    const book = await xlsx.streamWorkbook(path, engine, settings.minConfidence, tally.add);
    // What could not be read comes first: it says the findings are not the whole story.
    const diagnostics = [...book.unread.map((u) => unreadDiagnostic(u, lang)), ...workbookDiagnostics(tally, engine, lang, settings.maxDiagnostics)];
    await ctx.connection.sendDiagnostics({ uri, diagnostics });
    return {
      uri,
      findings: tally.findings,
      cells: tally.cells.size,
      sheets: book.sheets,
      published: diagnostics.length,
      message: [
        tally.findings ? countMessage(lang, 'workbook.scanned', name, tally.findings, tally.elsewhere, tally.cells.size) : t(lang, 'workbook.clean', name),
        ...book.unread.map((u) => unreadMessage(u, lang)),
      ].join(' '),
    };
  } catch (e) {
    const error = (e as Error).message;
    const refusal = refusalOf(e);
    if (refusal) return { ...empty, error, message: `${name}: ${refusalMessage(lang, refusal)}` };
    return { ...empty, error, message: t(lang, 'workbook.error', name, workbookErrorMessage(lang, e)) };
  }
}

/**
 * What a workbook's scan keeps of its findings: the first `max` and the next (for the notice of
 * the rest, placed on it), and counts. A 200,000-row payroll has 300,000 findings, of which 1,000
 * are published: the rest are not held.
 */
class FindingTally {
  readonly kept: CellFinding[] = [];
  findings = 0;
  /** Of the findings, those outside cells' values (Within). */
  elsewhere = 0;
  /** The cells with findings, each as a number (sheet, row and column). */
  readonly cells = new Set<number>();

  constructor(private readonly max: number) {}

  readonly add = (f: CellFinding, _cell: unknown, sheet: number): void => {
    this.findings++;
    if (f.within) this.elsewhere++;
    // Rows fit 20 bits, columns 14: 2^35 apart per sheet stays an exact integer.
    else this.cells.add(sheet * 2 ** 35 + f.row * 16_384 + f.column);
    if (this.kept.length <= this.max) this.kept.push(f);
  };
}

/**
 * One diagnostic per finding, placed on the cell as if rows were lines and columns characters
 * (row 5, column C → line 4, character 2, one character wide), so the Problems panel shows
 * `[Ln 5, Col 3]`; the message names the cell (`Sheet1!C5`). Capped like a text document's.
 */
function workbookDiagnostics(tally: FindingTally, engine: Engine, lang: Lang, max: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const shown = Math.min(max, tally.findings);
  for (let i = 0; i < shown; i++) {
    const f = tally.kept[i];
    const rule = engine.rule(f.ruleId)!;
    const where = findingPlace(f, lang);
    out.push(findingDiagnostic(cellRange(f), rule, t(lang, 'workbook.finding', where, findingMessage(rule, f.masked, f.confidence, lang)), { ruleId: rule.id, cell: where }));
  }
  const more = tally.findings - shown;
  if (more > 0) out.push(moreNotice(cellRange(tally.kept[shown]), t(lang, 'workbook.more', more, max), more, tally.findings));
  return out;
}

/** A part whose values could not be read (unreadParts.ts): a warning on the workbook's first cell. */
function unreadDiagnostic(u: UnreadPart, lang: Lang): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Warning, source: 'sdguard', code: 'xlsx-unread', message: unreadMessage(u, lang) };
}

function cellRange(f: CellFinding) {
  return { start: { line: f.row - 1, character: f.column - 1 }, end: { line: f.row - 1, character: f.column } };
}

/** How many values, in how many cells, and how many outside cells' values (`elsewhere`, Within) when there are. */
function countMessage(lang: Lang, key: 'workbook.scanned' | 'workbook.exported', name: string, findings: number, elsewhere: number, cells: number): string {
  return elsewhere ? t(lang, key === 'workbook.scanned' ? 'workbook.scannedElsewhere' : 'workbook.exportedElsewhere', name, findings, cells, elsewhere) : t(lang, key, name, findings, cells);
}

