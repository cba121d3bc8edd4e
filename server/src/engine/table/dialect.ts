import type { FileKind } from '../types';

/** The shape of a CSV/TSV text: its delimiter, its header row if it has one, its width. */
export interface TableHeader {
  delimiter: number;
  /** Header cells, trimmed and unquoted; undefined when the first row is data. */
  names: string[] | undefined;
  /** Fields in a well-formed row (the first row's count). */
  fields: number;
  /** Offset in the text where each cell of the first row starts (for notices about a column). */
  starts: number[];
}

const CANDIDATES = [',', '\t', ';', '|'];
/** How much of the text the delimiter is guessed from. */
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_RECORDS = 50;

/**
 * Reads the dialect of a CSV/TSV text from its first records. The delimiter (`,` tab `;` `|`) is
 * the one that splits the sample into the same number of fields, more than one, in the most
 * rows; quoted fields may hold delimiters, doubled quotes and line breaks. (A hand-written
 * sampler: the CSV libraries we looked at parse whole records into strings, and the scan must
 * stay a single pass over the code units; see cursor.ts.)
 */
export function readTableHeader(text: string, kind: FileKind): TableHeader | undefined {
  if (kind !== 'csv' && kind !== 'tsv') return undefined;
  const sample = text.slice(text.charCodeAt(0) === 0xfeff ? 1 : 0, SAMPLE_CHARS);
  let best: { delimiter: string; records: string[][]; score: number } | undefined;
  for (const delimiter of kind === 'tsv' ? ['\t'] : CANDIDATES) {
    const records = parseRecords(sample, delimiter, SAMPLE_RECORDS, sample.length < text.length);
    const score = consistency(records);
    if (!best || score > best.score) best = { delimiter, records, score };
  }
  const first = best!.records[0] ?? [''];
  // A header row names its columns: every non-empty cell has something besides digits.
  const isHeader = first.length > 1 && first.every((c) => c === '' || /[^\d\s.+-]/.test(c));
  const delimiter = best!.delimiter.charCodeAt(0);
  return { delimiter, names: isHeader ? first.map((c) => c.trim()) : undefined, fields: first.length, starts: cellStarts(text, delimiter, first.length) };
}

/** Where the first row's cells start: after each delimiter outside quotes. */
function cellStarts(text: string, delimiter: number, count: number): number[] {
  const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
  let quoted = false;
  for (let i = starts[0]; i < text.length && starts.length < count; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === delimiter && !quoted) starts.push(i + 1);
    else if (c === 10 && !quoted) break;
  }
  return starts;
}

/** Rows with the most common field count (> 1), weighted by that count so a wider split wins ties. */
function consistency(records: string[][]): number {
  const byCount = new Map<number, number>();
  for (const r of records) byCount.set(r.length, (byCount.get(r.length) ?? 0) + 1);
  let score = 0;
  for (const [fields, rows] of byCount) if (fields > 1) score = Math.max(score, rows * 1000 + fields);
  return score;
}

/** Up to `max` records, parsed per RFC 4180 (quotes open a field only at its start). */
export function parseRecords(text: string, delimiter: string, max = Infinity, truncated = false): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let cur = '';
  let quoted = false;
  let fieldStart = true;
  let i = 0;
  for (; i < text.length && records.length < max; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cur += ch;
      else if (text[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (ch === delimiter) {
      fields.push(cur);
      cur = '';
      fieldStart = true;
    } else if (ch === '\n') {
      fields.push(cur.endsWith('\r') ? cur.slice(0, -1) : cur);
      if (fields.length > 1 || fields[0] !== '') records.push(fields);
      fields = [];
      cur = '';
      fieldStart = true;
    } else {
      cur += ch;
      fieldStart = false;
    }
  }
  // The last record counts unless the sample cut it short.
  if (records.length < max && !truncated && (fields.length || cur)) records.push([...fields, cur.endsWith('\r') ? cur.slice(0, -1) : cur]);
  return records;
}
