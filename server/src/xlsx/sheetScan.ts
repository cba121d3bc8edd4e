// Scans a sheet's rows as they come, with the context a CSV export of the same sheet would have:
// the column's header and the cell to the left as a label. Scans and redactions of workbooks
// both go through it (and the tests feed it exceljs's reading, to compare).
import type { Engine } from '../engine/engine';
import { CONFIDENCE } from '../engine/scan/context';
import { StreamScanner } from '../engine/stream';
import type { Confidence, Finding } from '../engine/types';
import { cellRef, columnName, type WorkbookCell } from './cells';

/** A finding in a cell; offsets are in the cell's text. Raw values stay out: `masked` only. */
export interface CellFinding {
  ruleId: string;
  /** UTF-16 offsets in the cell's text; `end` is exclusive. */
  start: number;
  end: number;
  confidence: Confidence;
  /** The sheet's name as shown: values in it masked (see sheetNames.ts). */
  sheet: string;
  row: number;
  column: number;
  /** `C5` (empty for a value in the sheet's name, header or footer, or a document property) */
  address: string;
  /**
   * `Sheet1!C5`, quoted when the sheet name needs it; for a value in the sheet's name, header or
   * footer, the sheet alone (`'张三3***4'`); for a document property, the property (`Title`).
   */
  ref: string;
  /** Where the value is when not in the cell's text: see Within. */
  within?: Within;
  masked: string;
  /** The column header the cell sits under, when it has one. */
  header?: string;
}

/**
 * Where in a workbook a value is, besides cells' text (each read by the scan and replaced by a
 * redaction, for a value there is shared with the file as much as a cell's):
 * - `sheetName`: the sheet's tab; placed on its first cell (`row` and `column` 1);
 * - `formula`: a text in quotes in the cell's formula (`IF(A2="…",…)`), or in a data validation's
 *   list, placed on the first cell it applies to: what the cached result does not show;
 * - `validationMessage`: the input message or error alert of a data validation (its title or
 *   text), placed on the first cell it applies to;
 * - `comment`: a comment (note) on the cell, or a threaded comment;
 * - `hyperlink`: the cell's hyperlink, the address it opens or its tooltip;
 * - `conditionalFormat`: a conditional format's rule, the text it looks for or a text in quotes in
 *   its formula, placed on the first cell it applies to;
 * - `filter`: a value an AutoFilter keeps (ticked in a column's drop-down, or a custom criterion),
 *   on the sheet or in a table, placed on the header cell of the column it filters; or a pivot
 *   table's label filter, placed on its first cell;
 * - `headerFooter`: the sheet's printed header or footer; placed on its first cell;
 * - `drawing`: a text box or shape on the sheet, or a chart's title or labels; placed likewise;
 * - `sharedString`: a shared string no cell shows (left in the table by the program that wrote
 *   the workbook); `ref` is its number in the table, from 1;
 * - `definedName`: a text in quotes in a defined name's formula (a constant); `ref` is the name;
 * - `externalLink`: a linked workbook's cell, as this one keeps its last value; `ref` is the cell
 *   as a formula names it (`'[员工信息.xlsx]员工'!A2`);
 * - `pivotCache`: a pivot table's cached copy of its source data; `ref` is the source cell it came
 *   from (`工资!B6`), or its column for a value at no row (`工资!B:B`) (pivotCacheScan.ts);
 * - `chartCache`: a chart's cached copy of the cells it draws; `ref` is the source cell it came
 *   from (`工资!A7`), else the source as the chart names it, else the chart's part (`chart1`)
 *   (chartCacheScan.ts);
 * - `connection`: a data connection's settings (a web query's address, a database query's
 *   command, a parameter's value, the file a text import read); `ref` is its name;
 * - `revision`: a shared workbook's change history, a cell's old or new value as logged (a
 *   deleted row's cells too); `ref` is the cell it was logged for (stream/revisions.ts);
 * - `property`: a document property (Title, Author, Company, a custom one); `ref` is the property;
 * - `part`: a part of the workbook's file no other place reads whole (a table's or a pivot table's
 *   definition, custom XML, a form control's settings: stream/otherParts.ts), a value found
 *   nowhere else; `ref` is the part's name (`xl/tables/table1.xml`).
 * The last six are placed on the first sheet's first cell, `sheet` empty. And on a sheet:
 * - `scenario`: a what-if scenario's value for a cell, placed on that cell; or its name, comment
 *   or author, placed on the sheet's first cell.
 */
