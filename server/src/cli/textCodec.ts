import { isAscii, isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { LocalizedError } from '../l10n/localizedError';
import { t } from '../l10n/messages';

/**
 * Text encodings of the files the CLI reads and writes back.
 *
 * Decoding uses the built-in `TextDecoder` (ICU in Node's full-ICU builds): it streams (a
 * character cut between two reads is kept whole), decodes at several hundred MB/s, and with
 * `fatal: true` (no slower) tells of a bad byte instead of silently turning it into U+FFFD.
 * Encoding uses Buffer for UTF-8
 * and UTF-16, and iconv-lite for GB18030, since `TextEncoder` only writes UTF-8. iconv-lite is
 * loaded on first use only: a scan never encodes, so it never pays for the tables.
 *
 * The two libraries agree byte for byte except for twenty characters that the WHATWG/ICU decoder
 * reads from two different byte forms (the euro sign is both 0x80, as Excel's code page 936 writes
 * it, and A2E3; the 2022 edition moved some vertical punctuation and CJK characters to two-byte
 * codes while keeping their old four-byte codes valid). For these, `readTextFile` notes which form
 * the file used and `encodeText` writes that one back, so a round trip is byte-exact.
 */

/** An encoding the CLI reads and writes. GBK files are read as GB18030, their superset. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
/** `--encoding`: one encoding, or detect per file. */
export type EncodingOption = Encoding | 'auto';

/** The names `--encoding` documents (a few aliases are accepted as well). */
export const ENCODING_NAMES = ['auto', 'utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'gbk'] as const;

const ALIASES: Record<string, EncodingOption> = {
  auto: 'auto',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  cp936: 'gb18030',
  gb2312: 'gb18030',
};

/** The encoding a user-given name stands for, or undefined for a name we do not know. */
export function parseEncoding(name: string): EncodingOption | undefined {
  return Object.hasOwn(ALIASES, name.toLowerCase()) ? ALIASES[name.toLowerCase()] : undefined;
}

/** Display name in messages. */
export function encodingLabel(encoding: Encoding): string {
  return encoding === 'gb18030' ? 'GB18030' : encoding.toUpperCase();
}

const BOMS: readonly { encoding: Encoding; bytes: readonly number[] }[] = [
  { encoding: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
  // U+FEFF in GB18030: rare, but as unambiguous as the others.
  { encoding: 'gb18030', bytes: [0x84, 0x31, 0x95, 0x33] },
];

/** The byte order mark a file starts with, if any. A BOM decides the encoding, even over `--encoding`. */
export function sniffBom(head: Uint8Array): { encoding: Encoding; length: number } | undefined {
  for (const { encoding, bytes } of BOMS) if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return { encoding, length: bytes.length };
  return undefined;
}

/** The byte order mark of an encoding. */
function bomBytes(encoding: Encoding): Buffer {
  return Buffer.from(BOMS.find((b) => b.encoding === encoding)!.bytes);
}

/** Bytes looked at to tell a binary file from text. */
export const BINARY_SNIFF = 8192;

/**
 * Whether a file whose first bytes are `head` is binary: a NUL byte near the start, unless the file
 * is UTF-16 (which has NUL bytes in every ASCII character). A UTF-16 file without a BOM is only
 * read as text when `--encoding` says it is UTF-16.
 */
export function looksBinary(head: Uint8Array, option: EncodingOption): boolean {
  const bom = sniffBom(head);
  const encoding = bom?.encoding ?? option;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false;
  return head.subarray(0, BINARY_SNIFF).includes(0);
}

/** What a file's bytes are not: `encoding` (with the file ending inside a character, or not), or neither UTF-8 nor GB18030 (where each breaks). */
type Undecodable = { kind: 'invalid'; endsInside: boolean } | { kind: 'neither'; utf8At: number; gbAt: number };

/** A file's bytes that its encoding cannot decode: what and where, in either language, with advice. */
export class DecodeError extends LocalizedError {
  constructor(
    /** The encoding tried (detected or given), or undefined when neither UTF-8 nor GB18030 fits. */
    readonly encoding: Encoding | undefined,
    /** Byte offset in the file where the first character that does not decode starts. */
    readonly offset: number,
    private readonly why: Undecodable,
    /** 1-based line of `offset`, when known. */
    readonly line?: number,
  ) {
    super((lang) => {
      const what = why.kind === 'neither' ? t(lang, 'decode.neither', why.utf8At, why.gbAt) : t(lang, 'decode.invalid', encodingLabel(encoding!), offset);
      const more = why.kind === 'neither' ? t(lang, 'decode.hintUtf16') : `${why.endsInside ? t(lang, 'decode.endsInside') : ''}${encoding === 'utf-8' ? t(lang, 'decode.hintGb') : ''}`;
      return `${what}${line ? t(lang, 'decode.line', line) : ''}${more}`;
    });
    this.name = 'DecodeError';
  }

  withLine(line: number): DecodeError {
    return new DecodeError(this.encoding, this.offset, this.why, line);
  }
}

function fatalDecoder(encoding: Encoding): TextDecoder {
  // ignoreBOM: the BOM is dropped here, once; a second U+FEFF is text and stays.
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
}

function invalid(encoding: Encoding, offset: number, endsInside = false): DecodeError {
  return new DecodeError(encoding, offset, { kind: 'invalid', endsInside });
}

/**
 * Decodes a file's bytes chunk by chunk, in file order, into text whose UTF-16 offsets are the ones
 * findings report. With `auto`, the encoding is decided on the first chunk that is not pure ASCII
 * (until then every candidate decodes the same): valid UTF-8 is UTF-8, otherwise GB18030 if it
 * decodes as such.
 *
 * The first character that does not decode is noted as `error` (what and where), and decoding goes
 * on with U+FFFD in place of bad bytes: a scan still sees every value after a damaged cell, and
 * reports the file as an error. Whoever writes text back must refuse a file with an `error`.
 */
export class StreamDecoder {
  private chosen: Encoding | undefined;
  private decoder: TextDecoder | undefined;
  private started = false;
  private hasBom = false;
  /** Bytes of the file taken so far. */
  private position = 0;
  /**
   * The end of the last chunk from a sure character boundary on (its last few bytes in UTF-8, those
   * after its last line feed in GB18030, a high surrogate or nothing in UTF-16), so an error just
   * after a chunk boundary, or at the end of the file, is placed exactly.
   */
  private tail: Buffer | undefined;
  private failed: DecodeError | undefined;

  constructor(private readonly option: EncodingOption = 'auto') {}

  /** The encoding in use; with `auto`, final once all bytes are decoded (an all-ASCII file is UTF-8). */
  get encoding(): Encoding {
    return this.chosen ?? (this.option === 'auto' ? 'utf-8' : this.option);
  }

  /** Whether the file starts with a byte order mark (which is not part of the text). */
  get bom(): boolean {
    return this.hasBom;
  }

  /** Bytes of the BOM, which precede the text. */
  get bomLength(): number {
    return this.hasBom ? bomBytes(this.chosen!).length : 0;
  }

  /** The first character that did not decode, if any (the text has U+FFFD from there on). */
  get error(): DecodeError | undefined {
    return this.failed;
  }

  /** Decodes the next bytes of the file. A character cut at the end is kept for the next call. */
  write(bytes: Uint8Array): string {
    let body = bytes;
    let at = this.position;
    this.position += bytes.length;
    // Whether `body` starts on a character boundary (the decoder holds no partial character).
    let clean = false;
    if (!this.started) {
      this.started = true;
      clean = true;
      const bom = sniffBom(bytes);
      if (bom) {
        this.hasBom = true;
        this.chosen = bom.encoding;
        body = bytes.subarray(bom.length);
        at += bom.length;
      } else if (this.option !== 'auto') this.chosen = this.option;
      if (this.chosen) this.decoder = fatalDecoder(this.chosen);
    }
    if (!this.decoder) {
      // Pure ASCII reads the same in UTF-8 and GB18030, and latin1 is the fastest way to a string.
      if (isAscii(body)) return Buffer.from(body.buffer, body.byteOffset, body.length).toString('latin1');
      clean = true;
      if (isUtf8(withoutCutUtf8Tail(body)) || mostlyUtf8(body)) this.chosen = 'utf-8';
      else {
        const gb = fatalDecoder('gb18030');
        try {
          const text = gb.decode(body, { stream: true });
          this.chosen = 'gb18030';
          this.decoder = gb;
          this.tail = tailOf(body, 'gb18030');
          return text;
        } catch {
          const utf8At = at + firstInvalid('utf-8', body, true);
          const gbAt = at + firstInvalid('gb18030', body, true);
          this.failed = new DecodeError(undefined, Math.min(utf8At, gbAt), { kind: 'neither', utf8At, gbAt });
          this.chosen = 'utf-8';
          this.decoder = lenientDecoder('utf-8');
          return this.decoder.decode(body, { stream: true });
        }
      }
      this.decoder = fatalDecoder(this.chosen);
    }
    let text: string;
    try {
      text = this.decoder.decode(body, { stream: true });
    } catch {
      return this.recover(body, at, clean);
    }
    if (!this.failed) this.tail = tailOf(body, this.chosen!);
    return text;
  }

  /** Flushes the decoder; a character cut at the end of the file is an error (and a U+FFFD). */
  end(): string {
    if (!this.decoder) return '';
    try {
      return this.decoder.decode();
    } catch {
      // The cut character starts in the tail, if there is one.
      const offset = this.tail ? this.position - this.tail.length + validPrefix(this.chosen!, this.tail, 0, this.tail.length) : this.position;
      this.failed ??= invalid(this.chosen!, offset, true);
      return '\uFFFD';
    }
  }

  /**
   * After the fatal decoder threw on `body` (at file offset `at`): notes where the bad character
   * is, and decodes the chunk again, exactly up to it and with U+FFFD for bad bytes from it on.
   */
  private recover(body: Uint8Array, at: number, clean: boolean): string {
    const encoding = this.chosen!;
    const tail = clean ? undefined : this.tail;
    const probe = tail ? Buffer.concat([tail, body]) : body;
    const bad = firstInvalid(encoding, probe, clean || tail !== undefined);
    this.failed = invalid(encoding, at - (tail?.length ?? 0) + bad);
    this.decoder = lenientDecoder(encoding);
    // Without a known character boundary before the chunk (rare), a character cut there is lost too.
    if (!clean && !tail) return this.decoder.decode(body, { stream: true });
    // The tail's complete characters were returned with the last chunk.
    const before = tail ? fatalDecoder(encoding).decode(tail, { stream: true }).length : 0;
    return fatalDecoder(encoding).decode(probe.subarray(0, bad)).slice(before) + this.decoder.decode(probe.subarray(bad), { stream: true });
  }
}

function lenientDecoder(encoding: Encoding): TextDecoder {
  return new TextDecoder(encoding, { ignoreBOM: true });
}

/**
 * Whether bytes that are not all valid UTF-8 still look like UTF-8 with a few bad bytes (a UTF-8
 * export with one damaged cell): at least 8 multi-byte characters before the first bad byte. GBK
 * text is almost never valid UTF-8 for more than a character or two.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  // The shortest prefix that is not valid UTF-8 (a character cut at its end is not an error).
  let lo = 1;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isUtf8(withoutCutUtf8Tail(bytes.subarray(0, mid)))) lo = mid + 1;
    else hi = mid;
  }
  let leads = 0;
  for (let i = 0; i < lo && leads < 8; i++) if (bytes[i] >= 0xc2 && bytes[i] < 0xf5) leads++;
  return leads >= 8;
}

/** See `StreamDecoder.tail`: a copy (the chunk's buffer is reused), or undefined when too long to keep. */
function tailOf(bytes: Uint8Array, encoding: Encoding): Buffer | undefined {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    if (bytes.length % 2) return undefined;
    const high = bytes[bytes.length - (encoding === 'utf-16le' ? 1 : 2)];
    return Buffer.from(high >= 0xd8 && high <= 0xdb ? bytes.subarray(bytes.length - 2) : []);
  }
  const floor = Math.max(0, bytes.length - 4096);
  let start = -1;
  if (encoding === 'utf-8') {
    // Self-synchronizing: any byte but a continuation byte starts a character.
    for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4 && start < 0; i--) if ((bytes[i] & 0xc0) !== 0x80) start = i;
  } else {
    // GB18030: a byte below 0x30 (line feed, comma, space) is a whole character.
    const lf = bytes.lastIndexOf(10);
    if (lf >= floor) start = lf + 1;
    else for (let i = bytes.length - 1; i >= floor && start < 0; i--) if (bytes[i] < 0x30) start = i + 1;
  }
  return start < 0 ? undefined : Buffer.from(bytes.subarray(start));
}

/** `bytes` less a UTF-8 character cut at its end (its lead byte present, some trail bytes not). */
function withoutCutUtf8Tail(bytes: Uint8Array): Uint8Array {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
    const b = bytes[i];
    if (b < 0x80 || b >= 0xf5) return bytes;
    if (b >= 0xc2) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return bytes.length - i < need ? bytes.subarray(0, i) : bytes;
    }
  }
  return bytes;
}

