import type { FileKind } from '../types';

/**
 * CSV/TSV column lookup for values met in text order: a cursor walks forward from the last value,
 * counting delimiters outside quotes and resetting at line breaks, so finding the columns of all
 * values costs one pass over the text, not one walk back per value.
 */
export class ColumnCursor {
  private pos: number;
  private column = 0;
  private quoted = false;

  constructor(
    private readonly text: string,
    private readonly delimiter: number,
    /** Must be a line start. */
    from: number,
  ) {
    this.pos = from;
  }

  /** 0-based column of the value starting at `offset` (offsets must not decrease). */
  columnAt(offset: number): number {
    const text = this.text;
    const delimiter = this.delimiter;
    let column = this.column;
    let quoted = this.quoted;
    for (let i = this.pos; i < offset; i++) {
      const c = text.charCodeAt(i);
      if (c === delimiter) {
        if (!quoted) column++;
      } else if (c === 34) quoted = !quoted;
      else if (c === 10) {
        column = 0;
        quoted = false;
      }
    }
    this.pos = offset;
    this.column = column;
    this.quoted = quoted;
    return column;
  }
}

/** The header row of a CSV/TSV text, if it has one, and its delimiter. */
export interface TableHeader {
  delimiter: number;
  /** Header cells, trimmed; undefined when the first row is data. */
  names: string[] | undefined;
}

export function readTableHeader(text: string, kind: FileKind): TableHeader | undefined {
  if (kind !== 'csv' && kind !== 'tsv') return undefined;
  let eol = text.indexOf('\n');
  if (eol === -1) eol = text.length;
  const first = text.slice(text.charCodeAt(0) === 0xfeff ? 1 : 0, eol).replace(/\r$/, '');
  const delimiter = kind === 'tsv' ? '\t' : guessDelimiter(first);
  const cells = splitLine(first, delimiter);
  // A header row names its columns: every non-empty cell has something besides digits.
  const isHeader = cells.length > 1 && cells.every((c) => c === '' || /[^\d\s.+-]/.test(c));
  return { delimiter: delimiter.charCodeAt(0), names: isHeader ? cells.map((c) => c.trim()) : undefined };
}

function guessDelimiter(line: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    const count = line.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}
