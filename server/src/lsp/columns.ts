import { DiagnosticSeverity, type CodeLens, type Diagnostic, type Hover, type Position } from 'vscode-languageserver/node';
import type { Engine } from '../engine/engine';
import { ColumnTally, type ColumnSummary } from '../engine/table/columnTally';
import { columnLine, columnMangledLine, columnName, tableIssueMessage } from '../l10n/describe';
import type { Lang } from '../l10n/messages';
import type { DocState } from './documentStore';
import { ruleDocUri } from './ruleDocs';

/** Client command the column lenses run: a pick list of the file's sensitive columns. */
export const LIST_COLUMNS_COMMAND = 'sdguard.listSensitiveColumns';
/** Code of the diagnostic that says where a CSV/TSV's structure breaks. */
export const STRUCTURE_CODE = 'sdguard-csv-structure';

/** One count of a document's complete findings: per rule (the status) and per column of a table. */
export interface Tally {
  byRule: Float64Array;
  columns: ColumnSummary[];
}

/** The last count of each document, and what it counted. */
const counted = new WeakMap<DocState, { tally: Tally; version: number; engine: Engine; length: number }>();
/** What each document's lenses said when last sent or refreshed (JSON of the columns). */
const shownLenses = new WeakMap<DocState, string>();

/**
 * Counts the findings in one pass. A publish counts afresh (a rescan keeps the document's
 * version) and the lenses, hovers and pick list that follow reuse its count.
 */
export function countFindings(state: DocState, engine: Engine): Tally {
  const header = state.tableHeader(engine);
  const byRule = new Float64Array(engine.rules.length);
  const columns = new ColumnTally(engine);
  const { rule, column, length } = state.findings;
  if (header) {
    for (let i = 0; i < length; i++) {
      byRule[rule[i]]++;
      columns.add(column[i], rule[i]);
    }
  } else {
    for (let i = 0; i < length; i++) byRule[rule[i]]++;
  }
  const tally = { byRule, columns: header ? columns.summaries(header) : [] };
  counted.set(state, { tally, version: state.version, engine, length });
  return tally;
}

/** What each column of a table holds, from the document's complete findings (the last count while they are unchanged). */
function columnSummaries(state: DocState, engine: Engine): ColumnSummary[] {
  const last = counted.get(state);
  const same = last && last.version === state.version && last.engine === engine && last.length === state.findings.length;
  return (same ? last.tally : countFindings(state, engine)).columns;
}

/** Whether lenses of `columns` would say something else than the client last got (a refresh is due); notes them. */
export function lensesChanged(state: DocState, columns: ColumnSummary[]): boolean {
  const now = JSON.stringify(columns);
  if ((shownLenses.get(state) ?? '[]') === now) return false;
  shownLenses.set(state, now);
  return true;
}

/**
 * Diagnostics about the table as a whole: where its structure breaks, and each ID or card column
 * whose values Excel damaged (said once on the header cell; each cell has its own diagnostic).
 */
export function tableDiagnostics(state: DocState, engine: Engine, lang: Lang, columns: ColumnSummary[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const issue = state.tableIssue(engine);
  if (issue) {
    const at = { line: issue.line, character: issue.character };
    out.push({ range: { start: at, end: { line: issue.line, character: issue.character + 1 } }, severity: DiagnosticSeverity.Warning, source: 'sdguard', code: STRUCTURE_CODE, message: tableIssueMessage(issue, lang) });
  }
  for (const c of columns) {
    const message = columnMangledLine(c, lang);
    if (!message) continue;
    out.push({
      range: headerCellRange(state, engine, c),
      severity: DiagnosticSeverity.Warning,
      source: 'sdguard',
      code: 'excel-mangled',
      codeDescription: { href: ruleDocUri('excel-mangled') },
      message,
    });
  }
  return out;
}

/** One lens per column with findings, above the header row: `身份证号 (B): 398 × …`. */
export function columnLenses(state: DocState, engine: Engine, lang: Lang): CodeLens[] {
  const columns = columnSummaries(state, engine);
  shownLenses.set(state, JSON.stringify(columns));
  return columns.map((c) => ({
    range: headerCellRange(state, engine, c),
    command: { title: columnLine(c, (id) => engine.rule(id), lang), command: LIST_COLUMNS_COMMAND, arguments: [state.uri] },
  }));
}

/** Hover on a header cell: what its column holds (once the document's scan is complete). */
export function headerHover(state: DocState, position: Position, engine: Engine, lang: Lang): Hover | null {
  if (position.line !== 0 || !state.complete) return null;
  const header = state.tableHeader(engine);
  if (!header?.names) return null;
  let index = 0;
  while (index + 1 < header.starts.length && header.starts[index + 1] <= position.character) index++;
  const column = columnSummaries(state, engine).find((c) => c.index === index);
  if (!column) return null;
  const mangled = columnMangledLine(column, lang);
  return { contents: { kind: 'markdown', value: [`**${columnLine(column, (id) => engine.rule(id), lang)}**`, ...(mangled ? ['', mangled] : [])].join('\n') }, range: headerCellRange(state, engine, column) };
}

/** The sensitive columns as the client's pick list shows them. */
export function sensitiveColumns(state: DocState, engine: Engine, lang: Lang): { label: string; detail: string; line: number; character: number }[] {
  return columnSummaries(state, engine).map((c) => ({
    label: columnName(c, lang),
    detail: columnLine(c, (id) => engine.rule(id), lang),
    line: 0,
    character: c.character,
  }));
}

/** The header cell of a column: to the next cell's delimiter, or as long as its name for the last. */
function headerCellRange(state: DocState, engine: Engine, column: ColumnSummary) {
  const next = state.tableHeader(engine)?.starts[column.index + 1];
  const end = next !== undefined ? next - 1 : column.character + Math.max(1, column.header?.length ?? 1);
  return { start: { line: 0, character: column.character }, end: { line: 0, character: Math.max(column.character, end) } };
}