/**
 * Offset in `bytes` where the first character that a fresh decoder rejects starts (error path
 * only: a binary search over prefixes). Unless `clean`, the bytes may start inside a character
 * begun in the previous chunk, so the search starts at a sure character boundary; an error before
 * it, or one that only the previous chunk explains, is reported at 0.
 */
function firstInvalid(encoding: Encoding, bytes: Uint8Array, clean = false): number {
  let from = 0;
  if (!clean) {
    if (encoding === 'utf-8') {
      while (from < 3 && from < bytes.length && (bytes[from] & 0xc0) === 0x80) from++;
    } else if (encoding === 'utf-16le' || encoding === 'utf-16be') {
      const high = bytes[encoding === 'utf-16le' ? 1 : 0];
      if (bytes.length >= 2 && high >= 0xdc && high <= 0xdf) from = 2;
    } else {
      // GB18030 trail bytes are 0x30 and above, so a smaller byte (a line break, a comma, a
      // space) always stands alone.
      from = Math.max(0, bytes.findIndex((b) => b < 0x30));
    }
  }
  const fails = (end: number, stream = true) => {
    try {
      fatalDecoder(encoding).decode(bytes.subarray(from, end), { stream });
      return false;
    } catch {
      return true;
    }
  };
  if (!fails(bytes.length)) return 0;
  // The shortest prefix that fails ends with the byte where the decoder gave up...
  let lo = from + 1;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fails(mid)) hi = mid;
    else lo = mid + 1;
  }
  // ...which may be a few bytes into the bad character (E4 41: the 41): go back to its start.
  return validPrefix(encoding, bytes, from, lo - 1);
}

