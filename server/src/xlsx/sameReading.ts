// exceljs, which redaction needs to write a workbook back, misreads some valid workbooks without
// a word: it stops at an inline string with a phonetic guide and drops the rest of the sheet,
// and cannot read cells without a reference or prefixed element names. A copy written from such
// a reading would lose those rows, and their values would go unredacted. So before a redaction,
// the streaming reader (what scans use) reads the workbook too, and the two must agree.
import type { Engine } from '../engine/engine';
import type { Confidence } from '../engine/types';
import { misreadError, type Misreading } from './misread';
import { readWorkbook, type LoadedWorkbook, type SheetCells } from './readWorkbook';
import { scanSheets } from './scanWorkbook';
import type { CellFinding } from './sheetScan';
import { streamWorkbook } from './streamWorkbook';

/**
 * Reads a workbook to redact it: exceljs's model (to write the copy) and the findings in it,
 * checked against the streaming reader; throws misreadError when the two disagree, and any
 * reading error as it comes.
 */
export async function readForRedaction(bytes: Buffer, engine: Engine, minConfidence: Confidence): Promise<LoadedWorkbook & { findings: CellFinding[] }> {
  const { workbook, sheets } = await readWorkbook(bytes);
  const findings = scanSheets(sheets, engine, minConfidence);
  const misread = await misreading(bytes, sheets, findings, engine, minConfidence);
  if (misread) throw misreadError(misread);
  return { workbook, sheets, findings };
}

/** Undefined when exceljs's reading (`sheets`, `findings`) has the cells and findings the streaming reader finds; else both cell counts. */
export async function misreading(source: string | Buffer, sheets: readonly SheetCells[], findings: readonly CellFinding[], engine: Engine, minConfidence: Confidence): Promise<Misreading | undefined> {
  const key = (f: CellFinding) => `${f.ref}\u0000${f.ruleId}\u0000${f.start}\u0000${f.end}`;
  const streamed: string[] = [];
  const { cells } = await streamWorkbook(source, engine, minConfidence, (f) => streamed.push(key(f)));
  const read = sheets.reduce((n, s) => n + s.cells.length, 0);
  // As sets: exceljs puts rows in order, the streaming reader keeps the order the writer gave them.
  const mine = findings.map(key).sort();
  streamed.sort();
  const same = cells === read && mine.length === streamed.length && mine.every((k, i) => k === streamed[i]);
  return same ? undefined : { cells, read };
}
