const LONE_CR = /\r(?!\n)/g;

/**
 * `text` with each carriage return that no line feed follows read as a line feed: old Mac line
 * ends, which Excel's "CSV (Macintosh)" still writes. The length stays, so every offset holds (a
 * value never holds a line break, so its text is the same in both). Without this such a file is
 * one line: no table, no header, every finding on line 1. Unless `final`, a CR at the very end
 * stays: its LF may start the next chunk.
 */
export function lineFeedsForLoneCr(text: string, final: boolean): string {
  if (!hasLoneCr(text, final)) return text;
  const out = text.replace(LONE_CR, '\n');
  return !final && text.charCodeAt(text.length - 1) === 13 ? `${out.slice(0, -1)}\r` : out;
}

/** Whether a CR without LF after it is in `text` (the last character counts only if `final`). */
function hasLoneCr(text: string, final: boolean): boolean {
  // CRLF text has a CR on every line: hopping from CR to CR is a few times faster than the regex.
  const last = final ? text.length : text.length - 1;
  for (let i = text.indexOf('\r'); i !== -1 && i < last; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true;
  return false;
}
