// Another workbook's cells, as this one keeps them (`xl/externalLinks/externalLinkN.xml`): a
// formula that reads a linked workbook (`VLOOKUP(A2,'[员工信息.xlsx]员工'!$A:$D,4,0)`) keeps the
// last values of the cells it reads, so that the file opens without the other. They travel with
// the file unseen: a staff list's IDs and bank cards, in a payroll that only looks some up.
import { renderNumber } from '../cells';
import { parseXml } from './xml';
import type { ZipParts } from './zipParts';

/**
 * A cached cell's text, as a sheet's cell would read (a number as Excel shows it); undefined for
 * an empty, boolean or error cell.
 */
export function externalCellText(type: string | undefined, value: string): string | undefined {
  if (value === '') return undefined;
  if (type === 'str' || type === 's' || type === 'inlineStr') return value;
  if (type === 'b' || type === 'e') return undefined;
  const n = parseFloat(value);
  return Number.isNaN(n) ? value : renderNumber(n).text;
}

/** Calls `onCell` with each cached cell that has text: its sheet's name (in the linked workbook), its reference, its text. */
export async function readExternalCells(zip: ZipParts, part: string, onCell: (sheet: string, ref: string, text: string) => void): Promise<void> {
  const sheets: string[] = [];
  let sheet = '';
  let cell: { ref: string; type: string | undefined; value: string } | undefined;
  let inValue = false;
  await parseXml(await zip.stream(part), {
    open(name, a) {
      if (name === 'sheetName') sheets.push(a.val ?? '');
      else if (name === 'sheetData') sheet = sheets[Number(a.sheetId)] ?? '';
      else if (name === 'cell') cell = { ref: a.r ?? '', type: a.t, value: '' };
      else if (name === 'v') inValue = cell !== undefined;
    },
    text(t) {
      if (inValue) cell!.value += t;
    },
    close(name) {
      if (name === 'v') inValue = false;
      else if (name === 'cell' && cell) {
        const text = externalCellText(cell.type, cell.value);
        if (text) onCell(sheet, cell.ref, text);
        cell = undefined;
      }
    },
  }, part);
}
