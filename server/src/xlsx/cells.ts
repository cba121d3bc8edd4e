// What a workbook cell says, as text the engine can scan. Pure: no exceljs at run time, only the
// shapes of its cell values.
import type { CellValue } from 'exceljs';
import { columnLetter } from '../engine/table/columnLetter';
import { isKey, t, type Key, type Lang } from '../l10n/messages';
import type { Within } from './sheetScan';

/** One cell that holds text or a number. Rows and columns are 1-based, as in Excel. */
export interface WorkbookCell {
  row: number;
  column: number;
  /** The text scanned: the string as stored, or the number as Excel shows it. */
  text: string;
  /** Stored as a number (a formula's numeric result counts too). */
  numeric: boolean;
  /**
   * A number of 16 or more digits: Excel keeps 15 significant digits, so an ID or card number
   * stored this way has lost digits (or will, the next time Excel saves it).
   */
  mangled: boolean;
}

/** Numbers from here on have more digits than Excel keeps (15 significant). */
export const EXCEL_DIGITS_LIMIT = 1e15;

/**
 * The cell value's text, or undefined for empty, boolean, date and error cells. Rich text is
 * joined; a hyperlink gives its shown text; a formula gives its cached result (what the sheet
 * shows, and what a reader of the file sees).
 */
export function valueText(value: CellValue): { text: string; numeric: boolean; mangled: boolean } | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : { text: value, numeric: false, mangled: false };
  if (typeof value === 'number') return renderNumber(value);
  if (typeof value !== 'object' || value instanceof Date) return undefined;
  if ('richText' in value) return nonEmpty(richTextOf(value.richText));
  if ('hyperlink' in value) return nonEmpty(typeof value.text === 'string' ? value.text : richTextOf((value.text as { richText?: { text: string }[] })?.richText));
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    return typeof result === 'string' || typeof result === 'number' ? valueText(result) : undefined;
  }
  return undefined;
}

function richTextOf(runs: { text: string }[] | undefined): string {
  return runs ? runs.map((r) => r.text ?? '').join('') : '';
}

function nonEmpty(text: string): { text: string; numeric: boolean; mangled: boolean } | undefined {
  return text === '' ? undefined : { text, numeric: false, mangled: false };
}

/**
 * A number as Excel shows it in the formula bar (General format). From 1e15 on, Excel keeps 15
 * significant digits and pads with zeros (`110105199003071000`), which is the form the
 * `excel-mangled` rule checks most strictly (region code and birth date of an ID, the card's
 * issuer); from 1e20 on it shows scientific notation (`1.23456789012346E+25`). Smaller numbers
 * are shown as they are, rounded to 15 significant digits (`0.1 + 0.2` shows as `0.3`).
 */
export function renderNumber(n: number): { text: string; numeric: true; mangled: boolean } {
  if (!Number.isFinite(n)) return { text: String(n), numeric: true, mangled: false };
  const abs = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  if (abs < EXCEL_DIGITS_LIMIT) return { text: String(Number(n.toPrecision(15))), numeric: true, mangled: false };
  const [mantissa, exp] = abs.toExponential(14).split('e');
  const exponent = Number(exp);
  if (exponent < 20) return { text: sign + mantissa.replace('.', '').padEnd(exponent + 1, '0'), numeric: true, mangled: true };
  return { text: `${sign}${mantissa.replace(/\.?0+$/, '')}E+${exponent}`, numeric: true, mangled: true };
}

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnName(column: number): string {
  return columnLetter(column - 1);
}

/** The first cell of a reference or range list (`B2`, `B2:B100 D2`), or undefined for none. */
export function rangeStart(sqref: string): { row: number; column: number } | undefined {
  const ref = sqref.trim().split(/[\s:]/)[0];
  const column = columnOf(ref);
  const row = parseInt(ref.replace(/^\$?[A-Za-z]+\$?/, ''), 10);
  return column > 0 && row > 0 ? { row, column } : undefined;
}

/** `C5` → 3, `AA10` → 27. */
export function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  return n;
}

/**
 * A cell reference as Excel writes it in formulas: `Sheet1!C5`, `工资表!B2`, and quoted when the
 * sheet name needs it: `'My Sheet'!C5`, `'2024'!A1`, `'O''Brien'!A1`.
 */
export function cellRef(sheet: string, address: string): string {
  return `${sheetRef(sheet)}!${address}`;
}

/**
 * Where a finding is, as reports name it: its cell (`Sheet1!C5`), with where in the workbook when
 * not in the cell's value (`Sheet1!C5 (a comment)`), or the defined name or document property.
 */
export function findingPlace(f: { ref: string; within?: Within }, lang: Lang): string {
  if (!f.within) return f.ref;
  // A property known by its element's name (`creator`) is named as Excel shows it (Author, 作者).
  const label = `property.${f.ref}`;
  const ref = f.within === 'property' && isKey(label) ? t(lang, label) : f.ref;
  return t(lang, WITHIN_MESSAGES[f.within], ref);
}

const WITHIN_MESSAGES = {
  sheetName: 'workbook.inSheetName',
  formula: 'workbook.inFormula',
  validationMessage: 'workbook.inValidationMessage',
  comment: 'workbook.inComment',
  hyperlink: 'workbook.inHyperlink',
  conditionalFormat: 'workbook.inConditionalFormat',
  filter: 'workbook.inFilter',
  sharedString: 'workbook.inSharedString',
  headerFooter: 'workbook.inHeaderFooter',
  drawing: 'workbook.inDrawing',
  definedName: 'workbook.inDefinedName',
  externalLink: 'workbook.inExternalLink',
  pivotCache: 'workbook.inPivotCache',
  chartCache: 'workbook.inChartCache',
  connection: 'workbook.inConnection',
  revision: 'workbook.inRevision',
  property: 'workbook.inProperty',
  scenario: 'workbook.inScenario',
  part: 'workbook.inPart',
} as const satisfies Record<Within, Key>;

/** A sheet's name as formulas write it before `!`: quoted when it needs it. */
export function sheetRef(sheet: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet) && !/^R\d*C\d*$/i.test(sheet);
  return plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}
