// A worksheet's cells, row by row, as its part inflates: no sheet is ever held whole. What a cell
// says follows exceljs's reading of the same XML (the tests hold it to that), as scans did before
// this reader: strings shared or inline (rich text joined), a formula's cached
// result, numbers as Excel shows them; dates, booleans and errors say nothing. (An ISO date cell,
// `t="d"`, reads as its year, as exceljs reads it: no rule finds anything in four digits.)
import { columnName, columnOf, rangeStart, renderNumber, valueText, type WorkbookCell } from '../cells';
import { FilterCriteria } from './filterCriteria';
import { oversizeError } from '../oversize';
import { parseXml, TEXT_LIMIT } from './xml';
import { relationId } from './workbookParts';
import type { ZipParts } from './zipParts';

export interface SheetContext {
  /** The sheet's name (its tab), to name a cell or row in an error. */
  sheet: string;
  strings: readonly string[];
  /** For each cell style, whether it shows numbers as dates. */
  dateStyles: readonly boolean[];
}

/** A cell as the streaming reader gives it: where its text is stored, for a redaction to replace it there. */
export interface StreamedCell extends WorkbookCell {
  /** The index of its shared string, when the text is one. */
  shared?: number;
  /** It holds a formula (its text is the formula's cached result). */
  formula?: true;
}

/**
 * Which cell an element opens: a row's and a cell's `r` reference, or else the row or column
 * after the previous one (writers may leave references out). The reader and the redaction's
 * rewriter must agree on it to the cell.
 */
export class CellCursor {
  row = 0;
  column = 0;

  open(name: string, a: Record<string, string>): void {
    if (name === 'row') {
      this.row = a.r ? parseInt(a.r, 10) : this.row + 1;
      this.column = 0;
    } else if (name === 'c') this.column = (a.r && columnOf(a.r)) || this.column + 1;
  }
}

/**
 * Text of a sheet that is not a cell's value, as `onText` hears it: a formula with a text in
 * quotes (a cell's, or a data validation's list, at the first cell it applies to), the printed
 * headers and footers, the cells' hyperlinks, a conditional format's rules, a filter's criteria and
 * a what-if scenario's values.
 */
export type SheetText =
  | { kind: 'formula'; row: number; column: number; text: string }
  /** A data validation's input message or error alert (title and text), at the first cell it applies to. */
  | { kind: 'validationMessage'; row: number; column: number; text: string }
  /** A conditional format's text to look for (`text`), or its formula with a text in quotes, at the first cell it applies to. */
  | { kind: 'conditionalFormat'; row: number; column: number; text: string; formula: boolean }
  /** A value an AutoFilter keeps (filterCriteria.ts), at the header cell of the column it filters. */
  | { kind: 'filter'; row: number; column: number; text: string }
  | { kind: 'headerFooter'; text: string }
  /** A cell's hyperlink: its target by relationship id (SheetPart.links), and its tooltip. */
  | { kind: 'hyperlink'; row: number; column: number; id: string | undefined; tooltip: string | undefined }
  /** A what-if scenario's value for a cell (at the cell), or its name, comment or author (at none). */
  | { kind: 'scenario'; at?: { row: number; column: number }; text: string };

const HEADER_FOOTER = new Set(['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter']);

/** A data validation or a conditional format being read, and the texts it holds so far. */
interface Region {
  validation: boolean;
  /** The cells it applies to (`B2:B100 D2`). */
  sqref: string;
  texts: ({ kind: 'formula' | 'validationMessage'; text: string } | { kind: 'conditionalFormat'; text: string; formula: boolean })[];
}

/** A formula of a region's, kept when it holds a text in quotes. */
function regionFormula(region: Region, text: string): void {
  if (text.includes('"')) region.texts.push(region.validation ? { kind: 'formula', text } : { kind: 'conditionalFormat', text, formula: true });
}

/**
 * A region's texts, heard once each: a rule looking for a text (`containsText`) keeps it twice, as
 * its `text` and in its formula (`NOT(ISERROR(SEARCH("…",B2)))`), and is heard by its formula.
 */
function heardOf(region: Region): Region['texts'] {
  const formulas = region.texts.filter((t) => t.kind === 'conditionalFormat' && t.formula).map((t) => t.text);
  return region.texts.filter((t) => t.kind !== 'conditionalFormat' || t.formula || !formulas.some((f) => f.includes(`"${t.text.replace(/"/g, '""')}"`)));
}

