// Parts of a workbook whose values sdguard cannot read: a scan says so, and a redaction leaves
// such a workbook unchanged (refusal.ts), since what they hold would stay whole in the copy.
// Pure, so the CLI's reports and the language server can name them without the xlsx bundle.
import { t, type Lang } from '../l10n/messages';

export type UnreadKind = 'embedded' | 'dataModel';

export interface UnreadPart {
  /** The part's name in the zip (`xl/model/item.data`). */
  part: string;
  kind: UnreadKind;
}

/** Another document embedded (an OLE object, a workbook or document pasted in). */
const EMBEDDED = /^xl\/embeddings\/[^/]/i;
/**
 * A data model: the tables Power Pivot or Power Query loaded (`xl/model/item.data`; Excel 2010's
 * add-in wrote `xl/customData/`), compressed in a format of Excel's own. A payroll loaded there
 * stays whole in the file whatever the sheets show.
 */
const DATA_MODEL = /^xl\/(model|customData)\/[^/]/i;

/** The parts among `names` (a zip's, in its order) that hold values sdguard cannot read. */
export function unreadParts(names: readonly string[]): UnreadPart[] {
  const out: UnreadPart[] = [];
  for (const part of names) {
    if (EMBEDDED.test(part)) out.push({ part, kind: 'embedded' });
    else if (DATA_MODEL.test(part)) out.push({ part, kind: 'dataModel' });
  }
  return out;
}

/** Why a workbook's part was not scanned, and what a redaction does about it. */
export function unreadMessage(u: UnreadPart, lang: Lang): string {
  return t(lang, u.kind === 'embedded' ? 'workbook.unreadEmbedded' : 'workbook.unreadDataModel', u.part);
}