export type Within = 'sheetName' | 'formula' | 'validationMessage' | 'comment' | 'hyperlink' | 'conditionalFormat' | 'filter' | 'sharedString' | 'headerFooter' | 'drawing' | 'definedName' | 'externalLink' | 'pivotCache' | 'chartCache' | 'connection' | 'revision' | 'property' | 'scenario' | 'part';

/** Where a finding outside a cell's value is reported (see CellFinding). */
export type Place = Pick<CellFinding, 'sheet' | 'row' | 'column' | 'address' | 'ref'>;

/** Where a value found outside the sheets is placed (see Within): the first sheet's first cell, `sheet` empty, named by `ref`. */
export function workbookWide(ref: string): Place {
  return { sheet: '', row: 1, column: 1, address: '', ref };
}

const MANGLED = 'excel-mangled';
/** Rows looked at for the header row (see SheetScan); rows wait in memory until it is found. */
export const HEADER_SEARCH_ROWS = 1000;
/** Text handed to the scanner at a time. */
const CHUNK_CHARS = 256 * 1024;

/**
 * The sheet is laid out as a TSV text and scanned by the engine as `tsv`, chunk by chunk, so the
 * header and label context are the engine's own, exactly as for a CSV export, and memory stays
 * flat whatever the sheet's size.
 *
 * - Line 1 is a made-up header row: the header row's cells, trimmed (a cell of digits only
 *   becomes empty so that the engine takes the line as a header), and one extra empty field so
 *   that a one-column sheet still has a header. The header row is the first row with two or more
 *   cells among the first HEADER_SEARCH_ROWS, so that a title above the table (one cell, often
 *   merged across) is passed over; else the first row.
 * - Then one line per row that has cells (the header row too: a value there is still reported),
 *   every cell in its own column, empty ones empty, so a value's column is its sheet column and
 *   the cell before it is the cell to its left (the engine's window in a table keeps to the value's
 *   cell and the one before).
 * - Tabs, line breaks and double quotes inside a cell become spaces: the same length, so an
 *   offset in the TSV minus the cell's start is an offset in the cell's own text, and no cell can
 *   open a quoted field or end a row.
 *
 * Each chunk ends at a line end, so the scanner reports its findings before the next chunk is
 * laid out; they map back to cells by a binary search over the chunk's cell starts.
 */
export class SheetScan<C extends WorkbookCell = WorkbookCell> {
  /** Rows met before the header row is known. */
  private waiting: C[][] | undefined = [];
  private scanner: StreamScanner | undefined;
  private width = 0;
  private parts: string[] = [];
  private length = 0;
  /** Absolute offset, in the sheet's TSV, of the chunk being laid out. */
  private chunkStart = 0;
  private cells: C[] = [];
  private starts: number[] = [];
  private readonly mangledRule: boolean;
  cellCount = 0;

  constructor(
    private readonly sheet: string,
    private readonly engine: Engine,
    private readonly minConfidence: Confidence,
    /** Each finding, with its cell (whose `text` is the raw value: never to be reported). */
    private readonly onFinding: (finding: CellFinding, cell: C) => void,
  ) {
    this.mangledRule = engine.rule(MANGLED) !== undefined;
  }

