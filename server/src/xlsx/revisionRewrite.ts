// A redaction's copy of a shared workbook's change history (stream/revisions.ts). A logged cell
// whose text holds a value replaced becomes an inline string holding the new text (a number, a
// formula's result), as a sheet's cell does: a number cannot hold a placeholder. One that names a
// shared string stays: the string is replaced in the table. Everything else is written as it was
// read, raw values replaced as in any part.
import type { RawValues } from './stream/rawValues';
import { REVISION_CELLS, revisionCellText } from './stream/revisions';
import { prefixOf } from './stream/xml';
import { childrenNamed, escapeText, openTag, textOf, type RewriteHandlers } from './stream/xmlRewrite';
import { stringText } from './stringElements';

export function revisionLogRewrite(raw: RawValues): RewriteHandlers {
  const map = (s: string) => raw.replaceAll(s);
  return {
    collect: (name) => REVISION_CELLS.has(name),
    replace(cell) {
      const v = childrenNamed(cell, 'v')[0];
      const is = childrenNamed(cell, 'is')[0];
      const text = revisionCellText({ type: cell.attributes.t, value: v ? textOf(v) : '', inline: is ? stringText(is) : '' });
      const now = text && map(text);
      if (now === text) return undefined;
      const prefix = prefixOf(cell.name);
      return `${openTag(cell.name, { ...cell.attributes, t: 'inlineStr' })}<${prefix}is><${prefix}t xml:space="preserve">${escapeText(now!)}</${prefix}t></${prefix}is></${cell.name}>`;
    },
    mapText: map,
    mapAttribute: map,
  };
}
