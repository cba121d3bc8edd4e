import { readSync } from 'node:fs';
import type { Encoding } from './textCodec';

/** Bytes read at a time: a piece is about this long, plus the rest of its last line. */
const READ_BYTES = 1 << 20;

/** A line longer than redaction holds in memory at once: the one after the last piece given. */
export class LineTooLongError extends Error {
  constructor(readonly limit: number) {
    super(`a line is longer than ${limit} bytes`);
    this.name = 'LineTooLongError';
  }
}

/**
 * A file's bytes from `fd`, in pieces that each end with a line feed (the last one may not), so
 * that each piece decodes on its own: a line feed is never part of a multi-byte character in UTF-8
 * or GB18030, and in UTF-16 it is the code unit 0x000A at an even offset (`utf16` names the byte
 * order). A piece is a view of a buffer shared by all calls, valid until the next one is asked
 * for: read one file at a time.
 * @throws LineTooLongError for a line of more than `maxLine` bytes (the one that starts after the
 * last piece given), and the errors of `readSync`.
 */
export function* linePieces(fd: number, utf16: 'utf-16le' | 'utf-16be' | undefined, maxLine: number, readBytes = READ_BYTES): Generator<Uint8Array> {
  const buf = readBuffer(readBytes);
  const countAs: Encoding = utf16 ?? 'utf-8';
  // The start of a line that has no line feed yet, kept over the reads that hold it.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let position = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, readBytes, position);
    if (n === 0) break;
    const chunk = buf.subarray(0, n);
    const cut = afterLastLineFeed(chunk, utf16, position);
    position += n;
    if (cut === 0) {
      pending.push(Buffer.from(chunk));
      pendingBytes += n;
      if (pendingBytes > maxLine) throw new LineTooLongError(maxLine);
      continue;
    }
    // Reads are shorter than maxLine: only a line begun in an earlier read can be too long.
    if (pendingBytes > 0 && pendingBytes + firstLineLength(chunk, countAs) > maxLine) throw new LineTooLongError(maxLine);
    const piece = pending.length ? Buffer.concat([...pending, chunk.subarray(0, cut)]) : chunk.subarray(0, cut);
    yield piece;
    pending = cut < n ? [Buffer.from(chunk.subarray(cut))] : [];
    pendingBytes = n - cut;
  }
  if (pendingBytes > 0) yield pending.length === 1 ? pending[0] : Buffer.concat(pending);
}

// One read buffer for all files: allocating a megabyte per file is most of the cost of a small one.
let shared: Buffer | undefined;

function readBuffer(size: number): Buffer {
  return shared && shared.length === size ? shared : (shared = Buffer.allocUnsafe(size));
}

/** Where the bytes after the last line feed of `chunk` start (0: none), `position` being chunk[0]'s offset in the file. */
function afterLastLineFeed(chunk: Uint8Array, utf16: 'utf-16le' | 'utf-16be' | undefined, position: number): number {
  if (!utf16) return chunk.lastIndexOf(10) + 1;
  // Little-endian 0A 00, big-endian 00 0A, the pair starting at an even offset in the file.
  const lfAt = utf16 === 'utf-16le' ? 0 : 1;
  for (let i = chunk.lastIndexOf(10); i !== -1; i = i > 0 ? chunk.lastIndexOf(10, i - 1) : -1) {
    const unit = i - lfAt;
    if (unit >= 0 && unit + 1 < chunk.length && (position + unit) % 2 === 0 && chunk[unit + 1 - lfAt] === 0) return unit + 2;
  }
  return 0;
}

/** Bytes of the first line of `piece` (which holds a line feed), its line feed excluded. */
function firstLineLength(piece: Uint8Array, encoding: Encoding): number {
  if (encoding === 'utf-8') return piece.indexOf(10);
  const lo = encoding === 'utf-16le' ? 0 : 1;
  for (let i = 0; i + 1 < piece.length; i += 2) if (piece[i + lo] === 10 && piece[i + 1 - lo] === 0) return i;
  return piece.length;
}
