// Scans the cells of a workbook read whole (exceljs's model, for redaction), and finds a finding's
// cell again.
import type { Engine } from '../engine/engine';
import type { Confidence } from '../engine/types';
import type { WorkbookCell } from './cells';
import type { SheetCells } from './readWorkbook';
import { SheetScan, type CellFinding } from './sheetScan';

export type { CellFinding } from './sheetScan';

/** Findings of every sheet, sheet by sheet, row by row. */
export function scanSheets(sheets: readonly SheetCells[], engine: Engine, minConfidence: Confidence): CellFinding[] {
  return sheets.flatMap((s) => scanSheet(s, engine, minConfidence));
}

/** A sheet read whole (exceljs's model, for redaction), scanned as the streaming reader's rows are: see SheetScan. */
function scanSheet(sheet: SheetCells, engine: Engine, minConfidence: Confidence): CellFinding[] {
  const out: CellFinding[] = [];
  const scan = new SheetScan(sheet.name, engine, minConfidence, (f) => out.push(f));
  const { cells } = sheet;
  for (let i = 0; i < cells.length; ) {
    let j = i;
    while (j < cells.length && cells[j].row === cells[i].row) j++;
    scan.row(cells.slice(i, j));
    i = j;
  }
  scan.end();
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
