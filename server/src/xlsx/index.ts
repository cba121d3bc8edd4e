// Entry of dist/xlsx.js: workbook scanning and redaction (our streaming reader and writer), a bundle
// of its own so that the CLI, the language server and the scan workers load it only when they
// meet an .xlsx (see load.ts). The engine comes from the caller.
import type { Engine } from '../engine/engine';
import type { Confidence } from '../engine/types';
import type { CellFinding } from './sheetScan';
import { streamWorkbook } from './streamWorkbook';
import type { UnreadPart } from './unreadParts';

export { cellRef, columnName, renderNumber, valueText, type WorkbookCell } from './cells';
export type { CellFinding } from './sheetScan';
export { streamWorkbook, type StreamedWorkbook } from './streamWorkbook';
export { redactedPath, redactWorkbookFile, type RedactResult } from './redactWorkbook';
export { redactWorkbookStream, type WorkbookRedaction, type WorkbookRedactOptions } from './streamRedact';

export interface WorkbookScan {
  findings: CellFinding[];
  sheets: number;
  /** Cells with text or a number, all sheets. */
  cells: number;
  /** Parts whose values cannot be read (an embedded document, a data model): not scanned. */
  unread: UnreadPart[];
}

/** Reads the workbook at `path` (or its bytes) and scans every sheet; rejects if it is not a readable .xlsx. */
export async function scanWorkbookFile(source: string | Buffer, engine: Engine, minConfidence: Confidence): Promise<WorkbookScan> {
  const findings: CellFinding[] = [];
  const { sheets, cells, unread } = await streamWorkbook(source, engine, minConfidence, (f) => findings.push(f));
  return { findings, sheets, cells, unread };
}
