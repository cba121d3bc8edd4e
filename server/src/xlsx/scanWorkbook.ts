// Scans the cells of a workbook with the engine, with the context a CSV export of the same sheet
// would have: the column's header and the cell to the left as a label.
import type { Engine } from '../engine/engine';
import type { Confidence, Finding } from '../engine/types';
import { cellRef, type WorkbookCell } from './cells';
import type { SheetCells } from './readWorkbook';

/** A finding in a cell; offsets are in the cell's text. Raw values stay out: `masked` only. */
export interface CellFinding {
  ruleId: string;
  /** UTF-16 offsets in the cell's text; `end` is exclusive. */
  start: number;
  end: number;
  confidence: Confidence;
  sheet: string;
  row: number;
  column: number;
  /** `C5` */
  address: string;
  /** `Sheet1!C5`, quoted when the sheet name needs it */
  ref: string;
  masked: string;
  /** The column header the cell sits under, when it has one. */
  header?: string;
}

const MANGLED = 'excel-mangled';

/** Findings of every sheet, sheet by sheet, row by row. */
export function scanSheets(sheets: readonly SheetCells[], engine: Engine, minConfidence: Confidence): CellFinding[] {
  return sheets.flatMap((s) => scanSheet(s, engine, minConfidence));
}

/**
 * One scan per sheet, not one per cell: the sheet is laid out as a TSV text and scanned by the
 * engine as `tsv`, so the header and label context are the engine's own, exactly as for a CSV
 * export, and the per-scan set-up is paid once per sheet.
 *
 * - Line 1 is a made-up header row: the sheet's header cells (see `headerRow`), trimmed; a cell
 *   of digits only becomes empty so that the engine takes the line as a header; every line ends
 *   with one extra empty field so that a one-column sheet still has a header.
 * - Then one line per row that has cells (the header row too: a value there is still reported),
 *   every cell in its own column, empty ones empty, so a value's column is its sheet column and
 *   the cell before it is the cell to its left (the engine's window in a table keeps to the value's
 *   cell and the one before).
 * - Tabs, line breaks and double quotes inside a cell become spaces: the same length, so an
 *   offset in the TSV minus the cell's start is an offset in the cell's own text, and no cell can
 *   open a quoted field or end a row.
 *
 * Findings map back to cells by a binary search over the cells' start offsets.
 */
export function scanSheet(sheet: SheetCells, engine: Engine, minConfidence: Confidence): CellFinding[] {
  const { cells } = sheet;
  if (cells.length === 0) return [];
  let width = 0;
  for (const c of cells) if (c.column > width) width = c.column;
  const header = headerRow(cells);
  const names = new Array<string>(width + 1).fill('');
  for (const c of header) names[c.column - 1] = /[^\d\s.+-]/.test(c.text) ? flat(c.text).trim() : '';

  const parts: string[] = [names.join('\t'), '\n'];
  let offset = parts[0].length + 1;
  const starts = new Float64Array(cells.length);
  let i = 0;
  while (i < cells.length) {
    const row = cells[i].row;
    let column = 1;
    for (; i < cells.length && cells[i].row === row; i++) {
      const cell = cells[i];
      const gap = '\t'.repeat(cell.column - column);
      parts.push(gap);
      offset += gap.length;
      starts[i] = offset;
      const text = flat(cell.text);
      parts.push(text);
      offset += text.length;
      column = cell.column;
    }
    const rest = '\t'.repeat(width + 1 - column) + '\n';
    parts.push(rest);
    offset += rest.length;
  }
  const text = parts.join('');

  const out: CellFinding[] = [];
  const mangledRule = engine.rule(MANGLED);
  for (const f of engine.scan(text, { kind: 'tsv', minConfidence })) {
    const at = cellAt(starts, f.start);
    if (at === -1) continue; // in the made-up header line: the header row is scanned as data too
    const cell: WorkbookCell = cells[at];
    const start = f.start - starts[at];
    const end = Math.min(f.end - starts[at], cell.text.length);
    if (end <= start) continue;
    // A number of 16+ digits stored as a number has lost digits whatever it looks like now (the
    // zeros Excel wrote may even pass another rule's check digit): it is reported as damaged.
    const ruleId = cell.mangled && mangledRule ? MANGLED : f.ruleId;
    const local: Finding = { ruleId, start, end, confidence: f.confidence };
    out.push({
      ...local,
      sheet: sheet.name,
      row: cell.row,
      column: cell.column,
      address: cell.address,
      ref: cellRef(sheet.name, cell.address),
      masked: engine.masked(cell.text, local),
      ...(f.column ? { header: f.column } : {}),
    });
  }
  return out;
}

/** Findings grouped by their cell (sheet, row, column), cells in the order first met, each cell's findings in scan order. */
export function findingsByCell<F extends { sheet: string; row: number; column: number }>(findings: readonly F[]): Map<string, F[]> {
  const byCell = new Map<string, F[]>();
  for (const f of findings) {
    const key = cellKey(f.sheet, f.row, f.column);
    const list = byCell.get(key);
    if (list) list.push(f);
    else byCell.set(key, [f]);
  }
  return byCell;
}

/** The key of a cell in findingsByCell. */
export function cellKey(sheet: string, row: number, column: number): string {
  return `${sheet}\u0000${row}\u0000${column}`;
}

/**
 * The raw text of a finding, its span of its cell's text, for what must see the value (keyed
 * fingerprints); never reported. The cell is found by a binary search over its sheet's cells (row
 * by row, left to right), so no map of every cell's text is built for the few cells with findings.
 */
export function findingText(sheets: readonly SheetCells[]): (f: CellFinding) => string {
  const cellsOf = new Map(sheets.map((s) => [s.name, s.cells] as const));
  return (f) => {
    const cells = cellsOf.get(f.sheet);
    const cell = cells && cellWith(cells, f.row, f.column);
    return cell ? cell.text.slice(f.start, f.end) : '';
  };
}

/** The cell at (row, column) in cells sorted by row then column, if there is one. */
function cellWith(cells: readonly WorkbookCell[], row: number, column: number): WorkbookCell | undefined {
  let lo = 0;
  let hi = cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cells[mid];
    const order = c.row - row || c.column - column;
    if (order === 0) return c;
    if (order < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * The row whose cells name the columns: the first row with two or more cells, so that a title
 * above the table (one cell, often merged across) is passed over; a sheet whose rows all have a
 * single cell takes its first row.
 */
export function headerRow(cells: readonly WorkbookCell[]): WorkbookCell[] {
  for (let i = 0; i < cells.length; ) {
    let j = i;
    while (j < cells.length && cells[j].row === cells[i].row) j++;
    if (j - i >= 2) return cells.slice(i, j);
    i = j;
  }
  const first = cells.filter((c) => c.row === cells[0].row);
  return first;
}

/** Tab, CR, LF and `"` → space: the same length, and nothing that could end a TSV field or row. */
function flat(text: string): string {
  return /[\t\r\n"]/.test(text) ? text.replace(/[\t\r\n"]/g, ' ') : text;
}

/** Index of the cell whose text holds `offset` (the last start ≤ offset), or -1 before the first. */
function cellAt(starts: Float64Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  if (offset < starts[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
