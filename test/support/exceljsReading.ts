// exceljs's reading of a workbook, the reference the streaming reader (server/src/xlsx/stream) is
// held to: the same cells, and the same findings when both readings go through SheetScan.
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Engine } from '../../server/src/engine/engine';
import type { Confidence } from '../../server/src/engine/types';
import { valueText, type WorkbookCell } from '../../server/src/xlsx/cells';
import { SheetScan, type CellFinding } from '../../server/src/xlsx/sheetScan';

export interface SheetCells {
  name: string;
  /** Cells with text or a number, row by row, left to right. */
  cells: WorkbookCell[];
}

/** Loads a workbook from a path or its bytes; a file that is not a readable .xlsx rejects. */
export async function readWorkbook(source: string | Buffer): Promise<{ sheets: SheetCells[] }> {
  const bytes = typeof source === 'string' ? await readFile(source) : source;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return { sheets: workbook.worksheets.map(sheetCells) };
}

/** Every cell of the sheet with text or a number; the parts of a merged range after the first are left out. */
function sheetCells(sheet: ExcelJS.Worksheet): SheetCells {
  const cells: WorkbookCell[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const value = valueText(cell.value);
      if (value) cells.push({ row: rowNumber, column: colNumber, ...value });
    });
  });
  return { name: sheet.name, cells };
}

/** Findings of every sheet read whole, row by row through SheetScan as the streaming reader's rows are. */
export function scanSheets(sheets: readonly SheetCells[], engine: Engine, minConfidence: Confidence): CellFinding[] {
  const out: CellFinding[] = [];
  for (const sheet of sheets) {
    const scan = new SheetScan(sheet.name, engine, minConfidence, (f) => out.push(f));
    const { cells } = sheet;
    for (let i = 0; i < cells.length; ) {
      let j = i;
      while (j < cells.length && cells[j].row === cells[i].row) j++;
      scan.row(cells.slice(i, j));
      i = j;
    }
    scan.end();
  }
  return out;
}
