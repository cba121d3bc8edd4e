// The values a workbook redaction replaces in its cells, kept to replace them wherever else they
// appear: a hyperlink's target, a comment, a chart's or a pivot table's cached copy of the cells.
// Held in memory for the one redaction and never written. A value is matched whole, as a token:
// not preceded or followed by an ASCII letter or digit (the engine's own boundaries).
import { Transform } from 'node:stream';
import { own } from './xml';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const isWordCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** How many letters and digits follow one another from text[i]. */
function wordRun(text: string, i: number): number {
  let end = i;
  while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
  return end - i;
}

export class RawValues {
  private readonly replacements = new Map<string, string>();
  /**
   * The values' lengths, longest first, by the length of the run of letters and digits each starts
   * with: a value can start at a place only if the text's run there is as long, so most places (a
   * shared string's index, a row number) are passed over without a slice or a lookup.
   */
  private readonly lengthsByRun = new Map<number, number[]>();
  private longestLength = 0;
  /** One bit per first code unit below 128 (values start with a letter or digit). */
  private readonly first = new Uint8Array(16);

  get size(): number {
    return this.replacements.size;
  }

  get longest(): number {
    return this.longestLength;
  }

  /** The first replacement given for a value is kept: one value, one replacement everywhere. */
  add(raw: string, replacement: string): void {
    if (raw === '' || this.replacements.has(raw) || !isWordCode(raw.charCodeAt(0))) return;
    // Kept for the whole redaction: a slice of a cell's text would keep the chunk it was read from.
    this.replacements.set(own(raw), replacement);
    const run = wordRun(raw, 0);
    const lengths = this.lengthsByRun.get(run) ?? [];
    if (!lengths.includes(raw.length)) this.lengthsByRun.set(run, [...lengths, raw.length].sort((a, b) => b - a));
    this.longestLength = Math.max(this.longestLength, raw.length);
    const c = raw.charCodeAt(0);
    this.first[c >>> 3] |= 1 << (c & 7);
  }

  /**
   * Passes the replacement of each value in `text` through `adapt`, for every part alike: a value
   * in a sheet's name is replaced in the name and in the formulas that name the sheet, and both
   * must read the same.
   */
  adaptIn(text: string, adapt: (replacement: string) => string): void {
    for (let i = 0; i < text.length; i++) {
      if (i > 0 && isWordCode(text.charCodeAt(i - 1))) continue;
      const raw = this.valueAt(text, i, true);
      if (raw !== undefined) this.replacements.set(raw, adapt(this.replacements.get(raw)!));
    }
  }

  /** `text` with every value replaced. */
  replaceAll(text: string): string {
    return this.size ? this.scan(text, 0, text.length, true).out : text;
  }

  /**
   * A formula's text with every value replaced. A number that holds a value
   * (`IF(C1=13800138000,…)`) becomes its new text in quotes, since a placeholder or a mask in its
   * place would not be a formula Excel can read; in a text in quotes, a replacement has its quotes
   * doubled. Names and references (a renamed sheet's) are replaced as they are.
   */
  replaceInFormula(formula: string): string {
    // Most formulas hold no value: as cheap as replaceAll for them.
    if (this.countIn(formula) === 0) return formula;
    let out = '';
    // Texts in quotes (`""` inside), quoted sheet names (`''` inside), and what lies between.
    for (const [part, quote] of formulaParts(formula)) {
      // (A quote left open, which Excel never writes, is taken as it is: nothing is lost.)
      if (quote === '"' && part.length > 1 && part.endsWith('"')) out += `"${this.replaceAll(part.slice(1, -1)).replace(/"/g, '""')}"`;
      else if (quote) out += this.replaceAll(part);
      else {
        // Between numbers, as in any text: a number ends where no value can start.
        let last = 0;
        for (const m of part.matchAll(NUMBER)) {
          const now = this.replaceAll(m[0]);
          if (now === m[0]) continue;
          out += `${this.replaceAll(part.slice(last, m.index))}"${now.replace(/"/g, '""')}"`;
          last = m.index! + m[0].length;
        }
        out += this.replaceAll(part.slice(last));
      }
    }
    return out;
  }

