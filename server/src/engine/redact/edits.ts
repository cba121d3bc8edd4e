/** A replacement of text[start, end) by newText, in UTF-16 offsets. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

// The operators and the edits they make live in operators.ts.
export { MissingKeyError, redactionEdits, replacement, type Operator, type RedactOptions } from './operators';

/** Applies non-overlapping edits sorted by start. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}