/** A sheet has 16,384 columns (A to XFD): a row of more cells is no sheet's. */
export const ROW_CELL_LIMIT = 16_384;
/** The most characters the cells of one row may hold in all: a row is held whole while it is scanned. */
export const ROW_TEXT_LIMIT = 16 * TEXT_LIMIT;

/**
 * Calls `onRow` with each row's cells that hold text or a number, in sheet order. A row is held
 * whole, so one too wide or too long to hold (a crafted sheet; none that Excel writes) is an
 * error that names it, as is a cell longer than TEXT_LIMIT.
 */
export async function readSheetRows(zip: ZipParts, part: string, context: SheetContext, onRow: (cells: StreamedCell[]) => void, onText?: (text: SheetText) => void): Promise<void> {
  const { sheet, strings, dateStyles } = context;
  const at = new CellCursor();
  let cells: StreamedCell[] = [];
  // Characters held: the cell's (its text's pieces), the row's (its cells' texts).
  let cellChars = 0;
  let rowChars = 0;
  let inCell = false;
  const cellPlace = () => ({ sheet, cell: `${columnName(at.column)}${at.row}` });
  const rowPlace = () => ({ sheet, row: at.row });
  // The cell being read.
  let type = 'n';
  let style = 0;
  // The texts of a cell's <v> and of its inline string's <t>s, joined as they come (most are one piece).
  let value: string | undefined;
  let inline: string | undefined;
  let formula = false;
  // A formula of its own, or a part of a shared one (what calcChain.xml lists).
  let hasFormula = false;
  // Where text goes: 1 <v>, 2 <t> of an inline string, 3 <f>, 4 a header or footer, 5 a data
  // validation's or a conditional format's formula, 6 the cells one of those applies to.
  let into = 0;
  // The text of 3 to 6, for onText.
  let other: string[] = [];
  let otherChars = 0;
  const collect = (where: number) => {
    into = where;
    other = [];
    otherChars = 0;
  };
  // A data validation or a conditional format being read: what it holds is heard at its end, at
  // the first cell it applies to, which Excel 2010's extensions (`x14:`) give in an element after
  // the rules (`<xm:sqref>`), not as an attribute.
  let region: Region | undefined;
  // A formula is heard only with a text in quotes: a value typed into it, which its result may not show.
  const formulaHeard = (row: number, column: number) => {
    const text = other.join('');
    if (text.includes('"')) onText!({ kind: 'formula', row, column, text });
  };
  const filters = onText && new FilterCriteria((text, at) => at && onText({ kind: 'filter', ...at, text }));
  let phonetic = 0;

  const cellText = (): { text: string; numeric: boolean; mangled: boolean } | undefined => {
    // An empty <v/> is no value (as for exceljs).
    const v = value || undefined;
    if (formula || type !== 'inlineStr') {
      if (v === undefined) return undefined;
      if (type === 's' && !formula) {
        const s = strings[parseInt(v, 10)];
        return s === undefined ? undefined : valueText(s);
      }
      if (type === 'str' || type === 's') return valueText(v);
      if (type === 'b' || type === 'e') return undefined;
      if (dateStyles[style]) return undefined;
      return renderNumber(parseFloat(v));
    }
    return valueText(inline ?? '');
  };

  await parseXml(await zip.stream(part), {
    open(name, a) {
      at.open(name, a);
      switch (name) {
        case 'row':
          cells = [];
          rowChars = 0;
          return;
        case 'c': {
          inCell = true;
          cellChars = 0;
          type = a.t ?? 'n';
          style = a.s ? parseInt(a.s, 10) : 0;
          value = inline = undefined;
          formula = hasFormula = false;
          return;
        }
        case 'v':
          into = 1;
          value ??= '';
          return;
        case 'f':
          // In an extension's validation or conditional format (`<xm:f>`), its formula.
          if (region) return collect(5);
          collect(3);
          hasFormula = true;
          if (a.t === 'shared') formula = true;
          return;
        case 'dataValidation':
          region = { validation: true, sqref: a.sqref ?? '', texts: [] };
          for (const text of [a.promptTitle, a.prompt, a.errorTitle, a.error]) if (text) region.texts.push({ kind: 'validationMessage', text });
          return;
        case 'conditionalFormatting':
          region = { validation: false, sqref: a.sqref ?? '', texts: [] };
          return;
        case 'cfRule':
          if (region && a.text) region.texts.push({ kind: 'conditionalFormat', text: a.text, formula: false });
          return;
        case 'sqref':
          if (region) collect(6);
          return;
        case 'hyperlink': {
          const cell = rangeStart(a.ref ?? '');
          if (cell && onText) onText({ kind: 'hyperlink', ...cell, id: relationId(a), tooltip: a.tooltip });
          return;
        }
        case 'formula':
        case 'formula1':
        case 'formula2':
          if (region) collect(5);
          return;
        case 'scenario':
          // Data > What-If Analysis > Scenario Manager: each scenario keeps the values it puts in its cells.
          if (onText) for (const text of [a.name, a.comment, a.user]) if (text) onText({ kind: 'scenario', text });
          return;
        case 'inputCells': {
          const at = rangeStart(a.r ?? '');
          if (onText && a.val) onText({ kind: 'scenario', ...(at ? { at } : {}), text: a.val });
          return;
        }
        case 'is':
          inline ??= '';
          return;
        case 'rPh':
          phonetic++;
          return;
        case 't':
          if (inline !== undefined && phonetic === 0) into = 2;
          return;
      }
      if (HEADER_FOOTER.has(name)) collect(4);
      else filters?.open(name, a);
    },
    text(t) {
      if (into === 1) value += t;
      else if (into === 2) inline += t;
      else if (into === 3 && t.length) formula = true;
      if ((into === 1 || into === 2) && (cellChars += t.length) > TEXT_LIMIT) {
        throw oversizeError({ part, kind: 'longText', place: cellPlace(), limit: TEXT_LIMIT });
      }
      if (into >= 3 && onText) {
        if ((otherChars += t.length) > TEXT_LIMIT) {
          // A formula in a cell is named by it; a header or a list (Excel keeps 255 characters of
          // either) longer than any cell is not read further.
          if (into === 3 && inCell) throw oversizeError({ part, kind: 'longText', place: cellPlace(), limit: TEXT_LIMIT });
          return;
        }
        other.push(t);
      }
    },
    textPlace: () => (inCell ? cellPlace() : undefined),
    close(name) {
      if (into === 4 && HEADER_FOOTER.has(name)) {
        if (onText && otherChars) onText({ kind: 'headerFooter', text: other.join('') });
        into = 0;
        return;
      }
      switch (name) {
        case 'f':
          if (into === 5 && region) regionFormula(region, other.join(''));
          else if (into === 3 && inCell && onText) formulaHeard(at.row, at.column);
          into = 0;
          return;
        case 'formula':
        case 'formula1':
        case 'formula2':
          // (`<xm:f>` inside `<x14:formula1>` was heard at its own end.)
          if (into === 5 && region) regionFormula(region, other.join(''));
          into = 0;
          return;
        case 'sqref':
          if (into === 6 && region) region.sqref = other.join('');
          into = 0;
          return;
        case 'dataValidation':
        case 'conditionalFormatting': {
          const at = region && rangeStart(region.sqref);
          if (at && onText) for (const text of heardOf(region!)) onText({ ...text, ...at });
          region = undefined;
          return;
        }
        case 'v':
        case 't':
          into = 0;
          return;
        case 'rPh':
          phonetic--;
          return;
        // The one element whose end a filter's reading needs (not every element's, a sheet's millions of cells).
        case 'autoFilter':
          filters?.close(name);
          return;
        case 'c': {
          inCell = false;
          const text = cellText();
          if (!text) return;
          if ((rowChars += text.text.length) > ROW_TEXT_LIMIT) throw oversizeError({ part, kind: 'longRow', place: rowPlace(), limit: ROW_TEXT_LIMIT });
          if (cells.length === ROW_CELL_LIMIT) throw oversizeError({ part, kind: 'wideRow', place: rowPlace(), limit: ROW_CELL_LIMIT });
          const cell: StreamedCell = { row: at.row, column: at.column, text: text.text, numeric: text.numeric, mangled: text.mangled };
          if (type === 's' && !formula) cell.shared = parseInt(value!, 10);
          if (hasFormula) cell.formula = true;
          cells.push(cell);
          return;
        }
        case 'row':
          if (cells.length === 0) return;
          // Left to right, as exceljs gives them, whatever order the writer put them in.
          for (let i = 1; i < cells.length; i++) {
            if (cells[i].column < cells[i - 1].column) {
              cells.sort((x, y) => x.column - y.column);
              break;
            }
          }
          onRow(cells);
          return;
      }
    },
  }, part);
}
