import { closeSync, openSync, readSync } from 'node:fs';

export type OpenedText = { kind: 'text'; encoding: string; chunks: Iterable<string> } | { kind: 'binary' } | { kind: 'error'; message: string };

/** Bytes read at a time: large enough to amortize calls, small enough to keep memory flat. */
export const CHUNK_BYTES = 1 << 20;
/** Bytes looked at to tell a binary file from text. */
const SNIFF = 8192;

/**
 * Opens a file as a stream of decoded text chunks, so a file of any size is scanned in bounded
 * memory. UTF-8 (BOM dropped) and UTF-16 with a BOM are decoded; a NUL byte near the start marks
 * a binary file, which is skipped. Reading errors surface as exceptions from the iterator.
 */
export function openText(path: string, chunkBytes = CHUNK_BYTES): OpenedText {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
  const head = Buffer.alloc(SNIFF);
  let headLength: number;
  try {
    headLength = readSync(fd, head, 0, SNIFF, 0);
  } catch (e) {
    closeSync(fd);
    return { kind: 'error', message: (e as Error).message };
  }
  const encoding = head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : 'utf-8';
  if (encoding === 'utf-8' && head.subarray(0, headLength).includes(0)) {
    closeSync(fd);
    return { kind: 'binary' };
  }
  return { kind: 'text', encoding, chunks: decodeChunks(fd, encoding, chunkBytes) };
}

// One read buffer per thread: files are read one at a time, and small files should not each
// allocate (and make the collector free) a whole chunk.
let shared: Buffer | undefined;

function* decodeChunks(fd: number, encoding: string, chunkBytes: number): Generator<string> {
  // TextDecoder drops the BOM and keeps multi-byte characters split across reads whole.
  const decoder = new TextDecoder(encoding);
  const buf = shared && shared.length === chunkBytes ? shared : (shared = Buffer.allocUnsafe(chunkBytes));
  let position = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, position);
      if (n === 0) break;
      position += n;
      const text = decoder.decode(buf.subarray(0, n), { stream: true });
      if (text.length) yield text;
    }
    const rest = decoder.decode();
    if (rest.length) yield rest;
  } finally {
    closeSync(fd);
  }
}
