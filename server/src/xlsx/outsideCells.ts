// Values in a workbook outside its cells' values (Within): a sheet's name, a formula's texts in
// quotes, a data validation's input message or error alert, a hyperlink, a conditional format's
// rule, a filter's criteria (a sheet's, a table's, a pivot table's), a header or footer, a
// comment, a text box or chart, a defined name's constant, a linked workbook's cell kept in this
// one, a pivot table's cached copy of its source, a chart's cached copy of its cells, a shared
// string no cell shows, a data connection's settings, a shared workbook's change history, a
// what-if scenario, a document property, and last any other part of the file (otherParts.ts).
// Each text is scanned as plain text, with the context it has of its own
// (`身份证：…` in a comment), and its findings are placed where a report can name them.
import type { Engine } from '../engine/engine';
import type { Confidence, Finding } from '../engine/types';
import { cellRef, columnName, rangeStart, sheetRef } from './cells';
import { workbookWide, type CellFinding, type Place, type Within } from './sheetScan';
import { readSheetName } from './sheetNames';
import { chartLabel, scanChartCache } from './chartCacheScan';
import type { CopyScanContext } from './copyScan';
import { scanPivotCache } from './pivotCacheScan';
import { readComments } from './stream/comments';
import { readDrawingText } from './stream/drawingText';
import { readExternalCells } from './stream/externalLinks';
import { readConnections } from './stream/connections';
import { readProperties } from './stream/properties';
import { readRevisionCells } from './stream/revisions';
import { readFilterCriteria } from './stream/filterCriteria';
import { readPartText } from './stream/otherParts';
import type { SheetText, StreamedCell } from './stream/sheetRows';
import type { SheetPart, WorkbookParts } from './stream/workbookParts';
import type { ZipParts } from './stream/zipParts';

/** Each finding, with the text its offsets are in (raw: never to be reported) and the sheet's index (-1: none). */
export type OnFinding = (finding: CellFinding, cell: StreamedCell, sheet: number) => void;

/**
 * The values in a formula's texts in quotes (`IF(A2="…","是","否")`, or a list `"甲,乙"`): what
 * was typed, not what the formula reads from cells. A number in a formula is left alone: Excel
 * keeps 15 digits of one, and a redaction could not put a placeholder in its place.
 */
export function formulaFindings(engine: Engine, formula: string, minConfidence: Confidence): Finding[] {
  const out: Finding[] = [];
  for (const m of formula.matchAll(/"((?:[^"]|"")*)"/g)) {
    const at = m.index! + 1;
    for (const f of engine.scan(m[1], { kind: 'plain', minConfidence })) out.push({ ...f, start: f.start + at, end: f.end + at });
  }
  return out;
}

/**
 * The values in a header or footer. Its codes (`&L` left part, `&P` page number, `&"宋体,常规"`
 * font, `&12` size) become spaces first, keeping offsets, so `&L` is not read as part of a value.
 */
export function headerFooterFindings(engine: Engine, text: string, minConfidence: Confidence): Finding[] {
  const plain = text.replace(/&(?:"[^"]*"|\d+|[^"\d])/g, (code) => (code === '&&' ? code : ' '.repeat(code.length)));
  return engine.scan(plain, { kind: 'plain', minConfidence });
}

export class OutsideCells {
  constructor(
    private readonly engine: Engine,
    private readonly minConfidence: Confidence,
    private readonly onFinding: OnFinding,
    /** The values the sheets' cells hold, for the pivot and chart caches (scanPivotCache, scanChartCache). */
    private readonly inCells?: ReadonlySet<string>,
  ) {}

  /** A sheet's values outside its cells, `shown` its name as reports show it (sheetNames.ts). */
  sheet(index: number, part: SheetPart, shown: string): SheetOutside {
    return new SheetOutside(this, index, part, shown);
  }

