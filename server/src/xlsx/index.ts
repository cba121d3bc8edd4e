// Entry of dist/xlsx.js: workbook scanning and redaction with exceljs, a bundle of its own so that
// the CLI, the language server and the scan workers load exceljs only when they meet an .xlsx
// (see load.ts). The engine comes from the caller.
import type { Engine } from '../engine/engine';
import type { Confidence } from '../engine/types';
import { readWorkbook } from './readWorkbook';
import { findingText, scanSheets, type CellFinding } from './scanWorkbook';

export { cellRef, columnName, renderNumber, valueText, type WorkbookCell } from './cells';
export { readWorkbook, sheetCells, type LoadedWorkbook, type SheetCells } from './readWorkbook';
export { cellKey, findingsByCell, findingText, headerRow, scanSheet, scanSheets, type CellFinding } from './scanWorkbook';
export { maskCells, redactedPath, redactWorkbookFile, type RedactResult } from './redactWorkbook';

export interface WorkbookScan {
  findings: CellFinding[];
  sheets: number;
  /** Cells with text or a number, all sheets. */
  cells: number;
  /** A finding's raw text (see findingText): for keyed fingerprints only, never reported. */
  textOf: (f: CellFinding) => string;
}

/** Reads the workbook at `path` (or its bytes) and scans every sheet; rejects if it is not a readable .xlsx. */
export async function scanWorkbookFile(source: string | Buffer, engine: Engine, minConfidence: Confidence): Promise<WorkbookScan> {
  const { sheets } = await readWorkbook(source);
  return { findings: scanSheets(sheets, engine, minConfidence), sheets: sheets.length, cells: sheets.reduce((n, s) => n + s.cells.length, 0), textOf: findingText(sheets) };
}
