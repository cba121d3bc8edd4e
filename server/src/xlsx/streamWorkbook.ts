// Scans a workbook as it inflates, sheet after sheet and row after row: memory holds the shared
// strings and one chunk of a sheet, not the workbook. (exceljs reads the whole workbook into
// cell objects: about 1 GB of memory and 6 s for a 9 MB, 100,000-row export. Its streaming reader
// spills sheets to temporary files when the shared strings come after them in the zip, as they
// do in Excel's own files, and those sheets hold the very values we must not write anywhere.)
import type { Engine } from '../engine/engine';
import type { Confidence, Finding } from '../engine/types';
import { SheetScan, type CellFinding, type Within } from './sheetScan';
import { readSheetName } from './sheetNames';
import { cellRef, columnName, sheetRef } from './cells';
import { rangeStart, readSheetRows, type StreamedCell } from './stream/sheetRows';
import { readComments } from './stream/comments';
import { readProperties } from './stream/properties';
import { sheetTextFindings, textFindings } from './otherTexts';
import { damageError } from './damage';
import { dateStyles, lostParts, sharedStrings, workbookParts } from './stream/workbookParts';
import { ZipParts } from './stream/zipParts';

export interface StreamedWorkbook {
  sheets: number;
  /** Cells with text or a number, all sheets. */
  cells: number;
}

/**
 * Reads the workbook at `source` (a path or its bytes) and calls `onFinding` with each finding and
 * the sheet's index in tab order: sheet by sheet, the values in its name first, then its cells row
 * by row, then the values in its formulas' texts, header and footer, and comments; after the last
 * sheet, those in the document's properties (sheet index -1). See Within. The cell that comes with
 * a finding holds the raw text the finding's offsets are in (the cell's value, the name, the
 * formula, the comment...), one object per text: for keyed fingerprints and redaction only, never
 * to be reported.
 * Rejects if it is not a readable .xlsx, or, once the rest is read, if a part it lists is missing
 * (lostParts).
 */
export async function streamWorkbook(source: string | Buffer, engine: Engine, minConfidence: Confidence, onFinding: (finding: CellFinding, cell: StreamedCell, sheet: number) => void): Promise<StreamedWorkbook> {
  const zip = await ZipParts.open(source);
  try {
    const parts = await workbookParts(zip);
    const strings = await sharedStrings(zip, parts.sharedStrings);
    const dates = await dateStyles(zip, parts.styles);
    let cells = 0;
    // One cell object per text: its findings' offsets are in it (a redaction groups them by it).
    const reportIn = (sheet: number) => (findings: Finding[], text: string, at: Place, within: Within) => {
      const cell: StreamedCell = { row: at.row, column: at.column, text, numeric: false, mangled: false };
      for (const f of findings) onFinding({ ruleId: f.ruleId, start: f.start, end: f.end, confidence: f.confidence, ...at, masked: engine.masked(text, f), within }, cell, sheet);
    };
    for (const [index, sheet] of parts.sheets.entries()) {
      // From here on the sheet goes by its name as shown: findings, errors and damage name it.
      const name = readSheetName(sheet.name, engine, minConfidence);
      const report = reportIn(index);
      const wholeSheet: Place = { sheet: name.shown, row: 1, column: 1, address: '', ref: sheetRef(name.shown) };
      const atCell = (row: number, column: number): Place => {
        const address = `${columnName(column)}${row}`;
        return { sheet: name.shown, row, column, address, ref: cellRef(name.shown, address) };
      };
      report(name.findings, sheet.name, wholeSheet, 'sheetName');
      const scan = new SheetScan(name.shown, engine, minConfidence, (f, cell) => onFinding(f, cell, index));
      // Formulas' texts and headers: reported after the cells, which the scan reports a chunk late.
      const texts: (() => void)[] = [];
      try {
        await readSheetRows(zip, sheet.path, { sheet: name.shown, strings, dateStyles: dates }, (row) => scan.row(row), (text) => {
          const found = sheetTextFindings(engine, text, minConfidence);
          if (found.length === 0) return;
          if (text.kind === 'formula') texts.push(() => report(found, text.text, atCell(text.row, text.column), 'formula'));
          else texts.push(() => report(found, text.text, wholeSheet, 'headerFooter'));
        });
      } finally {
        // A sheet that breaks halfway: the rows read before the break are scanned all the same.
        scan.end();
        for (const r of texts) r();
      }
      for (const part of sheet.comments) {
        await readComments(zip, part, name.shown, (ref, text) => {
          const cell = rangeStart(ref);
          if (cell) report(textFindings(engine, text, minConfidence), text, atCell(cell.row, cell.column), 'comment');
        });
      }
      cells += scan.cellCount;
    }
    for (const part of parts.properties) {
      await readProperties(zip, part, (property, text) => {
        const findings = textFindings(engine, text, minConfidence);
        // A custom property's name is shown as a sheet's is: with its values masked.
        if (findings.length) reportIn(-1)(findings, text, { sheet: '', row: 1, column: 1, address: '', ref: readSheetName(property, engine, minConfidence).shown }, 'property');
      });
    }
    const lost = lostParts(zip, parts, (raw) => readSheetName(raw, engine, minConfidence).shown);
    if (lost) throw damageError(lost);
    return { sheets: parts.sheets.length, cells };
  } finally {
    zip.close();
  }
}

/** Where a finding outside a cell's value is reported (see CellFinding). */
type Place = Pick<CellFinding, 'sheet' | 'row' | 'column' | 'address' | 'ref'>;