  /**
   * After the sheets: the defined names' constants, the linked workbooks' cells kept here, the
   * pivot caches, the charts' caches, the data connections, the change history, then the
   * document's properties.
   */
  async workbook(zip: ZipParts, parts: WorkbookParts): Promise<void> {
    // A name, a linked workbook's or sheet's name or a custom property's name is shown as a sheet's is: with its values masked.
    const shown = (name: string) => readSheetName(name, this.engine, this.minConfidence).shown;
    // A text's findings (a plain scan's by default), reported at `ref()`, worked out only when there are some.
    const reportAt = (text: string, ref: () => string, within: Within, found = this.plain(text)) => {
      if (found.length) this.report(found, text, workbookWide(ref()), within, -1);
    };
    for (const { name, formula } of parts.definedNames) this.report(this.formula(formula), formula, workbookWide(shown(name)), 'definedName', -1);
    for (const link of parts.externalLinks) {
      const book = shown(link.book);
      await readExternalCells(zip, link.path, (sheet, ref, text) => reportAt(text, () => cellRef(`[${book}]${shown(sheet)}`, ref), 'externalLink'));
    }
    const copies: CopyScanContext = { engine: this.engine, minConfidence: this.minConfidence, shown, inCells: this.inCells ?? new Set(), onFinding: (f, cell) => this.onFinding(f, cell, -1) };
    for (const cache of parts.pivotCaches) await scanPivotCache(zip, cache, copies);
    for (const chart of parts.charts) {
      // A chart sheet's chart (or one on no sheet): its titles and labels, as a worksheet's drawings' are read.
      if (chart.apart) {
        for (const part of [chart.path, ...chart.shapes]) await readDrawingText(zip, part, (text) => reportAt(text, () => chartLabel(chart, shown), 'drawing'));
      }
      await scanChartCache(zip, chart, copies);
    }
    if (parts.connections) await readConnections(zip, parts.connections, (connection, text) => reportAt(text, () => shown(connection), 'connection'));
    // A value no cell holds now, placed at the cell it was logged for (a deleted row's, an old value's).
    const inCells = this.inCells ?? new Set<string>();
    for (const part of parts.revisions) {
      await readRevisionCells(zip, part, (sheetId, ref, text) => {
        const sheet = parts.sheetIds.get(sheetId);
        const place = () => (sheet === undefined ? ref : cellRef(shown(sheet), ref));
        reportAt(text, place, 'revision', this.plain(text).filter((f) => !inCells.has(text.slice(f.start, f.end))));
      });
    }
    for (const part of parts.properties) {
      await readProperties(zip, part, (property, text) => reportAt(text, () => shown(property), 'property'));
    }
  }

  /**
   * The text parts no other reader reads whole (otherParts.ts), scanned before the rest so that
   * the rest can tell which of their values it finds too (PartValues); reported after it. A part
   * that cannot be read fails the scan once the rest is read, as a sheet that breaks does.
   */
  async otherParts(zip: ZipParts, parts: readonly string[]): Promise<PartValues> {
    const found: PartValues['found'] = [];
    let broken: unknown;
    for (const part of parts) {
      try {
        const text = await readPartText(zip, part);
        const findings = this.plain(text);
        if (findings.length) found.push({ part, text, findings });
      } catch (e) {
        broken ??= e;
      }
    }
    return new PartValues(this, found, broken);
  }

  plain(text: string): Finding[] {
    return this.engine.scan(text, { kind: 'plain', minConfidence: this.minConfidence });
  }

  formula(text: string): Finding[] {
    return formulaFindings(this.engine, text, this.minConfidence);
  }

  headerFooter(text: string): Finding[] {
    return headerFooterFindings(this.engine, text, this.minConfidence);
  }

  /**
   * The shared strings no cell shows (`shown[i]` 0), which a writer that never prunes its string
   * table leaves behind: Apache POI keeps every string ever written, so a cell overwritten or a row
   * removed by a program (a template filled in, a column blanked out) leaves its old text there.
   * Each carries its index, so that a redaction rewrites it whole, as one a cell shows.
   */
  unshownStrings(strings: readonly string[], shown: Uint8Array): void {
    for (let i = 0; i < strings.length; i++) {
      if (shown[i]) continue;
      const text = strings[i];
      const found = this.plain(text);
      if (found.length) this.report(found, text, workbookWide(String(i + 1)), 'sharedString', -1, { row: i + 1, column: 1, text, numeric: false, mangled: false, shared: i });
    }
  }

  /** One cell object for all the findings of a text: their offsets are in it (a redaction groups them by it). */
  report(findings: readonly Finding[], text: string, at: Place, within: Within, sheet: number, cell: StreamedCell = { row: at.row, column: at.column, text, numeric: false, mangled: false }): void {
    for (const f of findings) this.onFinding({ ruleId: f.ruleId, start: f.start, end: f.end, confidence: f.confidence, ...at, masked: this.engine.masked(text, f), within }, cell, sheet);
  }
}

/**
 * The values found in the parts no other reader reads whole, waiting to be reported until the
 * rest of the workbook is read: only those found nowhere else are (a copy of a value found
 * elsewhere is replaced with it by a redaction, and reported there).
 */
export class PartValues {
  /** The values of `found`, until another place's finding shows one: empty in most workbooks. */
  readonly waiting = new Set<string>();

