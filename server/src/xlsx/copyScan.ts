// What the scans of a workbook's cached copies of its cells (a pivot table's, a chart's) share:
// the copy is laid out as the cells it copies (SheetScan), and a value a sheet's cell holds too is
// not reported again (the cell is, and a redaction replaces the copy with it).
import type { Engine } from '../engine/engine';
import type { Confidence } from '../engine/types';
import { SheetScan, workbookWide, type CellFinding, type Within } from './sheetScan';
import type { StreamedCell } from './stream/sheetRows';

export interface CopyScanContext {
  engine: Engine;
  minConfidence: Confidence;
  /** A sheet's name as reports show it (its values masked). */
  shown: (name: string) => string;
  /** The values the sheets' cells hold. */
  inCells: ReadonlySet<string>;
  /** Each finding no cell holds, with the copy's cell its offsets are in (raw: never to be reported). */
  onFinding: (finding: CellFinding, cell: StreamedCell) => void;
}

/**
 * A scan of a copy under `label` whose findings no cell holds are reported at `placeOf(cell)`
 * (where the value came from), `within` the copy; a cell placed nowhere (undefined) reports none.
 */
export function copyScan<C extends StreamedCell>(ctx: CopyScanContext, label: string, within: Within, placeOf: (cell: C) => string | undefined): SheetScan<C> {
  return new SheetScan<C>(label, ctx.engine, ctx.minConfidence, (f, cell) => {
    if (ctx.inCells.has(cell.text.slice(f.start, f.end))) return;
    const ref = placeOf(cell);
    if (ref !== undefined) ctx.onFinding({ ...f, ...workbookWide(ref), within }, cell);
  });
}