  /** How many values `text` holds. */
  countIn(text: string): number {
    return this.size ? this.scan(text, 0, text.length, true).found : 0;
  }

  /**
   * Replaces the values that start in text[0, limit) (the rest is scanned later, with more text
   * after it). `before`: the code unit before text[0], for the boundary. Returns the text
   * consumed (replaced), how far it goes, and how many values were found.
   */
  private scan(text: string, before: number, limit: number, final: boolean, xml = false): { out: string; consumed: number; found: number } {
    let out = '';
    let copied = 0;
    let found = 0;
    let i = 0;
    while (i < limit) {
      const c = text.charCodeAt(i);
      const prev = i === 0 ? before : text.charCodeAt(i - 1);
      if (c >= 128 || (this.first[c >>> 3] & (1 << (c & 7))) === 0 || isWordCode(prev)) {
        i++;
        continue;
      }
      const raw = this.valueAt(text, i, final);
      if (raw === undefined) {
        i++;
        continue;
      }
      const replacement = this.replacements.get(raw)!;
      out += text.slice(copied, i) + (xml ? escapeXml(replacement) : replacement);
      copied = i += raw.length;
      found++;
    }
    const consumed = Math.max(copied, limit);
    return { out: out + text.slice(copied, consumed), consumed, found };
  }

  /**
   * The longest value starting at text[i] and ending at a token's end, or undefined. At the end of
   * `text` a value counts only if `final` (else more text may follow it).
   */
  private valueAt(text: string, i: number, final: boolean): string | undefined {
    const lengths = this.lengthsByRun.get(wordRun(text, i));
    if (lengths === undefined) return undefined;
    for (const length of lengths) {
      const end = i + length;
      if (end > text.length || (end === text.length && !final)) continue;
      if (end < text.length && isWordCode(text.charCodeAt(end))) continue;
      const raw = text.slice(i, end);
      if (this.replacements.has(raw)) return raw;
    }
    return undefined;
  }

  /**
   * A stream of XML text (UTF-8 bytes in, out) with the values replaced, escaped for XML (a
   * placeholder may hold `<` or `&`); values across chunks included.
   */
  replaceStream(onFound?: (count: number) => void): Transform {
    let carry = '';
    let before = 0;
    const self = this;
    const decoder = new TextDecoder('utf-8');
    return new Transform({
      transform(chunk: Buffer, _encoding, done) {
        const text = carry + decoder.decode(chunk, { stream: true });
        // A value starting in the last `longest` code units may go on in the next chunk.
        const limit = Math.max(0, text.length - self.longest - 1);
        const r = self.scan(text, before, limit, false, true);
        if (r.consumed > 0) before = text.charCodeAt(r.consumed - 1);
        carry = text.slice(r.consumed);
        if (r.found) onFound?.(r.found);
        done(null, Buffer.from(r.out, 'utf8'));
      },
      flush(done) {
        const text = carry + decoder.decode();
        const r = self.scan(text, before, text.length, true, true);
        if (r.found) onFound?.(r.found);
        done(null, Buffer.from(r.out, 'utf8'));
      },
    });
  }
}

/** A number literal of its own in a formula (digits, a decimal part, an exponent): not part of a name, a cell reference or a sheet's name. */
const NUMBER = /(?<![\p{L}\p{N}_.$!:])\d+(?:\.\d+)?(?:[Ee][+-]?\d+)?(?![\p{L}\p{N}_.$!:(])/gu;

/** A formula cut into texts in quotes (`"…"`, `""` inside), quoted sheet names (`'…'`) and what lies between: [part, its quote]. */
function formulaParts(formula: string): [string, string][] {
  const out: [string, string][] = [];
  let from = 0;
  for (let i = 0; i < formula.length; i++) {
    const q = formula[i];
    if (q !== '"' && q !== "'") continue;
    let j = i + 1;
    for (; j < formula.length; j++) {
      if (formula[j] !== q) continue;
      if (formula[j + 1] === q) j++;
      else break;
    }
    if (i > from) out.push([formula.slice(from, i), '']);
    out.push([formula.slice(i, j + 1), q]);
    from = j + 1;
    i = j;
  }
  if (from < formula.length) out.push([formula.slice(from), '']);
  return out;
}
