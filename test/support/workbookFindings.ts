import type { Confidence } from '../../server/src/engine/types';
import type { CellFinding } from '../../server/src/xlsx/sheetScan';
import { streamWorkbook } from '../../server/src/xlsx/streamWorkbook';
import { builtinEngine } from './engine';

/** What a scan of the workbook finds with the built-in rules, in the order it reports them. */
export async function workbookFindings(book: Buffer, minConfidence: Confidence = 'medium'): Promise<CellFinding[]> {
  const out: CellFinding[] = [];
  await streamWorkbook(book, builtinEngine(), minConfidence, (f) => out.push(f));
  return out;
}
