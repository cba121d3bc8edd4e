// Why a workbook could not be read, in the user's language: a part too large to hold (oversize.ts),
// damage (damage.ts), or else the error's own words (a file that cannot be opened). Pure, so the
// CLI and the language server name it without loading the xlsx bundle.
import type { Lang } from '../l10n/messages';
import { damageMessage, damageOf } from './damage';
import { oversizeMessage, oversizeOf } from './oversize';

export function workbookErrorMessage(lang: Lang, e: unknown): string {
  const o = oversizeOf(e);
  if (o) return oversizeMessage(lang, o);
  const d = damageOf(e);
  return d ? damageMessage(lang, d) : (e as Error).message;
}
