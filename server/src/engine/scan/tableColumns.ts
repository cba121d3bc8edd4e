import type { FileKind } from '../types';

/**
 * Column lookup for CSV/TSV: which header a value sits under. This is a light, line-based
 * view (quotes respected within a line) that gives findings their column and context.
 */
export class TableColumns {
  private constructor(
    private readonly delimiter: number,
    readonly headers: string[] | undefined,
  ) {}

  static for(text: string, kind: FileKind): TableColumns | undefined {
    if (kind !== 'csv' && kind !== 'tsv') return undefined;
    let eol = text.indexOf('\n');
    if (eol === -1) eol = text.length;
    const first = text.slice(text.charCodeAt(0) === 0xfeff ? 1 : 0, eol).replace(/\r$/, '');
    const delimiter = kind === 'tsv' ? '\t' : guessDelimiter(first);
    const cells = splitLine(first, delimiter);
    // A header row names its columns: every non-empty cell has something besides digits.
    const isHeader = cells.length > 1 && cells.every((c) => c === '' || /[^\d\s.+-]/.test(c));
    return new TableColumns(delimiter.charCodeAt(0), isHeader ? cells.map((c) => c.trim()) : undefined);
  }

  /** 0-based column of the value starting at `offset`. */
  columnAt(text: string, offset: number): number {
    let lineStart = offset;
    while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
    let col = 0;
    let quoted = false;
    for (let i = lineStart; i < offset; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (c === this.delimiter && !quoted) col++;
    }
    return col;
  }

  headerAt(text: string, offset: number): string | undefined {
    return this.headers?.[this.columnAt(text, offset)];
  }
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
