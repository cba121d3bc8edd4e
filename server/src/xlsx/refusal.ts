// Why a workbook redaction leaves a workbook unchanged when it can read it but not rewrite it
// safely. Pure, so the CLI and the language server can name it without loading the xlsx bundle.
import { t, type Lang } from '../l10n/messages';
import { fromWorkbook } from './fileText';

export type RefusalReason =
  /** Another document is embedded (`where`: its part): its values cannot be seen. */
  | 'embeds'
  /** A data model (`where`: its part), Power Pivot's or Power Query's: compressed tables whose values cannot be seen. */
  | 'dataModel'
  /** A cell to replace starts a shared formula (`where`: the cell): the other cells need it. */
  | 'sharedFormula'
  /** The copy still holds values that were replaced (`where`: the parts); `count` of them. */
  | 'rawLeft'
  /** A scan of the copy still finds `count` values (`where`: the first cell). */
  | 'residual'
  /** A sheet's name with its values replaced (`where`, the new name) is too long or another sheet's. */
  | 'sheetName';

export interface Refusal {
  reason: RefusalReason;
  where: string;
  count?: number;
}

export function refusalError(refusal: Refusal): Error {
  return Object.assign(new Error(`the workbook cannot be redacted safely (${refusal.reason}: ${fromWorkbook(refusal.where)})`), { refusal });
}

/** The refusal an error carries, if it is refusalError's (checked by shape: the error comes from another bundle). */
export function refusalOf(e: unknown): Refusal | undefined {
  return (e as { refusal?: Refusal } | undefined)?.refusal;
}

/** The refusal in the user's language. */
export function refusalMessage(lang: Lang, r: Refusal): string {
  switch (r.reason) {
    case 'embeds':
      return t(lang, 'redact.workbook.embeds', fromWorkbook(r.where));
    case 'dataModel':
      return t(lang, 'redact.workbook.dataModel', fromWorkbook(r.where));
    case 'sharedFormula':
      return t(lang, 'redact.workbook.sharedFormula', fromWorkbook(r.where));
    case 'rawLeft':
      return t(lang, 'redact.workbook.rawLeft', fromWorkbook(r.where), r.count ?? 0);
    case 'residual':
      return t(lang, 'redact.residual', r.count ?? 0);
    case 'sheetName':
      return t(lang, 'redact.workbook.sheetName', fromWorkbook(r.where));
  }
}
