// The document's properties, as File > Info shows them and as they travel with the file: the
// core ones (`docProps/core.xml`: Title, Subject, Author, Keywords, Comments...), the extended
// ones (`docProps/app.xml`: Company, Manager...) and custom ones (`docProps/custom.xml`).
import { parseXml, TEXT_LIMIT } from './xml';
import type { ZipParts } from './zipParts';

/**
 * The extended properties that list the sheets' names (read as names: sheetNames.ts) and the
 * parts' titles: not read here, else a value in a sheet's name would be found twice.
 */
const LISTS = new Set(['HeadingPairs', 'TitlesOfParts']);

/**
 * Calls `onProperty` with each property that has text: by its element's name (`title`,
 * `creator`, `Company`) or, for a custom one, by the name it was given (and with that name as a
 * text too).
 */
export async function readProperties(zip: ZipParts, part: string, onProperty: (name: string, text: string) => void): Promise<void> {
  let depth = 0;
  let name: string | undefined;
  let text: string[] = [];
  let chars = 0;
  await parseXml(await zip.stream(part), {
    open(local, a) {
      if (++depth !== 2) return;
      // A custom property is `<property name="…"><vt:lpwstr>…</vt:lpwstr></property>`; its name,
      // which the user typed as well, is read as a text of its own first.
      name = LISTS.has(local) ? undefined : local === 'property' ? (a.name ?? '') : local;
      if (local === 'property' && name) onProperty(name, name);
      text = [];
      chars = 0;
    },
    text(t) {
      // A property longer than any cell is not read further (Excel keeps 255 characters of one).
      if (depth >= 2 && name !== undefined && (chars += t.length) <= TEXT_LIMIT) text.push(t);
    },
    close() {
      if (depth-- !== 2 || name === undefined) return;
      const value = text.join('').trim();
      if (value) onProperty(name, value);
      name = undefined;
    },
  }, part);
}