/** Where the character that holds byte `last` - 1 or `last` starts: the end of the longest complete, valid prefix (from `from`) up to `last`. */
function validPrefix(encoding: Encoding, bytes: Uint8Array, from: number, last: number): number {
  for (let end = last; end > last - 4 && end > from; end--) {
    try {
      fatalDecoder(encoding).decode(bytes.subarray(from, end));
      return end;
    } catch {
      // a character cut at `end`: try a byte earlier
    }
  }
  return from;
}

// --- Whole files, for writing back (redaction) -------------------------------------------------

/** How a text file was encoded, enough to write it back byte for byte. Structured-cloneable. */
export interface TextFormat {
  encoding: Encoding;
  bom: boolean;
  /**
   * GB18030 only: characters the file wrote in a byte form other than the one `encodeText` would
   * choose (hex of the bytes, e.g. `{ "€": "80" }` for Excel's euro sign).
   */
  gbForms?: Record<string, string>;
}

export interface DecodedFile extends TextFormat {
  text: string;
}

/** A binary file (NUL bytes near its start), which `readTextFile` does not read as text. */
export class NotTextError extends LocalizedError {
  constructor(name: string) {
    super((lang) => t(lang, 'decode.binary', name));
    this.name = 'NotTextError';
  }
}

/**
 * Reads and decodes a whole file (for redaction, which needs the text in memory), noting its
 * encoding, BOM and GB18030 byte forms so that `encodeText` writes back exactly the bytes read.
 * Throws a `DecodeError` for bytes that do not decode (such a file cannot be written back
 * unchanged), a `NotTextError` for a binary file, and the usual errors of `readFileSync`.
 */
