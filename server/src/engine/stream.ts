import type { CarriedState, Engine, PreparedText, ScanOptions } from './engine';
import { ALNUM, CLASS, SEPARATOR } from './scan/chars';
import { BEFORE } from './scan/context';
import { finalIssue, Mode, tableStart, type TableIssue, type TableState } from './table/cursor';
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
 * A piece of the text to scan: `text[from, to)`, where `text[0]` is at absolute offset `base` and
 * `text[0, from)` was scanned already (context kept before a forced cut). Every piece but the
 * last ends at a line break, unless a line was too long to keep whole.
 */
export interface ScanUnit {
  text: string;
  from: number;
  to: number;
  base: number;
}

/**
 * Cuts text that arrives in chunks into ScanUnits: each chunk up to its last line break, the rest
 * carried over to the next, so that no value, context window or directive is split. The
 * StreamScanner cuts with it, and so does a file split among threads (scanned unit by unit, as
 * one thread would).
 */
export class LineCutter {
  private carry = '';
  /** Leading code units of `carry` that were scanned already and are kept as context only. */
  private carryContext = 0;
  /** Absolute offset of carry[0]. */
  private base = 0;

  constructor(
    /** Longest line kept whole (tests make it small to exercise forced cuts). */
    private readonly maxLine = MAX_LINE,
  ) {}

  /** The unit `chunk` completes, if any. */
  push(chunk: string): ScanUnit | undefined {
    const text = lineFeedsForLoneCr(this.carry.length ? this.carry + chunk : chunk, false);
    let cut = text.lastIndexOf('\n') + 1;
    let forced = false;
    if (cut <= this.carryContext) {
      if (text.length - this.carryContext < this.maxLine) {
        this.carry = text;
        return undefined;
      }
      cut = safeCut(text);
      forced = true;
    }
    const unit = { text, from: this.carryContext, to: cut, base: this.base };
    const keep = forced ? Math.max(this.carryContext, cut - OVERLAP) : cut;
    this.carryContext = cut - keep;
    this.base += keep;
    this.carry = text.slice(keep);
    return unit;
  }

  /** The last unit: what is left (lone CRs at the very end read as line breaks too). */
  end(): ScanUnit | undefined {
    const text = lineFeedsForLoneCr(this.carry, true);
    this.carry = '';
    return text.length > this.carryContext ? { text, from: this.carryContext, to: text.length, base: this.base } : undefined;
  }
}

/**
 * Where a scan stands between two units: what the next unit inherits. A scan of a file split
 * among threads starts each part from a guess of it (see `partStart`), checked once the part
 * before is done.
 */
export interface ScanPosition {
  /** The header, a file-wide directive, a next-line directive at the end (none before the first unit). */
  state: CarriedState | undefined;
  /** Where the table's parse stands (none before the first unit, or outside a table). */
  tableState: TableState | undefined;
  /** Line (0-based) and absolute offset of the line's start, counted when lines are tracked. */
  line: number;
  lineStart: number;
}

/**
 * The position a part of a file that starts at a line start (absolute offset `base`) is guessed to
 * start at: outside quotes, with no directive carried over, and lines and records counted from
 * the part's start. Right unless the part before ends inside a quoted field or with a directive
 * (`startsAsGuessed` tells); the counts are then shifted by those before the part (`shifted`).
 */
export function partStart(header: TableHeader | undefined, base: number): ScanPosition {
  return { state: { header }, tableState: header ? { ...tableStart(), lineStart: base } : undefined, line: 0, lineStart: base };
}

/** A position reached from a `partStart` guess, with `lines` lines and `records` records before the part. */
export function shifted(p: ScanPosition, lines: number, records: number): ScanPosition {
  const t = p.tableState;
  const issue = t?.issue && { ...t.issue, line: t.issue.line + lines, row: t.issue.row + records };
  return {
    state: p.state,
    tableState: t && { ...t, record: t.record + records, line: t.line + lines, quoteLine: t.quoteLine + lines, ...(issue ? { issue } : {}) },
    line: p.line + lines,
    lineStart: p.lineStart,
  };
}

/** Whether a part that starts where `end` stands was guessed right by `partStart`. */
export function startsAsGuessed(end: ScanPosition): boolean {
  return end.state?.file === undefined && end.state?.firstLine === undefined && (end.tableState === undefined || (end.tableState.mode === Mode.FieldStart && end.tableState.column === 0));
}

/**
 * Scans text that arrives in chunks (a file being read) with bounded memory. Each chunk is
 * scanned up to its last line break and the rest carried over (see LineCutter), so no value,
 * context window or directive is split: the findings are those of scanning the whole text in one
 * piece. Two differences: `sdguard-ignore-file` applies from the chunk where it appears, not
 * before it; and a lone CR ends a line, as in editors and in Engine.scan (see lineFeedsForLoneCr).
 * The `text` a sink gets is the one scanned, with those CRs as LFs.
 */
export class StreamScanner {
  private readonly cutter: LineCutter;
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
    maxLine = MAX_LINE,
    /** Where the text starts, when it is a part of a file (see partStart); the file's start by default. */
    start?: ScanPosition,
  ) {
    this.cutter = new LineCutter(maxLine);
    if (start) {
      this.state = start.state;
      this.table = start.state?.header;
      this.tableState = start.tableState;
      this.line = start.line;
      this.lineStart = start.lineStart;
    }
  }

  push(chunk: string): void {
    const unit = this.cutter.push(chunk);
    if (unit) this.scanUnit(unit);
  }

  end(): void {
    const unit = this.cutter.end();
    if (unit) this.scanUnit(unit);
    if (this.tableState && this.table) this.tableIssue = finalIssue(this.tableState, this.table.fields);
  }

  /** Where the scan stands after what was scanned. */
  position(): ScanPosition {
    return { state: this.state, tableState: this.tableState, line: this.line, lineStart: this.lineStart };
  }

  /** Scans a unit cut elsewhere (by a LineCutter of the whole file); units must come in order. */
  scanUnit(unit: ScanUnit): void {
    const { text, from, to, base } = unit;
    const prepared: PreparedText = this.engine.prepare(text, this.options, this.state);
    this.table = prepared.header;
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
