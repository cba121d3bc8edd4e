// Rewrites a workbook part as it inflates: the tokenizer's events, with the elements a caller asks
// for (a sheet's cells, the shared strings) collected whole and replaced, and values in texts and
// attributes mapped. Only what the caller changes changes: the rest is written as it was read.
import type { Readable } from 'node:stream';
import { feedParser, localName } from './xml';
import { XmlTokenizer } from './xmlTokenizer';

/** An element collected whole: a cell or a shared string is small. */
export interface XmlElement {
  /** As written, prefix included (`x:c`). */
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

export interface RewriteHandlers {
  /** Whether to collect this element (by local name) and pass it to `replace`. */
  collect(name: string): boolean;
  /** The XML to write instead of the element collected; undefined writes it as read (anew, as XML). */
  replace(element: XmlElement): string | undefined;
  /** Seen as every element opens, collected or not (a row's number, say), before `collect`. */
  open?(name: string, attributes: Record<string, string>): void;
  /**
   * The attributes a start tag outside the elements collected is written with instead of its own
   * (then mapped); undefined keeps it as read. Seen after `open`.
   */
  retag?(name: string, attributes: Record<string, string>): Record<string, string> | undefined;
  /** Seen as every element closes, self-closing ones too. */
  close?(name: string): void;
  /** Applied to text outside the elements collected. */
  mapText?(text: string): string;
  /** Applied to attribute values outside the elements collected; `mapText` when not given. */
  mapAttribute?(value: string): string;
}

export function escapeText(s: string): string {
  return /[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s;
}

/** Tabs and line ends as character references: written plainly, a parser would read them as spaces. */
export function escapeAttribute(s: string): string {
  return /[&<"\t\n\r]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;') : s;
}

export function openTag(name: string, attributes: Record<string, string>, selfClosing = false, map: (s: string) => string = (s) => s): string {
  let out = `<${name}`;
  for (const key in attributes) out += ` ${key}="${escapeAttribute(map(attributes[key]))}"`;
  return out + (selfClosing ? '/>' : '>');
}

/** An element collected, as XML. */
export function elementXml(e: XmlElement): string {
  if (e.children.length === 0) return openTag(e.name, e.attributes, true);
  let out = openTag(e.name, e.attributes);
  for (const c of e.children) out += typeof c === 'string' ? escapeText(c) : elementXml(c);
  return `${out}</${e.name}>`;
}

/** The text of the element's children named `local` (one level down). */
export function childrenNamed(e: XmlElement, local: string): XmlElement[] {
  return e.children.filter((c): c is XmlElement => typeof c !== 'string' && localName(c.name) === local);
}

export function textOf(e: XmlElement): string {
  return e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/**
 * Reads the XML `input` gives and writes it to `output` as it goes, pausing while `output` is
 * full; rejects with an error naming `part` and where it breaks. `output` is not ended. What does
 * not change is written as it was read, byte for byte (line ends as XML reads them): a tag is
 * written anew only when a value in it changes, a text only when it does, an element collected
 * only as `replace` writes it.
 */
export async function rewriteXml(input: Readable, output: NodeJS.WritableStream, part: string, handlers: RewriteHandlers): Promise<void> {
  const map = handlers.mapText ?? ((s: string) => s);
  const mapAttribute = handlers.mapAttribute ?? map;
  let out = '';
  // The elements being collected, innermost last; empty outside them.
  const stack: XmlElement[] = [];
  // Within an element collected, each token goes (replaced by nothing); the element is written whole at its end.
  const text = (t: string) => {
    if (stack.length) {
      stack[stack.length - 1].children.push(t);
      parser.replaceToken('');
      return;
    }
    const mapped = map(t);
    if (mapped !== t) parser.replaceToken(escapeText(mapped));
  };
  // A comment or instruction within an element collected goes with it (elementXml writes neither).
  const dropWithinCollected = () => {
    if (stack.length) parser.replaceToken('');
  };
  const parser: XmlTokenizer = new XmlTokenizer({
    passthrough: (source) => {
      out += source;
    },
    processinginstruction: dropWithinCollected,
    comment: dropWithinCollected,
    opentag: (tag) => {
      const attributes = tag.attributes;
      const local = tag.local;
      handlers.open?.(local, attributes);
      if (stack.length || handlers.collect(local)) {
        const e: XmlElement = { name: tag.name, attributes, children: [] };
        stack[stack.length - 1]?.children.push(e);
        // A self-closing element gets its closetag event too.
        stack.push(e);
        parser.replaceToken('');
        return;
      }
      const retagged = handlers.retag?.(local, attributes);
      if (retagged) {
        parser.replaceToken(openTag(tag.name, retagged, tag.isSelfClosing, mapAttribute));
        return;
      }
      for (const key in attributes) {
        if (mapAttribute(attributes[key]) !== attributes[key]) {
          parser.replaceToken(openTag(tag.name, attributes, tag.isSelfClosing, mapAttribute));
          return;
        }
      }
    },
    closetag: (tag) => {
      handlers.close?.(tag.local);
      if (!stack.length) return;
      const e = stack.pop()!;
      parser.replaceToken(stack.length ? '' : (handlers.replace(e) ?? elementXml(e)));
    },
    text,
    cdata: text,
  });

  const flush = () => {
    if (!out) return true;
    const more = output.write(out);
    out = '';
    return more;
  };
  await feedParser(input, parser, part, () => {
    if (!flush()) {
      input.pause();
      output.once('drain', () => input.resume());
    }
  });
  flush();
}
