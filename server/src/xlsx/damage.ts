// A workbook that is damaged rather than too large (see oversize.ts): not a zip at all (a renamed
// CSV, an old .xls, a download cut short), a part missing or corrupt in the zip, or broken XML.
// The reader's error carries which, so that the CLI and the language server say it in the user's
// language; the reader's own words (yauzl's, the XML tokenizer's) follow as the detail. Pure, as oversize.ts.
import { t, type Lang } from '../l10n/messages';
import { fromWorkbook } from './fileText';
import { oversizeOf } from './oversize';

export type Damage =
  /** The file is not a zip archive, or its directory is cut short or corrupt. */
  | { kind: 'notZip'; detail: string }
  /** A part the workbook needs is not in the zip. */
  | { kind: 'missingPart'; part: string }
  /** Sheets the workbook lists whose part is not in the zip (`part` empty: no relationship names one); the first is named. */
  | { kind: 'missingSheet'; sheet: string; part: string; count: number }
  /** A part cannot be inflated (corrupt data, a bad checksum). */
  | { kind: 'badPart'; part: string; detail: string }
  /** A part is not well-formed XML; the detail starts with the line and column. */
  | { kind: 'badXml'; part: string; detail: string };

export function damageError(d: Damage): Error {
  return Object.assign(new Error(damageMessage('en', d)), { damage: d });
}

/**
 * An error as damage to the workbook, unless it is the system's (ENOENT, EACCES, EIO: it has a
 * `syscall`), which stays itself: the file is not damaged, it could not be read.
 */
export function asDamage(e: Error, damage: Damage): Error {
  return (e as { syscall?: string }).syscall !== undefined || oversizeOf(e) || damageOf(e) ? e : damageError(damage);
}

/** The damage an error names, if it is damageError's (checked by shape: the error may come from another bundle). */
export function damageOf(e: unknown): Damage | undefined {
  return (e as { damage?: Damage } | undefined)?.damage;
}

export function damageMessage(lang: Lang, d: Damage): string {
  switch (d.kind) {
    case 'notZip':
      return t(lang, 'workbook.notZip', fromWorkbook(d.detail));
    case 'missingPart':
      return t(lang, 'workbook.missingPart', fromWorkbook(d.part));
    case 'missingSheet': {
      const more = d.count > 1 ? t(lang, 'workbook.moreSheets', d.count - 1) : '';
      return d.part ? t(lang, 'workbook.missingSheet', fromWorkbook(d.sheet), fromWorkbook(d.part), more) : t(lang, 'workbook.missingSheetRel', fromWorkbook(d.sheet), more);
    }
    case 'badPart':
      return t(lang, 'workbook.badPart', fromWorkbook(d.part), fromWorkbook(d.detail));
    case 'badXml':
      return t(lang, 'workbook.badXml', fromWorkbook(d.part), fromWorkbook(d.detail));
  }
}
