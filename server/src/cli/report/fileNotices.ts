import { columnMangledLine } from '../../l10n/describe';
import type { Lang } from '../../l10n/messages';
import type { FileResult } from '../scanFile';

/**
 * Where a whole-file notice points: a text position (1-based line and UTF-16 column), or a
 * workbook's column by sheet and letter (`Sheet1!B`: rows of a sheet are not lines of the file).
 */
export type NoticeLocation = { kind: 'text'; line: number; column: number } | { kind: 'sheet'; column: string };

/** A fact about a file as a whole rather than one value: always a warning. */
export interface FileNotice {
  ruleId: 'csv-structure' | 'excel-mangled';
  message: string;
  at: NoticeLocation;
}

/**
 * What reports say once per file after its findings, in this order: where a table's structure
 * breaks, then each column whose values Excel damaged (a CSV's at its header cell on line 1).
 */
export function* fileNotices(result: FileResult, lang: Lang): Generator<FileNotice> {
  const { structure } = result;
  if (structure) yield { ruleId: 'csv-structure', message: structure.message, at: { kind: 'text', line: structure.line, column: structure.character } };
  for (const c of result.columns ?? []) {
    const message = columnMangledLine(c, lang);
    if (!message) continue;
    // A workbook's column letter names its sheet (`Sheet1!B`); a CSV's is a bare letter.
    const at: NoticeLocation = c.letter.includes('!') ? { kind: 'sheet', column: c.letter } : { kind: 'text', line: 1, column: c.character + 1 };
    yield { ruleId: 'excel-mangled', message, at };
  }
}