export function readTextFile(path: string, encoding: EncodingOption = 'auto'): DecodedFile {
  return decodeBytes(readFileSync(path), encoding, path);
}

/** `readTextFile` on bytes already in memory. */
export function decodeBytes(bytes: Uint8Array, option: EncodingOption = 'auto', name = 'the file'): DecodedFile {
  if (looksBinary(bytes, option)) throw new NotTextError(name);
  const decoder = new StreamDecoder(option);
  const text = decoder.write(bytes) + decoder.end();
  const e = decoder.error;
  if (e) throw e.withLine(1 + countLineFeeds(bytes.subarray(decoder.bomLength, e.offset), decoder.encoding));
  return { text, ...formatOf(bytes, text, decoder.encoding, decoder.bomLength), bom: decoder.bom };
}

/**
 * How to write `text` back as the `bytes` (from offset `from`, past a BOM) it was decoded from: its
 * encoding and, in GB18030, the byte forms it used (no BOM: the caller writes that).
 */
export function formatOf(bytes: Uint8Array, text: string, encoding: Encoding, from = 0): TextFormat {
  const forms = encoding === 'gb18030' ? gbFormsOf(bytes, text, from) : undefined;
  return forms ? { encoding, bom: false, gbForms: forms } : { encoding, bom: false };
}