  /** One row's cells with text or a number, left to right; rows in sheet order. */
  row(cells: C[]): void {
    if (cells.length === 0) return;
    this.cellCount += cells.length;
    if (this.waiting) {
      this.waiting.push(cells);
      if (cells.length >= 2 || this.waiting.length >= HEADER_SEARCH_ROWS) this.begin(cells.length >= 2 ? cells : this.waiting[0]);
      return;
    }
    this.lay(cells);
  }

  end(): void {
    if (this.waiting) {
      if (this.waiting.length === 0) return;
      this.begin(this.waiting[0]);
    }
    this.flush();
    this.scanner?.end();
  }

  private begin(header: C[]): void {
    const waiting = this.waiting!;
    this.waiting = undefined;
    this.width = header[header.length - 1].column;
    const names = new Array<string>(this.width + 1).fill('');
    for (const c of header) names[c.column - 1] = /[^\d\s.+-]/.test(c.text) ? flat(c.text).trim() : '';
    const line = names.join('\t') + '\n';
    this.parts.push(line);
    this.length = line.length;
    this.scanner = new StreamScanner(this.engine, { kind: 'tsv', minConfidence: this.minConfidence }, (ruleIndex, start, end, confidence, column, _text, base) =>
      this.found(ruleIndex, base + start, base + end, confidence, column),
    );
    for (const cells of waiting) this.lay(cells);
  }

  /** Appends a row's line; hands the chunk to the scanner once it is large enough. */
  private lay(cells: C[]): void {
    let column = 1;
    for (const cell of cells) {
      const gap = '\t'.repeat(Math.max(0, cell.column - column));
      this.parts.push(gap);
      this.length += gap.length;
      this.cells.push(cell);
      this.starts.push(this.chunkStart + this.length);
      const text = flat(cell.text);
      this.parts.push(text);
      this.length += text.length;
      column = cell.column;
    }
    const rest = '\t'.repeat(Math.max(1, this.width + 1 - column)) + '\n';
    this.parts.push(rest);
    this.length += rest.length;
    if (this.length >= CHUNK_CHARS) this.flush();
  }

  private flush(): void {
    if (this.length === 0) return;
    const text = this.parts.join('');
    this.scanner!.push(text);
    this.chunkStart += text.length;
    this.parts = [];
    this.length = 0;
    this.cells = [];
    this.starts = [];
  }

  private found(ruleIndex: number, start: number, end: number, confidence: number, column: number): void {
    const at = cellAt(this.starts, start);
    if (at === -1) return; // in the made-up header line: the header row is scanned as data too
    const cell = this.cells[at];
    const from = start - this.starts[at];
    const to = Math.min(end - this.starts[at], cell.text.length);
    if (to <= from) return;
    const rule = this.engine.rules[ruleIndex];
    // A number of 16+ digits stored as a number has lost digits whatever it looks like now (the
    // zeros Excel wrote may even pass another rule's check digit): it is reported as damaged.
    const ruleId = cell.mangled && this.mangledRule ? MANGLED : rule.id;
    const local: Finding = { ruleId, start: from, end: to, confidence: CONFIDENCE[confidence] };
    const address = `${columnName(cell.column)}${cell.row}`;
    const finding: CellFinding = {
      ruleId,
      start: from,
      end: to,
      confidence: local.confidence,
      sheet: this.sheet,
      row: cell.row,
      column: cell.column,
      address,
      ref: cellRef(this.sheet, address),
      masked: this.engine.masked(cell.text, local),
    };
    const header = column >= 0 ? this.scanner?.table?.names?.[column] : undefined;
    if (header) finding.header = header;
    this.onFinding(finding, cell);
  }
}

/** Tab, CR, LF and `"` → space: the same length, and nothing that could end a TSV field or row. */
function flat(text: string): string {
  return /[\t\r\n"]/.test(text) ? text.replace(/[\t\r\n"]/g, ' ') : text;
}

/** Index of the cell whose text holds `offset` (the last start ≤ offset), or -1 before the first. */
function cellAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  if (hi < 0 || offset < starts[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
