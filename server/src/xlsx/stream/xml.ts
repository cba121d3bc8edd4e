// Event parsing of a workbook part (xmlTokenizer.ts: saxes's events, faster): the parts are read
// as they inflate, and nothing builds a tree of a sheet.
import type { Readable } from 'node:stream';
import { asDamage, damageError } from '../damage';
import { oversizeError, type TextPlace } from '../oversize';
import { XmlSyntaxError, XmlTokenizer } from './xmlTokenizer';

export interface XmlHandlers {
  /** An element opens; `name` without its namespace prefix (`x:row` → `row`). */
  open?(name: string, attributes: Record<string, string>): void;
  /** Character data, entities decoded (CDATA too); may come in several pieces. */
  text?(text: string): void;
  close?(name: string): void;
  /** Where the text being read lies (a cell), to name it if it grows too long; else its line is named. */
  textPlace?(): TextPlace | undefined;
}

/**
 * The most characters one text may have: a cell's, a shared string's, or any run of character
 * data the parser gathers. Excel holds at most 32,767 in a cell; other writers may write more, so
 * the limit is 32 times that. Without it, a small crafted zip (a cell of 300 MB of one letter
 * inflates from 300 KB) took 1 GB of memory and failed with V8's "Invalid string length".
 */
export const TEXT_LIMIT = 2 ** 20;

export const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * A copy of `s` that keeps no larger string alive. A text the parser gives is a slice of the
 * chunk it was read from (64 K characters), which V8 keeps whole while the slice lives: what is
 * held for a whole reading (the shared strings) is copied, or it holds every chunk of its part.
 * (V8 copies a string under 13 characters anyway. The JSON round trip is exact for any string
 * and makes one flat string: 400,000 rows' shared strings took 603 MB without it, 533 MB with a
 * slice of a concatenation, 391 MB with it, and no longer.)
 */
export const own = (s: string): string => (s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string));

/** `x:c` → `x:`, `c` → `` (to name a new element as its siblings are named). */
export const prefixOf = (name: string) => name.slice(0, name.length - localName(name).length);

/** Parses the XML `input` gives; rejects with an error naming `part` and where in it the XML breaks. */
export function parseXml(input: Readable, handlers: XmlHandlers, part: string): Promise<void> {
  const { open, text, close, textPlace } = handlers;
  const parser = new XmlTokenizer({
    opentag: open && ((tag) => open(tag.local, tag.attributes)),
    text,
    cdata: text,
    closetag: close && ((tag) => close(tag.local)),
  });
  return feedParser(input, parser, part, undefined, { limit: TEXT_LIMIT, place: textPlace });
}

/**
 * Feeds what `input` gives to `parser` until it ends; rejects with the first error, the parser's
 * (named after `part`, with the line and column) or a handler's. `afterChunk` runs after each
 * chunk (it may pause the input). With `text`, the parser may gather no text longer than its limit.
 */
export function feedParser(
  input: Readable,
  parser: XmlTokenizer,
  part: string,
  afterChunk?: () => void,
  text?: { limit: number; place?: () => TextPlace | undefined },
): Promise<void> {
  let failed: Error | undefined;
  const failure = (e: unknown) => (e instanceof XmlSyntaxError ? damageError({ kind: 'badXml', part, detail: e.message }) : (e as Error));
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    const stop = (e: Error) => {
      input.destroy();
      reject(e);
    };
    input.on('data', (chunk: string) => {
      try {
        parser.write(chunk);
        // The parser holds a text (or markup) back until it ends: what it holds is checked after each chunk.
        if (text && parser.pending > text.limit) {
          throw oversizeError({ part, kind: 'longText', place: text.place?.() ?? { line: parser.line }, limit: text.limit });
        }
      } catch (e) {
        failed ??= failure(e);
      }
      if (failed) stop(failed);
      else afterChunk?.();
    });
    // Named after the part; an oversize or damaged part's error names it already, and must stay itself (its message is localized from it).
    input.on('error', (e) => stop(asDamage(e, { kind: 'badPart', part, detail: e.message })));
    input.on('end', () => {
      try {
        parser.close();
      } catch (e) {
        failed ??= failure(e);
      }
      if (failed) reject(failed);
      else resolve();
    });
  });
}
