// Scans a pivot table's cache (stream/pivotCaches.ts) as the table it copies: the fields' names
// are the header row and each record a row, so a value has its column's header for context as in
// the source sheet. Then the shared items no record refers to (items Excel retained after they
// were deleted from the source) and the groups' labels, each under its field's name.
// A value a sheet's cell holds too is not reported again: the cache is a copy, replaced with the
// cell as a chart's cached values are. What is reported is what no cell shows: a row deleted
// since the last refresh, an item retained, a source sheet deleted.
import { cellRef, columnName, rangeStart, sheetRef } from './cells';
import { copyScan, type CopyScanContext } from './copyScan';
import { readPivotDefinition, readPivotRecords, type PivotDefinition, type PivotValue } from './stream/pivotCaches';
import type { StreamedCell } from './stream/sheetRows';
import type { PivotCache } from './stream/workbookParts';
import type { ZipParts } from './stream/zipParts';

/** A value of the cache as a cell of the table it copies; `row` 1 is the fields' names. */
interface PivotCell extends StreamedCell {
  /** An item no record refers to, or a group's label: in its field, at no row. */
  unrowed?: true;
}

/**
 * Reports each finding in the cache that no cell holds (copyScan), placed where its value came from: with a
 * sheet's range as the source, the source cell as it was at the last refresh (`工资!B6`), or the
 * column for an item at no row (`工资!B:B`); else the same in the cache taken as a sheet named
 * after the source (`表1!B6`) or the cache's part (`pivotCacheDefinition1!B6`).
 */
export async function scanPivotCache(zip: ZipParts, cache: PivotCache, ctx: CopyScanContext): Promise<void> {
  const definition = await readPivotDefinition(zip, cache.definition);
  const { fields } = definition;
  if (fields.length === 0) return;
  const { label, row: top, column: left } = origin(definition, cache.definition, ctx.shown);
  const scan = copyScan<PivotCell>(ctx, label, 'pivotCache', (cell) => {
    const column = columnName(left + cell.column - 1);
    return cell.unrowed ? `${sheetRef(label)}!${column}:${column}` : cellRef(label, `${column}${top + cell.row - 1}`);
  });
  const cell = (row: number, field: number, { text, numeric, mangled }: PivotValue): PivotCell => ({ row, column: field + 1, text, numeric, mangled });
  const plain = (text: string): PivotValue => ({ text, numeric: false, mangled: false });
  scan.row(fields.flatMap((f, k) => (f.name ? [cell(1, k, plain(f.name))] : [])));
  // Which shared items the records refer to: the others are scanned after them.
  const referred = fields.map((f) => new Uint8Array(f.items.length));
  let rows = 1;
  if (cache.records) {
    await readPivotRecords(
      zip,
      cache.records,
      fields,
      (values, record) => {
        rows = record + 2;
        const cells: PivotCell[] = [];
        values.forEach((value, k) => value && cells.push(cell(rows, k, value)));
        scan.row(cells);
      },
      (field, item) => {
        if (referred[field] && item < referred[field].length) referred[field][item] = 1;
      },
    );
  }
  for (const [k, f] of fields.entries()) {
    const alone = [...f.items.filter((value, i) => value && !referred[k][i]), ...f.groups.map(plain)] as PivotValue[];
    for (const value of alone) scan.row([{ ...cell(++rows, k, value), unrowed: true }]);
  }
  scan.end();
}

/** The sheet (as shown) and the cell of the fields' names: the source range's first, else A1 of the cache taken as a sheet. */
function origin(definition: PivotDefinition, part: string, shown: (name: string) => string): { label: string; row: number; column: number } {
  const start = definition.source && rangeStart(definition.source.ref);
  if (definition.source && start) return { label: shown(definition.source.sheet), ...start };
  const name = definition.sourceName ?? part.slice(part.lastIndexOf('/') + 1).replace(/\.xml$/i, '');
  return { label: shown(name), row: 1, column: 1 };
}
