// A pivot table's cache: a copy of its source data that the workbook keeps so that the table can
// be redrawn without the source. Its definition (`xl/pivotCache/pivotCacheDefinitionN.xml`) names
// the fields and lists each field's distinct values (shared items); its records
// (`pivotCacheRecordsN.xml`) hold one row per source row, a value or the index of a shared item.
// The copy stays when the source is deleted, and Excel keeps items deleted from the source
// ("retain items"): a payroll's IDs and cards, unseen, in a file that shows only totals.
import { renderNumber } from '../cells';
import { parseXml } from './xml';
import { HELD_PART_LIMIT } from './workbookParts';
import type { ZipParts } from './zipParts';

/** A value of the cache as its source cell showed it. */
export interface PivotValue {
  text: string;
  /** Cached as a number (`<n>`). */
  numeric: boolean;
  /** A number of 16 or more digits: Excel kept 15 of them (see WorkbookCell.mangled). */
  mangled: boolean;
}

/** A field of the cache: its name (the source column's header) and its shared items' values. */
export interface PivotField {
  name: string;
  /** By index, as records refer to them (`<x v="3"/>`); undefined for an item without text (a date, a blank). */
  items: (PivotValue | undefined)[];
  /** Texts of the field's groups (`fieldGroup`): labels the records do not refer to by index. */
  groups: string[];
}

export interface PivotDefinition {
  /** The source, when it is a range of a sheet in this workbook (`工资`, `A1:D100`). */
  source: { sheet: string; ref: string } | undefined;
  /** A named range or table as the source (`表1`), when it is one. */
  sourceName: string | undefined;
  fields: PivotField[];
}

/** Item and value elements of a cache: `s` text, `n` number, `d` date, `b` boolean, `e` error, `m` blank, `x` an index. */
const VALUE_KINDS = new Set(['s', 'n', 'd', 'b', 'e', 'm', 'x']);

/** A value as the source cell showed it (a number as Excel shows it); undefined for a date, a boolean, an error or a blank. */
export function pivotValue(kind: string, v: string | undefined): PivotValue | undefined {
  if (v === undefined || v === '') return undefined;
  if (kind === 's') return { text: v, numeric: false, mangled: false };
  if (kind !== 'n') return undefined;
  const n = parseFloat(v);
  if (Number.isNaN(n)) return { text: v, numeric: false, mangled: false };
  const { text, mangled } = renderNumber(n);
  return { text, numeric: true, mangled };
}

/**
 * Calls `onValue` with each value of a cache part, with the field it belongs to (its index):
 * in a definition, each field's shared items (`group` for a group's items); in the records, each
 * record's values (`record` its index, 0-based). Values nested in another (an OLAP item's member
 * properties) are not values of a field.
 */
export async function readPivotValues(
  zip: ZipParts,
  part: string,
  onValue: (value: { field: number; kind: string; v: string | undefined; record: number; group: boolean }) => void,
  onOpen?: (name: string, attributes: Record<string, string>) => void,
): Promise<void> {
  let field = -1;
  let record = -1;
  // Depth below the element whose children are values (sharedItems, groupItems, r); 0 outside one.
  let depth = 0;
  let group = false;
  await parseXml(await zip.stream(part, HELD_PART_LIMIT), {
    open(name, a) {
      onOpen?.(name, a);
      if (depth > 0) {
        if (depth++ === 1 && VALUE_KINDS.has(name)) onValue({ field: record >= 0 ? field++ : field, kind: name, v: a.v, record, group });
        return;
      }
      if (name === 'cacheField') field++;
      else if (name === 'sharedItems' || name === 'groupItems') {
        group = name === 'groupItems';
        depth = 1;
      } else if (name === 'r') {
        record++;
        field = 0;
        depth = 1;
      }
    },
    close() {
      if (depth > 0) depth--;
    },
  }, part);
}

/** The fields of a cache and its source, from its definition. */
export async function readPivotDefinition(zip: ZipParts, part: string): Promise<PivotDefinition> {
  const fields: PivotField[] = [];
  let source: PivotDefinition['source'];
  let sourceName: string | undefined;
  await readPivotValues(
    zip,
    part,
    ({ field, kind, v, group }) => {
      const f = fields[field];
      if (!f) return;
      const value = pivotValue(kind, v);
      if (group) {
        if (value) f.groups.push(value.text);
      } else f.items.push(value);
    },
    (name, a) => {
      if (name === 'cacheField') fields.push({ name: a.name ?? '', items: [], groups: [] });
      else if (name === 'worksheetSource') {
        if (a.sheet && a.ref) source = { sheet: a.sheet, ref: a.ref };
        else if (a.name) sourceName = a.name;
      }
    },
  );
  return { source, sourceName, fields };
}

/** Calls `onRecord` with each record's values, a shared item's index resolved (undefined: no text), and `onItem` with each index. */
export async function readPivotRecords(zip: ZipParts, part: string, fields: readonly PivotField[], onRecord: (values: (PivotValue | undefined)[], record: number) => void, onItem: (field: number, item: number) => void): Promise<void> {
  let values: (PivotValue | undefined)[] = [];
  let at = -1;
  const done = () => {
    if (at >= 0) onRecord(values, at);
    values = [];
  };
  await readPivotValues(zip, part, ({ field, kind, v, record }) => {
    if (record !== at) {
      done();
      at = record;
    }
    if (kind === 'x') {
      const item = Number(v);
      values[field] = fields[field]?.items[item];
      onItem(field, item);
    } else values[field] = pivotValue(kind, v);
  });
  done();
}
