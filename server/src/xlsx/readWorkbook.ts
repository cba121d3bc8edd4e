// Reads an .xlsx with exceljs and lists the cells that hold text or numbers, sheet by sheet.
// exceljs is only reached through this folder's bundle (dist/xlsx.js, see load.ts).
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { valueText, type WorkbookCell } from './cells';

export interface SheetCells {
  /** exceljs's id of the worksheet (to find it again in the same Workbook). */
  id: number;
  name: string;
  /** Cells with text or a number, row by row, left to right. */
  cells: WorkbookCell[];
}

export interface LoadedWorkbook {
  workbook: ExcelJS.Workbook;
  sheets: SheetCells[];
}

/** Loads a workbook from a path or its bytes; a file that is not a readable .xlsx rejects. */
export async function readWorkbook(source: string | Buffer): Promise<LoadedWorkbook> {
  const bytes = typeof source === 'string' ? await readFile(source) : source;
  const workbook = new ExcelJS.Workbook();
  // exceljs's types predate Node's generic Buffer; the bytes are what it wants.
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return { workbook, sheets: workbook.worksheets.map(sheetCells) };
}

/** Every cell of the sheet with text or a number; the parts of a merged range after the first are left out. */
export function sheetCells(sheet: ExcelJS.Worksheet): SheetCells {
  const cells: WorkbookCell[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const value = valueText(cell.value);
      if (value) cells.push({ row: rowNumber, column: colNumber, ...value });
    });
  });
  return { id: sheet.id, name: sheet.name, cells };
}
