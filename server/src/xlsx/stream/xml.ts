// Event parsing of a workbook part with saxes (a conforming, non-validating XML parser): the
// parts are read as they inflate, and nothing builds a tree of a sheet.
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';

export interface XmlHandlers {
  /** An element opens; `name` without its namespace prefix (`x:row` → `row`). */
  open?(name: string, attributes: Record<string, string>): void;
  /** Character data, entities decoded (CDATA too); may come in several pieces. */
  text?(text: string): void;
  close?(name: string): void;
}

export const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** `x:c` → `x:`, `c` → `` (to name a new element as its siblings are named). */
export const prefixOf = (name: string) => name.slice(0, name.length - localName(name).length);

/** Parses the XML `input` gives; rejects with an error naming `part` and where in it the XML breaks. */
export function parseXml(input: Readable, handlers: XmlHandlers, part: string): Promise<void> {
  const parser = new SaxesParser({ position: true });
  const { open, text, close } = handlers;
  if (open) parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes as Record<string, string>));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  return feedParser(input, parser, part);
}

/**
 * Feeds what `input` gives to `parser` until it ends; rejects with the first error, the parser's
 * (named after `part`, with the line and column) or a handler's. `afterChunk` runs after each
 * chunk (it may pause the input).
 */
export function feedParser(input: Readable, parser: SaxesParser, part: string, afterChunk?: () => void): Promise<void> {
  let failed: Error | undefined;
  parser.on('error', (e) => {
    failed ??= new Error(`${part}: ${e.message}`);
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
      } catch (e) {
        failed ??= e as Error;
      }
      if (failed) stop(failed);
      else afterChunk?.();
    });
    input.on('error', (e) => stop(new Error(`${part}: ${e.message}`)));
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
