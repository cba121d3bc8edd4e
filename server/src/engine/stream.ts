import type { CarriedState, Engine, PreparedText, ScanOptions } from './engine';
import { ALNUM, CLASS, SEPARATOR } from './scan/chars';
import { BEFORE } from './scan/context';
import { finalIssue, type TableIssue, type TableState } from './table/cursor';
import type { TableHeader } from './table/dialect';
import { lineFeedsForLoneCr } from './text/lineEnds';

/**
 * A finding from a chunked scan. Offsets are relative to `text` (the current chunk buffer),
 * whose first code unit is at absolute offset `base`; `line` and `character` are absolute and
 * 0-based (UTF-16), given when the scanner was asked to track lines.
 */
export type StreamSink = (ruleIndex: number, start: number, end: number, confidence: number, column: number, text: string, base: number, line: number, character: number) => void;

/** Longest line kept whole; a longer one is cut at a point that splits no value. */
const MAX_LINE = 1 << 20;
/** Context kept from before a forced cut, so values after it still see their hotwords. */
const OVERLAP = BEFORE + 8;

/**
 * Scans text that arrives in chunks (a file being read) with bounded memory. Each chunk is
 * scanned up to its last line break and the rest carried over, so no value, context window or
 * directive is split: the findings are those of scanning the whole text in one piece. Two
 * differences: `sdguard-ignore-file` applies from the chunk where it appears, not before it; and a
 * lone CR ends a line, as in editors and in Engine.scan (see lineFeedsForLoneCr). The `text` a sink
 * gets is the one scanned, with those CRs as LFs.
 */
export class StreamScanner {
  private carry = '';
  /** Leading code units of `carry` that were scanned already and are kept as context only. */
  private carryContext = 0;
  /** Absolute offset of carry[0]. */
  private base = 0;
  private state: CarriedState | undefined;
  private line = 0;
  /** The table's dialect and header (column names in `names`), when the text is a table. */
  table: TableHeader | undefined;
  /** Where the table's parse stands at the end of what was scanned. */
  private tableState: TableState | undefined;
  /** The first break in the table's structure, known once end() is called. */
  tableIssue: TableIssue | undefined;
  /** Absolute offset where the current line starts. */
  private lineStart = 0;

  constructor(
    private readonly engine: Engine,
    private readonly options: ScanOptions,
    private readonly sink: StreamSink,
    private readonly trackLines = false,
    /** Longest line kept whole (tests make it small to exercise forced cuts). */
    private readonly maxLine = MAX_LINE,
  ) {}

  push(chunk: string): void {
    const text = lineFeedsForLoneCr(this.carry.length ? this.carry + chunk : chunk, false);
    let cut = text.lastIndexOf('\n') + 1;
    let forced = false;
    if (cut <= this.carryContext) {
      if (text.length - this.carryContext < this.maxLine) {
        this.carry = text;
        return;
      }
      cut = safeCut(text);
      forced = true;
    }
    this.scan(text, cut);
    const keep = forced ? Math.max(this.carryContext, cut - OVERLAP) : cut;
    this.carryContext = cut - keep;
    this.base += keep;
    this.carry = text.slice(keep);
  }

  end(): void {
    this.carry = lineFeedsForLoneCr(this.carry, true);
    if (this.carry.length > this.carryContext) this.scan(this.carry, this.carry.length);
    this.carry = '';
    if (this.tableState && this.table) this.tableIssue = finalIssue(this.tableState, this.table.fields);
  }

  private scan(text: string, to: number): void {
    const from = this.carryContext;
    const prepared: PreparedText = this.engine.prepare(text, this.options, this.state);
    this.table = prepared.header;
    const base = this.base;
    const sink = this.sink;
    let line = this.line;
    let pos = from;
    let lineStart = this.lineStart;
    const track = this.trackLines;
    this.tableState = this.engine.scanTo(
      text,
      prepared,
      (ruleIndex, start, end, confidence, column) => {
        if (track) {
          for (let i = text.indexOf('\n', pos); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) {
            line++;
            lineStart = base + i + 1;
          }
          pos = start;
        }
        sink(ruleIndex, start, end, confidence, column, text, base, line, base + start - lineStart);
      },
      from,
      to,
      this.tableState ? { state: this.tableState, base } : undefined,
    );
    if (track) {
      for (let i = text.indexOf('\n', pos); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = base + i + 1;
      }
      this.line = line;
      this.lineStart = lineStart;
    }
    // What the next chunk inherits: the header, a file-wide directive, a next-line directive at the end.
    const lastLine = prepared.lines ? prepared.lines.lineOf(Math.max(from, to - 1)) : -1;
    const endsWithNewline = to > 0 && text.charCodeAt(to - 1) === 10;
    this.state = {
      header: prepared.header,
      headerContext: prepared.headerContext,
      file: prepared.directives?.file,
      firstLine: endsWithNewline && lastLine >= 0 ? prepared.directives?.lines.get(lastLine + 1) : undefined,
    };
  }
}

/** A cut point in an overlong line that splits no chain of letters, digits and separators. */
function safeCut(text: string): number {
  let cut = text.length - OVERLAP;
  while (cut > OVERLAP && (joins(text.charCodeAt(cut - 1)) || joins(text.charCodeAt(cut)))) cut--;
  return cut;
}

function joins(c: number): boolean {
  return (CLASS[c] & (ALNUM | SEPARATOR)) !== 0 || c === 40 || c === 41 || c === 43;
}
