/**
 * Where a CSV/TSV parse stands at a point of the text, so a scan that starts there (the next
 * chunk of a file, an edited line in the editor) knows its column even inside a quoted field
 * that spans lines. Offsets are absolute (from the start of the whole text).
 */
export interface TableState {
  /** 0-based column of the field being read. */
  column: number;
  mode: Mode;
  /** Record (row) number, 0-based, counting the header; blank lines are not records. */
  record: number;
  /** Absolute line number (every `\n` counts, also inside quotes) and the offset it starts at. */
  line: number;
  lineStart: number;
  /** Where the quoted field being read opened (for an unclosed quote). */
  quoteLine: number;
  quoteCharacter: number;
  /** The first place the structure breaks, once seen. */
  issue?: TableIssue;
}

/** A break in the table's structure: reported once per file, scanning goes on. */
export interface TableIssue {
  kind: 'unclosed-quote' | 'ragged-row';
  /** 0-based line and UTF-16 character where it shows. */
  line: number;
  character: number;
  /** 1-based row number (the header is row 1). */
  row: number;
  /** Fields expected (the first row's) and found (ragged rows). */
  expected?: number;
  found?: number;
}

export const enum Mode {
  FieldStart = 0,
  Unquoted = 1,
  Quoted = 2,
  /** A quote inside a quoted field: it closes the field unless another quote follows. */
  QuoteInQuoted = 3,
}

export function tableStart(): TableState {
  return { column: 0, mode: Mode.FieldStart, record: 0, line: 0, lineStart: 0, quoteLine: 0, quoteCharacter: 0 };
}

/**
 * The CSV/TSV parse for values met in text order: a cursor walks forward from the last value, so
 * the columns of all values cost one pass over the text, not one walk back per value. It follows
 * RFC 4180: a quote opens a field only at the field's start, a doubled quote inside is a quote,
 * and delimiters and line breaks inside quotes belong to the field. While walking it notes the
 * first row whose field count differs from the first row's.
 */
export class TableCursor {
  private pos: number;
  private column: number;
  private mode: Mode;
  private record: number;
  private line: number;
  private lineStart: number;
  private quoteLine: number;
  private quoteCharacter: number;
  issue: TableIssue | undefined;
  // The last line feed and the last two delimiters before `pos`, quotes or not: the context
  // window stops there (see windowFloor).
  private lastLineFeed: number;
  private lastDelimiter = -1;
  private delimiterBefore = -1;

  constructor(
    private readonly text: string,
    private readonly delimiter: number,
    /** Fields in a well-formed row. */
    private readonly fields: number,
    /** Absolute offset of text[0]. */
    private readonly base: number,
    /** Must be a line start. */
    from: number,
    state: TableState,
  ) {
    this.pos = from;
    this.lastLineFeed = from - 1;
    this.column = state.column;
    this.mode = state.mode;
    this.record = state.record;
    this.line = state.line;
    this.lineStart = state.lineStart;
    this.quoteLine = state.quoteLine;
    this.quoteCharacter = state.quoteCharacter;
    this.issue = state.issue;
  }

  /** 0-based column of the value starting at `offset` (offsets must not decrease). */
  columnAt(offset: number): number {
    if (offset > this.pos) this.walkTo(offset);
    return this.column;
  }

  /** The parse state at `offset` (at or after the last value asked about). */
  stateAt(offset: number): TableState {
    if (offset > this.pos) this.walkTo(offset);
    const { column, mode, record, line, lineStart, quoteLine, quoteCharacter, issue } = this;
    return { column, mode, record, line, lineStart, quoteLine, quoteCharacter, ...(issue ? { issue } : {}) };
  }

  /**
   * Where the context window of the value at the cursor's position (the offset last asked about)
   * may start: after the last line feed, and with `twoCells` after the delimiter before last, as
   * windowStart (context.ts) finds walking back, quotes or not.
   */
  windowFloor(twoCells: boolean): number {
    return Math.max(this.lastLineFeed + 1, twoCells ? this.delimiterBefore + 1 : 0);
  }

  private walkTo(offset: number): void {
    const text = this.text;
    const delimiter = this.delimiter;
    let column = this.column;
    let mode = this.mode;
    let lastDelimiter = this.lastDelimiter;
    let delimiterBefore = this.delimiterBefore;
    for (let i = this.pos; i < offset; i++) {
      const c = text.charCodeAt(i);
      // Most of a table: inside an unquoted field, only a delimiter or a line feed changes anything.
      if (mode === Mode.Unquoted && c !== delimiter && c !== 10) continue;
      if (mode === Mode.Quoted) {
        if (c === 34) mode = Mode.QuoteInQuoted;
        else if (c === 10) this.newLine(i);
        else if (c === delimiter) {
          // Text of the field, but the context window counts it (see windowFloor).
          delimiterBefore = lastDelimiter;
          lastDelimiter = i;
        }
        continue;
      }
      if (c === delimiter) {
        column++;
        mode = Mode.FieldStart;
        delimiterBefore = lastDelimiter;
        lastDelimiter = i;
      } else if (c === 10) {
        // A blank line (nothing but maybe \r) is not a record.
        if (column !== 0 || mode !== Mode.FieldStart) this.endRecord(column + 1);
        this.newLine(i);
        column = 0;
        mode = Mode.FieldStart;
      } else if (c === 34) {
        if (mode === Mode.FieldStart) {
          mode = Mode.Quoted;
          this.quoteLine = this.line;
          this.quoteCharacter = this.base + i - this.lineStart;
        } else if (mode === Mode.QuoteInQuoted) mode = Mode.Quoted;
        // A quote inside an unquoted field is text (how Excel reads `5" disk`).
      } else if (c !== 13) mode = Mode.Unquoted;
    }
    this.pos = offset;
    this.column = column;
    this.mode = mode;
    this.lastDelimiter = lastDelimiter;
    this.delimiterBefore = delimiterBefore;
  }

  private newLine(i: number): void {
    this.lastLineFeed = i;
    this.line++;
    this.lineStart = this.base + i + 1;
  }

  private endRecord(found: number): void {
    this.record++;
    if (found !== this.fields && this.issue === undefined) {
      this.issue = { kind: 'ragged-row', line: this.line, character: 0, row: this.record, expected: this.fields, found };
    }
  }
}

/**
 * The first break in a whole table's structure, given the state at its end: a ragged row, else a
 * quote never closed (reported where it opened), else a ragged last row with no line break.
 */
export function finalIssue(state: TableState, fields: number): TableIssue | undefined {
  if (state.issue) return state.issue;
  if (state.mode === Mode.Quoted) return { kind: 'unclosed-quote', line: state.quoteLine, character: state.quoteCharacter, row: state.record + 1 };
  const found = state.column + 1;
  if ((state.column !== 0 || state.mode !== Mode.FieldStart) && found !== fields) {
    return { kind: 'ragged-row', line: state.line, character: 0, row: state.record + 1, expected: fields, found };
  }
  return undefined;
}
