import type { Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** Size a chunk is cut at (the next line break after it); a chunk edits grew to 4× is cut again. */
const TARGET = 32 * 1024;

/**
 * A document's text as line-aligned chunks, each a TextDocument (for LSP positions: `\n`, `\r\n`
 * and `\r` end lines). Every chunk but the last ends with `\n`, so no line is split, nor any
 * value or context window (they never cross a line). An edit rebuilds only the chunks it
 * touches: in one JS string of 10 MB, every keystroke copies the whole string (V8 flattens the
 * concatenation on the next read), which alone costs ~15 ms.
 */
export class ChunkedText {
  private chunks: TextDocument[];
  /** Offset of each chunk; one more entry holds the length. */
  private starts: number[] = [0];
  /** First line of each chunk, computed on demand for indices below `linesKnown`. */
  private firstLines: number[] = [];
  private linesKnown = 0;
  /** Edits made so far (what was computed from the text before one may be stale). */
  edits = 0;

  constructor(
    text: string,
    /** Tests make it small so that chunk boundaries are exercised. */
    private readonly target = TARGET,
  ) {
    this.chunks = split(text, target).map(chunk);
    this.reindex(0);
  }

  get length(): number {
    return this.starts[this.chunks.length];
  }

  get chunkCount(): number {
    return this.chunks.length;
  }

  getText(): string {
    return this.chunks.map((c) => c.getText()).join('');
  }

  /** Index of the chunk holding `offset` (the last one for the text's end). */
  chunkIndex(offset: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  chunkText(k: number): string {
    return this.chunks[k].getText();
  }

  chunkStart(k: number): number {
    return this.starts[k];
  }

  /** End of the chunk holding `offset`: a line start or the text's end. */
  chunkEnd(offset: number): number {
    return this.starts[this.chunkIndex(offset) + 1];
  }

  slice(from: number, to: number): string {
    let out = '';
    for (let k = this.chunkIndex(from); from < to && k < this.chunks.length; k++) {
      const start = this.starts[k];
      const end = Math.min(to, this.starts[k + 1]);
      out += this.chunks[k].getText().slice(from - start, end - start);
      from = end;
    }
    return out;
  }

  /** Start of the `\n`-delimited line holding `offset`. */
  lineStart(offset: number): number {
    const k = this.chunkIndex(offset);
    const local = offset - this.starts[k];
    if (local === 0) return offset; // chunks start at line starts
    const eol = this.chunks[k].getText().lastIndexOf('\n', local - 1);
    return this.starts[k] + eol + 1;
  }

  /** Offset just after the `\n` that ends the line holding `offset`, or the text's end. */
  afterLineEnd(offset: number): number {
    const k = this.chunkIndex(offset);
    const eol = this.chunks[k].getText().indexOf('\n', offset - this.starts[k]);
    return eol === -1 ? this.starts[k + 1] : this.starts[k] + eol + 1;
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.length));
    const k = this.chunkIndex(offset);
    const p = this.chunks[k].positionAt(offset - this.starts[k]);
    return { line: this.firstLine(k) + p.line, character: p.character };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    // First lines are computed only as far as the position needs.
    this.firstLine(0);
    while (this.linesKnown < this.chunks.length && this.firstLines[this.linesKnown - 1] <= position.line) this.firstLine(this.linesKnown);
    let lo = 0;
    let hi = this.linesKnown - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.firstLines[mid] <= position.line) lo = mid;
      else hi = mid - 1;
    }
    return this.starts[lo] + this.chunks[lo].offsetAt({ line: position.line - this.firstLines[lo], character: position.character });
  }

  /** Replaces text[start, end) by `text`, rebuilding only the chunks involved. */
  replace(start: number, end: number, text: string): void {
    this.edits++;
    const i = this.chunkIndex(start);
    let j = i;
    while (j + 1 < this.chunks.length && this.starts[j + 1] < end) j++;
    let merged = this.slice(this.starts[i], start) + text + this.slice(end, this.starts[j + 1]);
    // Only the last chunk may end without a line break: take in the next ones until one does.
    while (j + 1 < this.chunks.length && !merged.endsWith('\n')) merged += this.chunks[++j].getText();
    const pieces = merged.length > 4 * this.target ? split(merged, this.target) : merged.length > 0 || (i === 0 && j === this.chunks.length - 1) ? [merged] : [];
    this.chunks.splice(i, j - i + 1, ...pieces.map(chunk));
    this.reindex(i);
  }

  private firstLine(k: number): number {
    for (; this.linesKnown <= k; this.linesKnown++) {
      const n = this.linesKnown;
      // A chunk ending with a line break has an empty last line: the next chunk's first.
      this.firstLines[n] = n === 0 ? 0 : this.firstLines[n - 1] + this.chunks[n - 1].lineCount - 1;
    }
    return this.firstLines[k];
  }

  private reindex(from: number): void {
    this.starts.length = this.chunks.length + 1;
    for (let k = from; k < this.chunks.length; k++) this.starts[k + 1] = this.starts[k] + this.chunks[k].getText().length;
    this.linesKnown = Math.min(this.linesKnown, from);
    this.firstLines.length = this.linesKnown;
  }
}

function chunk(text: string): TextDocument {
  return TextDocument.create('', '', 0, text);
}

/** Cuts text after the first line break at or beyond each `target` units. */
function split(text: string, target: number): string[] {
  const out: string[] = [];
  for (let pos = 0; pos < text.length; ) {
    const eol = pos + target >= text.length ? -1 : text.indexOf('\n', pos + target);
    const cut = eol === -1 ? text.length : eol + 1;
    out.push(text.slice(pos, cut));
    pos = cut;
  }
  if (out.length === 0) out.push('');
  return out;
}