  constructor(
    private readonly out: OutsideCells,
    readonly found: { part: string; text: string; findings: Finding[] }[],
    /** Why a part could not be read, if one could not. */
    private readonly broken?: unknown,
  ) {
    for (const { text, findings } of found) for (const f of findings) this.waiting.add(text.slice(f.start, f.end));
  }

  /** A value found elsewhere (its text and offsets). */
  seen(text: string, start: number, end: number): void {
    this.waiting.delete(text.slice(start, end));
  }

  /** Reports each part's values found nowhere else, at the part's name; then throws why a part could not be read, if one could not. */
  report(): void {
    for (const { part, text, findings } of this.found) {
      const fresh = findings.filter((f) => this.waiting.has(text.slice(f.start, f.end)));
      if (fresh.length) this.out.report(fresh, text, workbookWide(part), 'part', -1);
    }
    if (this.broken !== undefined) throw this.broken;
  }
}

/**
 * One sheet's: its name's values (`name`), its formulas', hyperlinks' and header's as its rows are
 * read (`hear`; reported by `flush`, after the cells, which a sheet's scan reports a chunk late),
 * then its comments' and its drawings'.
 */
export class SheetOutside {
  private readonly heard: (() => void)[] = [];
  private readonly whole: Place;

  constructor(
    private readonly out: OutsideCells,
    private readonly index: number,
    private readonly part: SheetPart,
    private readonly shown: string,
  ) {
    this.whole = { sheet: shown, row: 1, column: 1, address: '', ref: sheetRef(shown) };
  }

  name(findings: readonly Finding[]): void {
    this.out.report(findings, this.part.name, this.whole, 'sheetName', this.index);
  }

  /** readSheetRows' onText. */
  readonly hear = (text: SheetText): void => {
    switch (text.kind) {
      case 'formula':
        return this.later(this.out.formula(text.text), text.text, this.cell(text.row, text.column), 'formula');
      case 'validationMessage':
        return this.later(this.out.plain(text.text), text.text, this.cell(text.row, text.column), 'validationMessage');
      case 'conditionalFormat':
        return this.later(text.formula ? this.out.formula(text.text) : this.out.plain(text.text), text.text, this.cell(text.row, text.column), 'conditionalFormat');
      case 'filter':
        return this.later(this.out.plain(text.text), text.text, this.cell(text.row, text.column), 'filter');
      case 'headerFooter':
        return this.later(this.out.headerFooter(text.text), text.text, this.whole, 'headerFooter');
      case 'hyperlink':
        // The address it opens (`https://hr.example/staff?id=…`) and the tip shown over it.
        for (const raw of [text.id && this.part.links.get(text.id), text.tooltip]) if (raw) this.later(this.out.plain(raw), raw, this.cell(text.row, text.column), 'hyperlink');
        return;
      case 'scenario':
        return this.later(this.out.plain(text.text), text.text, text.at ? this.cell(text.at.row, text.at.column) : this.whole, 'scenario');
    }
  };

  flush(): void {
    for (const report of this.heard.splice(0)) report();
  }

  /** Its drawings' and charts' text (readDrawingText), placed on the sheet. */
  async drawings(zip: ZipParts): Promise<void> {
    for (const part of this.part.drawings) {
      await readDrawingText(zip, part, (text) => this.out.report(this.out.plain(text), text, this.whole, 'drawing', this.index));
    }
  }

  /** Its tables' and pivot tables' filters' criteria (filterCriteria.ts), placed on the header cell of the column filtered, else the table's first cell. */
  async tables(zip: ZipParts): Promise<void> {
    for (const part of this.part.tables) {
      await readFilterCriteria(zip, part, (text, at) => this.out.report(this.out.plain(text), text, at ? this.cell(at.row, at.column) : this.whole, 'filter', this.index));
    }
  }

  async comments(zip: ZipParts): Promise<void> {
    for (const part of this.part.comments) {
      await readComments(zip, part, this.shown, (ref, text) => {
        const at = rangeStart(ref);
        if (at) this.out.report(this.out.plain(text), text, this.cell(at.row, at.column), 'comment', this.index);
      });
    }
  }

  private later(findings: Finding[], text: string, at: Place, within: Within): void {
    if (findings.length) this.heard.push(() => this.out.report(findings, text, at, within, this.index));
  }

  private cell(row: number, column: number): Place {
    const address = `${columnName(column)}${row}`;
    return { sheet: this.shown, row, column, address, ref: cellRef(this.shown, address) };
  }
}
