import { readFileSync } from 'node:fs';

export type ReadResult = { kind: 'text'; text: string } | { kind: 'binary' } | { kind: 'error'; message: string };

/** Bytes looked at to tell a binary file from text. */
const SNIFF = 8192;

/**
 * Reads a file as text (UTF-8, or UTF-16 with a BOM), without its BOM, so positions match what
 * editors show.
 * A NUL byte near the start marks a binary file, which is skipped.
 */
export function readText(path: string): ReadResult {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return { kind: 'text', text: buf.subarray(2).toString('utf16le') };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { kind: 'text', text: Buffer.from(buf.subarray(2)).swap16().toString('utf16le') };
  if (buf.subarray(0, SNIFF).includes(0)) return { kind: 'binary' };
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { kind: 'text', text };
}
