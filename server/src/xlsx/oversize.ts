// A workbook part too large to read (a zip bomb, or a damaged zip), or text in it too long to hold
// (a crafted cell or row): the reader's error carries what it found, so the CLI and the language
// server say it in the user's language. Pure, so they can name it without loading the xlsx bundle
// (as refusal.ts).
import { t, type Lang } from '../l10n/messages';
import { cellRef } from './cells';
import { fromWorkbook } from './fileText';

/** Where a text too long lies: a line of a part, a shared string (by index), a cell, or a row of a sheet. */
export type TextPlace = { line: number } | { sharedString: number } | { sheet: string; cell: string } | { sheet: string; row: number };

export type Oversize =
  /** The zip says the part inflates to `bytes`, more than a part read whole may (`limit`). */
  | { part: string; kind: 'tooLarge'; bytes: number; limit: number }
  /** The part inflates to more than the `bytes` the zip says. */
  | { part: string; kind: 'beyondSize'; bytes: number }
  /** A text (a cell's, a shared string) of more than `limit` characters. */
  | { part: string; kind: 'longText'; place: TextPlace; limit: number }
  /** A row of more than `limit` characters in all. */
  | { part: string; kind: 'longRow'; place: TextPlace; limit: number }
  /** A row of more than `limit` cells. */
  | { part: string; kind: 'wideRow'; place: TextPlace; limit: number };

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0);

export function oversizeError(o: Oversize): Error {
  return Object.assign(new Error(oversizeMessage('en', o)), { oversize: o });
}

/** The oversize part an error names, if it is oversizeError's (checked by shape: the error may come from another bundle). */
export function oversizeOf(e: unknown): Oversize | undefined {
  return (e as { oversize?: Oversize } | undefined)?.oversize;
}

export function oversizeMessage(lang: Lang, o: Oversize): string {
  switch (o.kind) {
    case 'tooLarge':
      return t(lang, 'workbook.partTooLarge', fromWorkbook(o.part), mib(o.bytes), mib(o.limit));
    case 'beyondSize':
      return t(lang, 'workbook.partBeyondSize', fromWorkbook(o.part), o.bytes);
    case 'longText':
      return t(lang, 'workbook.textTooLong', placeName(lang, fromWorkbook(o.part), o.place), o.limit.toLocaleString('en-US'));
    case 'longRow':
      return t(lang, 'workbook.rowTooLong', placeName(lang, fromWorkbook(o.part), o.place), o.limit.toLocaleString('en-US'));
    case 'wideRow':
      return t(lang, 'workbook.rowTooWide', placeName(lang, fromWorkbook(o.part), o.place), o.limit.toLocaleString('en-US'));
  }
}

function placeName(lang: Lang, part: string, place: TextPlace): string {
  if ('line' in place) return t(lang, 'workbook.atLine', part, place.line);
  if ('sharedString' in place) return t(lang, 'workbook.atSharedString', part, place.sharedString);
  if ('cell' in place) return t(lang, 'workbook.atCell', fromWorkbook(cellRef(place.sheet, place.cell)));
  return t(lang, 'workbook.atRow', fromWorkbook(place.sheet), place.row);
}
