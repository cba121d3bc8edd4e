import { columnMangledLine } from '../../l10n/describe';
import type { Lang } from '../../l10n/messages';
import { unreadMessage } from '../../xlsx/unreadParts';
import type { FileResult } from '../scanFile';

/**
 * Where a whole-file notice points: a text position (1-based line and UTF-16 column), a
 * workbook's column by sheet and letter (`Sheet1!B`: rows of a sheet are not lines of the file),
 * or the file as a whole (a workbook's part it could not read).
 */
export type NoticeLocation = { kind: 'text'; line: number; column: number } | { kind: 'sheet'; column: string } | { kind: 'file' };

/** A fact about a file as a whole rather than one value: always a warning. */
export interface FileNotice {
  ruleId: 'csv-structure' | 'excel-mangled' | 'xlsx-unread';
  message: string;
  at: NoticeLocation;
}

/**
 * What reports say once per file after its findings, in this order: where a table's structure
 * breaks, then each column whose values Excel damaged (a CSV's at its header cell on line 1),
 * then each part of a workbook whose values could not be read.
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
  for (const u of result.unread ?? []) yield { ruleId: 'xlsx-unread', message: unreadMessage(u, lang), at: { kind: 'file' } };
}
