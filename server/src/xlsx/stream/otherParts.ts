// The workbook's text parts that no reader of ours reads whole: a table's definition (its totals
// row's label, its columns' names), a pivot table's (its items' custom captions), a slicer's, a
// query table's, a form control's settings, custom XML a program stored in the file, a VML
// drawing's text, the relationships (the address a shape links to). Excel keeps what was typed in
// them as it keeps a cell's value, and a redacted copy would keep it too: so each is read as
// plain text, its markup blanked, after every other place.
import { HELD_PART_LIMIT, type WorkbookParts } from './workbookParts';
import { partKey, type ZipParts } from './zipParts';

/** Parts held as text: XML, relationships, VML drawings. */
export const TEXT_PART = /\.(xml|rels|vml)$/i;

/** Parts that hold no typed value: the theme's fonts and colours. */
const NO_VALUES = /^xl\/theme\//i;

/**
 * The text parts among `names` (a zip's, in its order) that the other readers leave: all but the
 * workbook, its sheets, the shared strings, styles and calculation chain, the comments, drawings
 * and charts, the pivot caches, linked workbooks, connections, change history and properties.
 * A table or pivot table is among them, as its filters alone are read elsewhere.
 */
export function otherParts(names: readonly string[], parts: WorkbookParts): string[] {
  const read = new Set(
    [
      parts.workbook,
      parts.sharedStrings,
      parts.styles,
      parts.calcChain,
      parts.connections,
      ...parts.sheets.flatMap((s) => [s.path, ...s.comments, ...s.drawings]),
      ...parts.charts.flatMap((c) => [c.path, ...c.shapes]),
      ...parts.pivotCaches.flatMap((c) => [c.definition, c.records]),
      ...parts.externalLinks.map((l) => l.path),
      ...parts.revisions,
      ...parts.properties,
    ]
      .filter((p): p is string => p !== undefined)
      .map(partKey),
  );
  return names.filter((name) => TEXT_PART.test(name) && !NO_VALUES.test(partKey(name)) && !read.has(partKey(name)));
}

/**
 * The part's text with its markup blanked: each tag becomes spaces but for its attributes'
 * values (`<item n="…"/>`), a comment's and a CDATA section's text staying. Same length, so a
 * value's offsets in it are its offsets in the part as written, and its text is as written there
 * (a redaction replaces it in the part's text as written). GUIDs are blanked too: Excel gives
 * most elements one (`xr:uid="{…}"`), and their runs of digits read as short account numbers.
 */
export function markupBlanked(xml: string): string {
  return xml
    .replace(/<[^>]*>?/g, (tag) => {
      if (tag.startsWith('<!--') || tag.startsWith('<![CDATA[')) return tag.replace(/^<!(?:--|\[CDATA\[)|(?:--|\]\])>$/g, blank);
      return tag.replace(/"[^"]*"|'[^']*'|[^"']+/g, (piece) => (piece[0] === '"' || piece[0] === "'" ? ` ${piece.slice(1, -1)} ` : blank(piece)));
    })
    .replace(GUID, blank);
}

const GUID = /\{?[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\}?/g;
const blank = (s: string) => ' '.repeat(s.length);

/** The part's text (UTF-8, as Excel writes every part), markup blanked; at most HELD_PART_LIMIT bytes. */
export async function readPartText(zip: ZipParts, part: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.stream(part, HELD_PART_LIMIT)) chunks.push(chunk as Buffer);
  return markupBlanked(Buffer.concat(chunks).toString('utf8'));
}
