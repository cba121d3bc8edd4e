// The values a filter keeps. Filtering a payroll down to one person (ticking their ID in the
// column's drop-down, or `equals …`) saves that ID in the file as the filter's criterion, unseen,
// where it stays after the cell itself is redacted: an AutoFilter's chosen values
// (`<filter val="…"/>`) and custom criteria (`<customFilter operator="equal" val="…"/>`), on a
// sheet (also in a custom view), in a table, or in a pivot table, whose label filters keep theirs
// as `stringValue1` and `stringValue2`.
import { rangeStart } from '../cells';
import { parseXml } from './xml';
import type { ZipParts } from './zipParts';

export type CellAt = { row: number; column: number };

/**
 * Follows a filter's elements as a parse meets them (`open` for each element opened) and gives
 * each criterion with the header cell of the column it filters, else `whole` (a pivot table's
 * first cell), else undefined.
 */
export class FilterCriteria {
  /** The first cell of the range the current autoFilter covers. */
  private start: CellAt | undefined;
  private column: CellAt | undefined;
  whole: CellAt | undefined;

  constructor(private readonly onValue: (text: string, at: CellAt | undefined) => void) {}

  open(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'autoFilter':
        this.start = this.column = rangeStart(a.ref ?? '');
        return;
      case 'filterColumn': {
        const offset = parseInt(a.colId ?? '', 10);
        this.column = this.start && offset >= 0 ? { row: this.start.row, column: this.start.column + offset } : this.start;
        return;
      }
      case 'filter':
        for (const v of [a.val, a.stringValue1, a.stringValue2]) if (v) this.onValue(v, this.column ?? this.whole);
        return;
      case 'customFilter':
        if (a.val) this.onValue(a.val, this.column ?? this.whole);
    }
  }

  close(name: string): void {
    if (name === 'autoFilter') this.start = this.column = undefined;
  }
}

/**
 * The criteria of a table's part (`xl/tables/table1.xml`: its autoFilter, by the header cell of
 * each column) or a pivot table's (`xl/pivotTables/pivotTable1.xml`: its filters, at its first cell).
 */
export async function readFilterCriteria(zip: ZipParts, part: string, onValue: (text: string, at: CellAt | undefined) => void): Promise<void> {
  // A pivot table's label filter keeps its value twice (`stringValue1`, and its autoFilter's `val`): heard once.
  const heard = new Set<string>();
  const criteria = new FilterCriteria((text, at) => {
    const key = `${at?.row},${at?.column},${text}`;
    if (!heard.has(key)) {
      heard.add(key);
      onValue(text, at);
    }
  });
  let pivot = false;
  await parseXml(await zip.stream(part), {
    open(name, a) {
      if (name === 'table') criteria.whole = rangeStart(a.ref ?? '');
      else if (name === 'pivotTableDefinition') pivot = true;
      else if (name === 'location') criteria.whole = rangeStart(a.ref ?? '');
      // A pivot table's filters name its fields, not the sheet's columns: all are placed at its first cell.
      if (pivot && name === 'autoFilter') return;
      criteria.open(name, a);
    },
    close: (name) => criteria.close(name),
  }, part);
}
