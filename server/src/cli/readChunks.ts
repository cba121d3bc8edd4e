import { closeSync, openSync, readSync } from 'node:fs';
import { BINARY_SNIFF, countLineFeeds, DecodeError, looksBinary, StreamDecoder, type Encoding, type EncodingOption } from './textCodec';

export type OpenedText =
  | {
      kind: 'text';
      /** Detected or given; with `auto`, final only once every chunk has been read. */
      readonly encoding: Encoding;
      chunks: Iterable<string>;
      /** Bytes of the file read so far (for progress). */
      readonly bytesRead: number;
    }
  | { kind: 'binary' }
  | { kind: 'error'; message: string };

/** Bytes read at a time: large enough to amortize calls, small enough to keep memory flat. */
const CHUNK_BYTES = 1 << 20;

/**
 * Opens a file as a stream of decoded text chunks, so a file of any size is scanned in bounded
 * memory. The encoding is the BOM's if there is one, else `encoding`, else detected (UTF-8 or
 * GB18030, see `StreamDecoder`); the BOM is not part of the text. A NUL byte near the start marks
 * a binary file, which is skipped. Bytes that do not decode come out as U+FFFD, and once all the
 * text is out the iterator throws the `DecodeError` naming the first of them (with its line), so the
 * file is reported as an error and yet every value in it is seen. A reading error surfaces as an
 * exception from the iterator too.
 *
 * Files are read one at a time per thread (they share one read buffer): consume `chunks` before
 * opening the next file.
 */
export function openText(path: string, encoding: EncodingOption = 'auto', chunkBytes = CHUNK_BYTES): OpenedText {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
  // The first read is also the first chunk: most files are small, and their bytes are read once.
  const buf = readBuffer(chunkBytes);
  let n: number;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } catch (e) {
    closeSync(fd);
    return { kind: 'error', message: (e as Error).message };
  }
  if (looksBinary(buf.subarray(0, n), encoding)) {
    closeSync(fd);
    return { kind: 'binary' };
  }
  const decoder = new StreamDecoder(encoding);
  const read = { bytes: n };
  return {
    kind: 'text',
    get encoding() {
      return decoder.encoding;
    },
    get bytesRead() {
      return read.bytes;
    },
    chunks: decodeChunks(fd, decoder, chunkBytes, read),
  };
}

// One read buffer per thread: files are read one at a time, and small files should not each
// allocate (and make the collector free) a whole chunk.
let shared: Buffer | undefined;

function readBuffer(chunkBytes: number): Buffer {
  // Never smaller than the binary sniff, which looks at the first read's bytes.
  const size = Math.max(chunkBytes, BINARY_SNIFF);
  return shared && shared.length === size ? shared : (shared = Buffer.allocUnsafe(size));
}

/**
 * The file's text, chunk by chunk: first the `read.bytes` bytes openText read into the buffer,
 * then reads of `chunkBytes` (`read.bytes` counts them).
 */
function* decodeChunks(fd: number, decoder: StreamDecoder, chunkBytes: number, read: { bytes: number }): Generator<string> {
  const buf = readBuffer(chunkBytes);
  const first = read.bytes;
  let position = first;
  try {
    if (first > 0) {
      const text = decoder.write(buf.subarray(0, first));
      if (text.length) yield text;
    }
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, position);
      if (n === 0) break;
      position += n;
      read.bytes = position;
      const text = decoder.write(buf.subarray(0, n));
      if (text.length) yield text;
    }
    const rest = decoder.end();
    if (rest.length) yield rest;
    // All the text is out (bad bytes as U+FFFD): now the file is an error.
    if (decoder.error) throw decoder.error;
  } catch (e) {
    throw withLine(e, fd, decoder, buf);
  } finally {
    closeSync(fd);
  }
}

/** Adds the line number to a decoding error (error path only: reads the file up to the bad byte). */
function withLine(e: unknown, fd: number, decoder: StreamDecoder, buf: Buffer): Error {
  if (!(e instanceof DecodeError)) return e as Error;
  try {
    return e.withLine(lineAt(fd, e.offset, decoder.encoding, decoder.bomLength, buf));
  } catch {
    return e;
  }
}

/** 1-based line of byte `offset`: one more than the line feeds before it. */
function lineAt(fd: number, offset: number, encoding: Encoding, bomLength: number, buf: Buffer): number {
  // Reads start after the BOM and the buffer length is even, so UTF-16 reads start on a code unit.
  const size = buf.length & ~1;
  let line = 1;
  for (let position = bomLength; position < offset; ) {
    const n = readSync(fd, buf, 0, Math.min(size, offset - position), position);
    if (n === 0) break;
    line += countLineFeeds(buf.subarray(0, n), encoding);
    position += n;
  }
  return line;
}
