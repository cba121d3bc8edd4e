// A SpreadsheetML string element, as a redaction's rewrite collects it (`si` in the shared
// strings, a cell's or a logged cell's `is`, a note's `text`): its text read, and written anew.
import { prefixOf } from './stream/xml';
import { childrenNamed, elementXml, escapeText, textOf, type XmlElement } from './stream/xmlRewrite';

/** Its text as a cell shows it: its own `t`, then its rich text runs' (phonetic guides, `rPh`, left out). */
export function stringText(e: XmlElement): string {
  return childrenNamed(e, 't').map(textOf).join('') + childrenNamed(e, 'r').map(runText).join('');
}

/**
 * A string element (`si`, or a cell's `is`) holding `text`. Rich text keeps its runs when the new
 * text has the old length (a mask), each run its share; else one plain run. Phonetic guides go:
 * they spell the old text.
 */
export function stringXml(name: string, old: XmlElement | undefined, text: string): string {
  const prefix = prefixOf(name);
  const runs = old ? childrenNamed(old, 'r') : [];
  const plain = `<${prefix}t xml:space="preserve">${escapeText(text)}</${prefix}t>`;
  if (runs.length === 0 || runs.reduce((n, r) => n + runText(r).length, 0) !== text.length) return `<${name}>${plain}</${name}>`;
  let at = 0;
  let out = `<${name}>`;
  for (const r of runs) {
    const length = runText(r).length;
    const props = childrenNamed(r, 'rPr')[0];
    out += `<${r.name}>${props ? elementXml(props) : ''}<${prefix}t xml:space="preserve">${escapeText(text.slice(at, at + length))}</${prefix}t></${r.name}>`;
    at += length;
  }
  return `${out}</${name}>`;
}

/** A rich text run's text. */
function runText(r: XmlElement): string {
  return childrenNamed(r, 't').map(textOf).join('');
}