/**
 * Line feeds in `bytes`: bytes 0x0A in UTF-8 and GB18030 (never part of a multi-byte character in
 * either), code units U+000A in UTF-16 (`bytes` starting on a code unit).
 */
export function countLineFeeds(bytes: Uint8Array, encoding: Encoding): number {
  let n = 0;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const lo = encoding === 'utf-16le' ? 0 : 1;
    for (let i = 0; i + 1 < bytes.length; i += 2) if (bytes[i + lo] === 10 && bytes[i + 1 - lo] === 0) n++;
  } else for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Encodes text for writing back in its file's format. With the format `readTextFile` returned,
 * text it decoded comes back as the same bytes (line endings are never touched, so CRLF stays).
 */
export function encodeText(text: string, format: TextFormat): Buffer {
  const body = encodeBody(text, format);
  return format.bom ? Buffer.concat([bomBytes(format.encoding), body]) : body;
}

function encodeBody(text: string, format: TextFormat): Buffer {
  switch (format.encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
      return Buffer.from(text, 'utf16le').swap16();
    case 'gb18030':
      return encodeGb18030(text, format.gbForms);
  }
}

type Iconv = typeof import('iconv-lite');
let iconvLib: Iconv | undefined;
function iconv(): Iconv {
  return (iconvLib ??= require('iconv-lite') as Iconv);
}

function encodeGb18030(text: string, forms: Record<string, string> | undefined): Buffer {
  const chars = forms ? Object.keys(forms) : [];
  if (!chars.length) return iconv().encode(text, 'gb18030');
  // Every such character is one BMP code unit, so a character class finds them.
  const pattern = new RegExp(`[${chars.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`, 'g');
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) parts.push(iconv().encode(text.slice(last, m.index), 'gb18030'));
    parts.push(Buffer.from(forms![m[0]], 'hex'));
    last = m.index + 1;
  }
  if (last < text.length) parts.push(iconv().encode(text.slice(last), 'gb18030'));
  return Buffer.concat(parts);
}

/**
 * The byte forms that the decoder reads as the same character as another form, other than the
 * form iconv-lite writes for it (checked exhaustively by test/unit/textCodec.test.ts).
 */
export const GB_ALTERNATE_FORMS: readonly string[] = [
  '80', // € (A2E3)
  'a3a0', // U+3000 (A1A1)
  'a6d9', 'a6da', 'a6db', 'a6dc', 'a6dd', 'a6de', 'a6df', 'a6ec', 'a6ed', 'a6f3', // U+FE10–FE19 (84318236…)
  'fe59', 'fe61', 'fe66', 'fe67', 'fe6d', 'fe7e', 'fe90', 'fea0', // U+9FB4–9FBB (82359037…)
];

let alternates: { chars: RegExp; byForm: Map<number, string> } | undefined;
function gbAlternates() {
  if (!alternates) {
    const byForm = new Map<number, string>();
    for (const hex of GB_ALTERNATE_FORMS) byForm.set(parseInt(hex, 16), fatalDecoder('gb18030').decode(Buffer.from(hex, 'hex')));
    alternates = { chars: new RegExp(`[${[...new Set(byForm.values())].join('')}]`), byForm };
  }
  return alternates;
}

/** Which of the alternate byte forms the file used, by character; undefined when none. */
function gbFormsOf(bytes: Uint8Array, text: string, from: number): Record<string, string> | undefined {
  const { chars, byForm } = gbAlternates();
  if (!chars.test(text)) return undefined;
  const forms: Record<string, string> = {};
  let found = false;
  // Walk the characters: 1 byte below 0x81 (and 0x80, the euro), 4 when the second is a digit, else 2.
  for (let i = from; i < bytes.length; ) {
    const b = bytes[i];
    if (b <= 0x80 || b === 0xff) {
      if (b === 0x80) {
        forms[byForm.get(0x80)!] = '80';
        found = true;
      }
      i++;
    } else if (bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39) i += 4;
    else {
      const char = byForm.get((b << 8) | bytes[i + 1]);
      if (char !== undefined) {
        forms[char] = ((b << 8) | bytes[i + 1]).toString(16);
        found = true;
      }
      i += 2;
    }
  }
  return found ? forms : undefined;
}
