// Entry of dist/xlsx.js: workbook scanning and redaction (our streaming reader and writer), a bundle
// of its own so that the CLI, the language server and the scan workers load it only when they
// meet an .xlsx (see load.ts). The engine comes from the caller.

export { cellRef, columnName, renderNumber, valueText, type WorkbookCell } from './cells';
export type { CellFinding } from './sheetScan';
export { streamWorkbook, type StreamedWorkbook } from './streamWorkbook';
export { redactedPath, redactWorkbookFile, type RedactResult } from './redactWorkbook';
export { redactWorkbookStream, type WorkbookRedaction, type WorkbookRedactOptions } from './streamRedact';
