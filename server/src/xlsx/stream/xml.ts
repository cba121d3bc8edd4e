// Event parsing of a workbook part with saxes (a conforming, non-validating XML parser): the
// parts are read as they inflate, and nothing builds a tree of a sheet.
import type { Readable } from 'node:stream';
import { EVENTS, SaxesParser, type EventName, type EventNameToHandler } from 'saxes';
import { asDamage, damageError } from '../damage';
import { oversizeError, type TextPlace } from '../oversize';

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

/** `x:c` → `x:`, `c` → `` (to name a new element as its siblings are named). */
export const prefixOf = (name: string) => name.slice(0, name.length - localName(name).length);

type ParserOptions = { position: true };
export type SaxHandlers = { [E in EventName]?: EventNameToHandler<ParserOptions, E> };

/** saxes's fields for its handlers (`on` sets them, by a computed name: see saxes.js). */
interface HandlerFields {
  xmldeclHandler: unknown;
  textHandler: unknown;
  piHandler: unknown;
  doctypeHandler: unknown;
  commentHandler: unknown;
  openTagStartHandler: unknown;
  attributeHandler: unknown;
  openTagHandler: unknown;
  closeTagHandler: unknown;
  cdataHandler: unknown;
  errorHandler: unknown;
  endHandler: unknown;
  readyHandler: unknown;
}

/**
 * A parser with the handlers given. saxes's `on` adds each handler as a property of the parser
 * under a computed name, and V8 turns an object that gets eight such properties into a slow
 * dictionary; its code for every parser then slows down (after a rewrite of a workbook, which
 * needs nine handlers, reading a sheet took 2.6 times as long). So all the fields are created
 * first, by name and in one order, and `on` only fills them: every parser has one fast shape.
 */
export function newParser(handlers: SaxHandlers): SaxesParser<ParserOptions> {
  const parser = new SaxesParser<ParserOptions>({ position: true });
  const f = parser as unknown as HandlerFields;
  f.xmldeclHandler = f.textHandler = f.piHandler = f.doctypeHandler = f.commentHandler = undefined;
  f.openTagStartHandler = f.attributeHandler = f.openTagHandler = f.closeTagHandler = undefined;
  f.cdataHandler = f.errorHandler = f.endHandler = f.readyHandler = undefined;
  for (const name of EVENTS) {
    const handler = handlers[name];
    if (handler) parser.on(name, handler as never);
  }
  return parser;
}

/** Parses the XML `input` gives; rejects with an error naming `part` and where in it the XML breaks. */
export function parseXml(input: Readable, handlers: XmlHandlers, part: string): Promise<void> {
  const { open, text, close, textPlace } = handlers;
  const parser = newParser({
    opentag: open && ((tag) => open(localName(tag.name), tag.attributes as Record<string, string>)),
    text,
    cdata: text,
    closetag: close && ((tag) => close(localName(tag.name))),
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
  parser: SaxesParser,
  part: string,
  afterChunk?: () => void,
  text?: { limit: number; place?: () => TextPlace | undefined },
): Promise<void> {
  // saxes gathers a text whole before it hands it over: its buffer is checked after each chunk.
  const gathered = parser as unknown as { text: string };
  let failed: Error | undefined;
  parser.on('error', (e) => {
    failed ??= damageError({ kind: 'badXml', part, detail: e.message });
  });
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    const stop = (e: Error) => {
      input.destroy();
      reject(e);
    };
    input.on('data', (chunk: string) => {
      try {
        parser.write(chunk);
        if (text && gathered.text.length > text.limit) {
          throw oversizeError({ part, kind: 'longText', place: text.place?.() ?? { line: parser.line }, limit: text.limit });
        }
      } catch (e) {
        failed ??= e as Error;
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
        failed ??= e as Error;
      }
      if (failed) reject(failed);
      else resolve();
    });
  });
}
