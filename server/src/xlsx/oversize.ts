// A workbook part too large to read (a zip bomb, or a damaged zip): the reader's error carries
// what it found, so the CLI and the language server say it in the user's language. Pure, so they
// can name it without loading the xlsx bundle (as refusal.ts).
import { t, type Lang } from '../l10n/messages';

export type Oversize =
  /** The zip says the part inflates to `bytes`, more than a part read whole may (`limit`). */
  | { part: string; kind: 'tooLarge'; bytes: number; limit: number }
  /** The part inflates to more than the `bytes` the zip says. */
  | { part: string; kind: 'beyondSize'; bytes: number };

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0);

export function oversizeError(o: Oversize): Error {
  return Object.assign(new Error(oversizeMessage('en', o)), { oversize: o });
}

/** The oversize part an error names, if it is oversizeError's (checked by shape: the error may come from another bundle). */
export function oversizeOf(e: unknown): Oversize | undefined {
  return (e as { oversize?: Oversize } | undefined)?.oversize;
}

/** Why the workbook could not be read, in the user's language when it is an oversize part. */
export function workbookErrorMessage(lang: Lang, e: unknown): string {
  const o = oversizeOf(e);
  return o ? oversizeMessage(lang, o) : (e as Error).message;
}

function oversizeMessage(lang: Lang, o: Oversize): string {
  return o.kind === 'tooLarge' ? t(lang, 'workbook.partTooLarge', o.part, mib(o.bytes), mib(o.limit)) : t(lang, 'workbook.partBeyondSize', o.part, o.bytes);
}
