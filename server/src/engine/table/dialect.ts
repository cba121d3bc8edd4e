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
/** Index in CANDIDATES of an ASCII code unit, -1 when it is none of them. */
const CANDIDATE_INDEX = new Int8Array(128).fill(-1);
CANDIDATES.forEach((d, k) => (CANDIDATE_INDEX[d.charCodeAt(0)] = k));
/** How much of the text the delimiter is guessed from. */
const SAMPLE_CHARS = 32 * 1024;
const SAMPLE_RECORDS = 30;

/**
 * Reads the dialect of a CSV/TSV text from its first records. The delimiter (`,` tab `;` `|`) is
 * the one that splits the sample into the same number of fields, more than one, in the most
 * rows; quoted fields may hold delimiters, doubled quotes and line breaks. (A hand-written
 * sampler: the CSV libraries we looked at parse whole records into strings, and the scan must
 * stay a single pass over the code units; see cursor.ts.)
 */
export function readTableHeader(text: string, kind: FileKind): TableHeader | undefined {
  if (kind !== 'csv' && kind !== 'tsv') return undefined;
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const to = Math.min(text.length, from + SAMPLE_CHARS);
  let delimiter = 9;
  if (kind === 'csv') {
    const counts = fieldCounts(text, from, to, to < text.length);
    let best = -1;
    CANDIDATES.forEach((d, k) => {
      const score = consistency(counts[k]);
      if (score > best) {
        best = score;
        delimiter = d.charCodeAt(0);
      }
    });
  }
  const starts: number[] = [];
  const first = parseRecords(text.slice(from, to), String.fromCharCode(delimiter), 1, to < text.length, starts)[0] ?? [''];
  // A header row names its columns: every non-empty cell has something besides digits.
  const isHeader = first.length > 1 && first.every((c) => c === '' || /[^\d\s.+-]/.test(c));
  return { delimiter, names: isHeader ? first.map((c) => c.trim()) : undefined, fields: first.length, starts: starts.length ? starts.map((s) => s + from) : [from] };
}

/** Rows with the most common field count (> 1), weighted by that count so a wider split wins ties. */
function consistency(counts: number[]): number {
  const byCount = new Map<number, number>();
  for (const n of counts) byCount.set(n, (byCount.get(n) ?? 0) + 1);
  let score = 0;
  for (const [fields, rows] of byCount) if (fields > 1) score = Math.max(score, rows * 1000 + fields);
  return score;
}

/**
 * Fields per record of text[from, to) for each candidate delimiter, up to SAMPLE_RECORDS, in one
 * pass (the dialect is read for every file, so no cell strings are built here). A quote opens a
 * field after a line break or any candidate delimiter.
 */
function fieldCounts(text: string, from: number, to: number, truncated: boolean): number[][] {
  const counts: number[][] = CANDIDATES.map(() => []);
  const fields = CANDIDATES.map(() => 1);
  let records = 0;
  let quoted = false;
  let fieldStart = true;
  let blank = true;
  for (let i = from; i < to && records < SAMPLE_RECORDS; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else quoted = false;
      }
      continue;
    }
    const k = c < 128 ? CANDIDATE_INDEX[c] : -1;
    if (k >= 0) {
      fields[k]++;
      fieldStart = true;
      blank = false;
    } else if (c === 10) {
      if (!blank) {
        for (let d = 0; d < fields.length; d++) counts[d].push(fields[d]);
        records++;
      }
      fields.fill(1);
      fieldStart = true;
      blank = true;
    } else if (c === 34 && fieldStart) {
      quoted = true;
      fieldStart = false;
      blank = false;
    } else if (c !== 13) {
      fieldStart = false;
      blank = false;
    }
  }
  if (!blank && !truncated && records < SAMPLE_RECORDS) for (let d = 0; d < fields.length; d++) counts[d].push(fields[d]);
  return counts;
}

/**
 * Up to `max` records, parsed per RFC 4180 (quotes open a field only at its start). `firstStarts`,
 * when given, receives where the fields of a record on the first line start (offsets in `text`;
 * nothing when the first line is blank).
 */
export function parseRecords(text: string, delimiter: string, max = Infinity, truncated = false, firstStarts?: number[]): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let cur = '';
  let quoted = false;
  let fieldStart = true;
  /** Where the fields of the first line's record start, while it is being read. */
  let starts: number[] | undefined = firstStarts && [0];
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
      starts?.push(i + 1);
    } else if (ch === '\n') {
      fields.push(cur.endsWith('\r') ? cur.slice(0, -1) : cur);
      if (fields.length > 1 || fields[0] !== '') records.push(fields);
      // Only a record on the first line gives starts: editors place them on line 0.
      if (starts && records.length === 1) firstStarts!.push(...starts);
      starts = undefined;
      fields = [];
      cur = '';
      fieldStart = true;
    } else {
      cur += ch;
      fieldStart = false;
    }
  }
  // The last record counts unless the sample cut it short.
  if (records.length < max && !truncated && (fields.length || cur)) {
    records.push([...fields, cur.endsWith('\r') ? cur.slice(0, -1) : cur]);
    if (starts && records.length === 1) firstStarts!.push(...starts);
  }
  return records;
}
