// Scans a workbook as it inflates, sheet after sheet and row after row: memory holds the shared
// strings and one chunk of a sheet, not the workbook. (exceljs reads the whole workbook into
// cell objects: about 1 GB of memory and 6 s for a 9 MB, 100,000-row export. Its streaming reader
// spills sheets to temporary files when the shared strings come after them in the zip, as they
// do in Excel's own files, and those sheets hold the very values we must not write anywhere.)
import type { Engine } from '../engine/engine';
import type { Confidence } from '../engine/types';
import { SheetScan, type CellFinding } from './sheetScan';
import { readSheetName } from './sheetNames';
import { readSheetRows, type StreamedCell } from './stream/sheetRows';
import { OutsideCells } from './outsideCells';
import { damageError } from './damage';
import { dateStyles, lostParts, sharedStrings, workbookParts } from './stream/workbookParts';
import { own } from './stream/xml';
import { ZipParts } from './stream/zipParts';
import { otherParts } from './stream/otherParts';
import { unreadParts, type UnreadPart } from './unreadParts';

export interface StreamedWorkbook {
  sheets: number;
  /** Cells with text or a number, all sheets. */
  cells: number;
  /** Parts whose values cannot be read (an embedded document, a data model): not scanned. */
  unread: UnreadPart[];
}

/**
 * Reads the workbook at `source` (a path or its bytes) and calls `onFinding` with each finding and
 * the sheet's index in tab order: sheet by sheet, the values in its name first, then its cells row
 * by row, then the values in its formulas' texts, hyperlinks, header and footer, conditional
 * formats and filters, then in its comments, drawings, and tables' and pivot tables' filters;
 * after the last sheet, those in the shared strings no cell shows, defined names, linked
 * workbooks' cells, pivot caches and charts' caches (values no cell holds), data connections, a
 * shared workbook's change history (values no cell holds), the document's properties, and last
 * the values found nowhere else in the text parts no reader reads whole (otherParts.ts, read
 * first to tell which), all with sheet index -1. See Within.
 *
 * The cell that comes with a finding holds the raw text the finding's offsets are in (the cell's
 * value, the name, the formula, the comment...), one object per text: for keyed fingerprints and
 * redaction only, never to be reported. Rejects if it is not a readable .xlsx, or, once the rest is
 * read, if a part it lists is missing (lostParts).
 */
export async function streamWorkbook(source: string | Buffer, engine: Engine, minConfidence: Confidence, onFinding: (finding: CellFinding, cell: StreamedCell, sheet: number) => void): Promise<StreamedWorkbook> {
  const zip = await ZipParts.open(source);
  try {
    const parts = await workbookParts(zip);
    const strings = await sharedStrings(zip, parts.sharedStrings);
    const dates = await dateStyles(zip, parts.styles);
    let cells = 0;
    // The values cells hold, when a pivot cache, a chart or a change history may copy them (see OutsideCells.workbook).
    const inCells = parts.pivotCaches.length || parts.charts.length || parts.revisions.length ? new Set<string>() : undefined;
    // The parts no other reader reads whole: scanned first, their values reported last, those found nowhere else.
    const partValues = await new OutsideCells(engine, minConfidence, onFinding).otherParts(zip, otherParts(zip.names(), parts));
    const report: typeof onFinding = partValues.waiting.size
      ? (f, cell, sheet) => {
          partValues.seen(cell.text, f.start, f.end);
          onFinding(f, cell, sheet);
        }
      : onFinding;
    const outside = new OutsideCells(engine, minConfidence, report, inCells);
    // Which shared strings a cell shows: the others are scanned on their own (unshownStrings).
    const shown = new Uint8Array(strings.length);
    for (const [index, sheet] of parts.sheets.entries()) {
      // From here on the sheet goes by its name as shown: findings, errors and damage name it.
      const name = readSheetName(sheet.name, engine, minConfidence);
      const others = outside.sheet(index, sheet, name.shown);
      others.name(name.findings);
      const scan = new SheetScan(name.shown, engine, minConfidence, (f, cell) => {
        inCells?.add(own(cell.text.slice(f.start, f.end)));
        report(f, cell, index);
      });
      try {
        await readSheetRows(zip, sheet.path, { sheet: name.shown, strings, dateStyles: dates }, (row) => {
          for (const cell of row) if (cell.shared !== undefined) shown[cell.shared] = 1;
          scan.row(row);
        }, others.hear);
      } finally {
        // A sheet that breaks halfway: the rows read before the break are scanned all the same.
        scan.end();
        others.flush();
      }
      await others.comments(zip);
      await others.drawings(zip);
      await others.tables(zip);
      cells += scan.cellCount;
    }
    outside.unshownStrings(strings, shown);
    await outside.workbook(zip, parts);
    partValues.report();
    const lost = lostParts(zip, parts, (raw) => readSheetName(raw, engine, minConfidence).shown);
    if (lost) throw damageError(lost);
    return { sheets: parts.sheets.length, cells, unread: unreadParts(zip.names()) };
  } finally {
    zip.close();
  }
}
