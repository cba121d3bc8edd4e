// A shared workbook's change history (`xl/revisions/revisionLogN.xml`): while a workbook is shared
// (Excel's legacy Share Workbook, kept for days after each save), every cell changed is logged
// with its old value and its new one, and every row deleted with the cells it held. A payroll's
// earlier IDs and bank cards stay there, unseen, whatever the sheets show now.
import { externalCellText } from './externalLinks';
import { parseXml } from './xml';
import type { ZipParts } from './zipParts';

/** A revision log's part, by its name (the headers part lists the logs; any log in the folder is read). */
export const REVISION_LOG = /(^|\/)revisions\/revisionLog[^/]*\.xml$/i;

/** The elements of a revision log that hold a cell: its old value and its new one. */
export const REVISION_CELLS = new Set(['oc', 'nc']);

/**
 * Calls `onCell` with each logged cell that has text: the sheet's id (`sheetId` in the workbook),
 * its reference, its text as a cell would read (a number as Excel shows it; rich text joined,
 * phonetic guides left out). A cell naming a shared string is not heard: the string is in the
 * table, read with the cells' (or as one no cell shows).
 */
export async function readRevisionCells(zip: ZipParts, part: string, onCell: (sheetId: string, ref: string, text: string) => void): Promise<void> {
  let sheetId = '';
  let cell: { ref: string; type: string | undefined; value: string; inline: string } | undefined;
  // Where text goes: 1 the cell's <v>, 2 a <t> of its inline string.
  let into = 0;
  let phonetic = 0;
  await parseXml(await zip.stream(part), {
    open(name, a) {
      // A change of cells, or one inside a row's or column's deletion: its sheet.
      if (name === 'rcc' || name === 'rrc') sheetId = a.sId ?? sheetId;
      else if (REVISION_CELLS.has(name)) cell = { ref: a.r ?? '', type: a.t, value: '', inline: '' };
      else if (!cell) return;
      else if (name === 'v') into = 1;
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) into = 2;
    },
    text(t) {
      if (into === 1) cell!.value += t;
      else if (into === 2) cell!.inline += t;
    },
    close(name) {
      if (name === 'v' || name === 't') into = 0;
      else if (name === 'rPh') phonetic--;
      else if (REVISION_CELLS.has(name) && cell) {
        const text = revisionCellText(cell);
        if (text) onCell(sheetId, cell.ref, text);
        cell = undefined;
      }
    },
  }, part);
}

/** A logged cell's text: its inline string, or its value as a cell's; undefined for a shared string's. */
export function revisionCellText(cell: { type: string | undefined; value: string; inline: string }): string | undefined {
  if (cell.type === 'inlineStr') return cell.inline || undefined;
  return cell.type === 's' ? undefined : externalCellText(cell.type, cell.value);
}
