// A redaction's copy of a pivot table's cache (stream/pivotCaches.ts). A value is replaced where
// it is written, as in any part; a number replaced becomes a text item (`<n v="…"/>` → `<s v="…"/>`:
// a number cannot hold a placeholder), and its field's shared items then say that the field holds
// texts, or Excel finds the cache damaged. A smallest or largest value that is one replaced goes.
import { pivotValue, readPivotValues } from './stream/pivotCaches';
import type { PivotCache } from './stream/workbookParts';
import { prefixOf } from './stream/xml';
import { elementXml, type RewriteHandlers } from './stream/xmlRewrite';
import type { ZipParts } from './stream/zipParts';

/** Whether `map` changes a number as written in a cache (`13800138000`), read as Excel shows it or as written. */
function changesNumber(v: string | undefined, map: (s: string) => string): boolean {
  if (v === undefined) return false;
  const text = pivotValue('n', v)?.text;
  return (text !== undefined && map(text) !== text) || map(v) !== v;
}

/** The fields (by index) with a number that `map` changes, in the definition's items or in a record. */
export async function fieldsMadeText(zip: ZipParts, cache: PivotCache, map: (s: string) => string): Promise<Set<number>> {
  const fields = new Set<number>();
  const look = ({ field, kind, v }: { field: number; kind: string; v: string | undefined }) => {
    if (kind === 'n' && changesNumber(v, map)) fields.add(field);
  };
  await readPivotValues(zip, cache.definition, look);
  if (cache.records) await readPivotValues(zip, cache.records, look);
  return fields;
}

/** The rewrite of a cache's definition or records part; `madeText` from fieldsMadeText. */
export function pivotCacheRewrite(map: (s: string) => string, madeText: ReadonlySet<number>): RewriteHandlers {
  let field = -1;
  let convert = false;
  return {
    open(name, a) {
      if (name === 'cacheField') field++;
      convert = name === 'n' && changesNumber(a.v, map);
    },
    collect: (name) => name === 'n' && convert,
    replace(n) {
      const text = pivotValue('n', n.attributes.v)?.text ?? n.attributes.v;
      // CT_Number and CT_String have the same attributes and children: only the name and value change.
      return elementXml({ ...n, name: `${prefixOf(n.name)}s`, attributes: { ...n.attributes, v: map(text) } });
    },
    retag(name, a) {
      if (name !== 'sharedItems') return undefined;
      const out = { ...a };
      let changed = false;
      for (const bound of ['minValue', 'maxValue'] as const) {
        if (changesNumber(a[bound], map)) {
          delete out[bound];
          changed = true;
        }
      }
      if (madeText.has(field)) {
        // Both default to true: a field that holds texts.
        delete out.containsSemiMixedTypes;
        delete out.containsString;
        if (isTrue(a.containsNumber) || isTrue(a.containsDate)) out.containsMixedTypes = '1';
        changed = true;
      }
      return changed ? out : undefined;
    },
    mapText: map,
  };
}

function isTrue(flag: string | undefined): boolean {
  return flag === '1' || flag === 'true';
}
