/**
 * The redaction of one text file's bytes, in memory: nothing is read or written here, so the CLI
 * (`sdguard redact`) and the language server's workspace commands can share it and do their own I/O.
 *
 * The file is decoded (its encoding, BOM and GB18030 byte forms noted), scanned, checked to encode
 * back to the very bytes read (else nothing outside the findings could be promised unchanged), its
 * findings replaced, and the result scanned again: a value of a redacted rule still found there is
 * an error, and the file is left as it was. Only masked values and keyed fingerprints come out,
 * never a raw value.
 */
import type { Engine } from '../engine/engine';
import { fileKindOf } from '../engine/fileKind';
import { applyEdits } from '../engine/redact/edits';
import { fingerprint, nonOverlapping, redactionEdits, type Operator, type RedactOptions } from '../engine/redact/operators';
import { CONFIDENCE } from '../engine/scan/context';
import { StreamScanner } from '../engine/stream';
import type { Confidence, Finding } from '../engine/types';
import { t } from '../l10n/messages';
import { recheckScanner } from './recheckScanner';
import { countLineFeeds, encodeText, encodingLabel, formatOf, looksBinary, StreamDecoder, type EncodingOption } from './textCodec';

export interface RedactTextOptions {
  /** The operator and what it needs (key, placeholder); `redact.lang` is also the language of error messages. */
  redact: RedactOptions;
  /** Findings below this confidence are left as they are. */
  minConfidence: Confidence;
  /** Only findings of these rules are replaced (`--rules`); all when absent. */
  rules?: ReadonlySet<string>;
  /** Encoding of a file without a BOM; `auto` (the default) tells UTF-8 from GB18030. */
  encoding?: EncodingOption;
  /** With a key, each replacement carries the keyed fingerprint of its value (audit logs); else null. */
  fingerprintKey?: Uint8Array;
  /** Only say what would be replaced: no edits, no new bytes. */
  planOnly?: boolean;
}

/** One value replaced (or, with planOnly, to be replaced): where, which rule, and what may be shown of it. */
export interface Replacement {
  ruleId: string;
  /** 1-based line and UTF-16 column. */
  line: number;
  column: number;
  /** The value masked, as reports show it: only when the sinks ask for it (RedactionSinks.masked). */
  masked?: string;
  /** Keyed fingerprint of the value (see RedactTextOptions.fingerprintKey), or null. */
  fingerprint: string | null;
}

export type TextRedaction =
  /** `bytes`: the file redacted, in its own encoding (absent with planOnly). */
  | { status: 'redacted'; replacements: Replacement[]; bytes?: Buffer }
  /** Nothing to replace: the bytes stay as they are. */
  | { status: 'unchanged' }
  /** A binary file (NUL bytes near its start): not text, not touched. */
  | { status: 'binary' }
  /**
   * Why the file is left as it was (bytes that do not decode, no byte-exact round trip, values left
   * after redaction); `undecodable` marks the first (its bytes are no text in the encoding).
   */
  | { status: 'error'; message: string; undecodable?: true };

/**
 * Redacts the findings of one text file given as `bytes`. `path` is the file's name: its extension
 * decides the kind of text (CSV, TSV, code, plain). `engine` is the file's (its project configuration's).
 * @throws MissingKeyError for `pseudonymize` and `fake` without a key (before anything is computed, when there is a finding).
 */
export function redactTextBytes(bytes: Uint8Array, path: string, engine: Engine, options: RedactTextOptions): TextRedaction {
  if (looksBinary(bytes, options.encoding ?? 'auto')) return { status: 'binary' };
  const replacements: Replacement[] = [];
  const out: Uint8Array[] = [];
  // One piece: the whole text is scanned at once, as the editor scans it.
  const redactor = new PieceRedactor(path, engine, options, { write: options.planOnly ? undefined : (b) => out.push(b), replacement: (x) => replacements.push(x), masked: true });
  const r = redactor.push(bytes) ?? redactor.end();
  if (r.status !== 'redacted') return r;
  return options.planOnly ? { status: 'redacted', replacements } : { status: 'redacted', replacements, bytes: Buffer.concat(out) };
}

/** Where a redaction's results go as it runs. */
export interface RedactionSinks {
  /**
   * The redacted file's bytes, in order (absent with planOnly); `unchanged`: these are the input's
   * own bytes, just as read. A chunk may be a view of the input: use it before the next piece.
   */
  write?(bytes: Uint8Array, unchanged: boolean): void;
  /** Each value replaced, in text order (when absent, none is described: only counted). */
  replacement?(r: Replacement): void;
  /** Whether each replacement carries its value masked (a dry run lists it; an audit log never shows it: masking each value a second time for it cost 7% of a redaction with the log). */
  masked?: boolean;
  /**
   * The redacted text, piece by piece, when it is scanned again elsewhere (another thread, see
   * RemoteRecheck) rather than here; the caller then counts what is found there (residuals).
   */
  recheck?(text: string): void;
}

export type PiecesRedaction = { status: 'redacted'; count: number } | { status: 'unchanged' } | { status: 'error'; message: string; undecodable?: true };

/**
 * Redacts a text file given a piece of its bytes at a time (`push`, then `end`), in order, each
 * piece ending with a line feed but the last (see linePieces.ts), so that a file of any size is
 * redacted in bounded memory. Each piece is decoded on its own, scanned as a chunk of the whole
 * text (the findings are the whole text's), checked to encode back to its very bytes when it has
 * findings (else nothing outside them could be promised unchanged), its findings replaced and the
 * result scanned again: a value of a redacted rule still found there is an error. On an error, or
 * when the caller stops between two pieces, what was written is to be thrown away. Only masked
 * values and keyed fingerprints come out, never a raw value.
 * @throws MissingKeyError as redactTextBytes.
 */
export class PieceRedactor {
  private readonly decoder: StreamDecoder;
  private readonly write: RedactionSinks['write'];
  /** The findings of the piece in hand: offsets into its text, and absolute 0-based positions. */
  private found: (Finding & { line: number; character: number })[] = [];
  /** Text offset of the piece in hand. */
  private pieceBase = 0;
  private readonly scanner: StreamScanner;
  /** The redacted text, scanned again as it is written (not for `fake`, which makes new valid values by design)... */
  private readonly recheck: StreamScanner | undefined;
  /** ...here, or by the sinks' `recheck`. */
  private readonly elsewhere: ((text: string) => void) | undefined;
  private residual = 0;
  private count = 0;
  /** Bytes before the piece in hand. */
  private byteAt = 0;
  /** Line feeds in the pieces taken so far (decoding errors and overlong lines name their line). */
  lineFeeds = 0;

  constructor(
    path: string,
    private readonly engine: Engine,
    private readonly options: RedactTextOptions,
    private readonly sinks: RedactionSinks,
  ) {
    const scanOptions = { kind: fileKindOf(path), minConfidence: options.minConfidence };
    this.decoder = new StreamDecoder(options.encoding ?? 'auto');
    this.write = options.planOnly ? undefined : sinks.write;
    // No forced cuts (maxLine Infinity): each piece ends a line, so each push scans all of it.
    this.scanner = new StreamScanner(
      engine,
      scanOptions,
      (ruleIndex, start, end, confidence, _column, _text, base, line, character) => {
        const at = base - this.pieceBase;
        this.found.push({ ruleId: engine.rules[ruleIndex].id, start: at + start, end: at + end, confidence: CONFIDENCE[confidence], line, character });
      },
      true,
      Infinity,
    );
    const rechecks = this.write !== undefined && options.redact.operator !== 'fake';
    this.elsewhere = rechecks ? sinks.recheck : undefined;
    this.recheck = rechecks && !this.elsewhere ? recheckScanner(engine, path, options, () => this.residual++) : undefined;
  }

  /** The next piece; an error ends the redaction (the file is to be left as it was). */
  push(piece: Uint8Array): PiecesRedaction | undefined {
    const { decoder, engine, write, options } = this;
    const { lang } = options.redact;
    const first = this.byteAt === 0;
    let text = decoder.write(piece);
    const bom = first ? decoder.bomLength : 0;
    const last = text.length === 0 || text.charCodeAt(text.length - 1) !== 10;
    if (last) text += decoder.end();
    const bad = decoder.error;
    if (bad) {
      const line = 1 + this.lineFeeds + countLineFeeds(piece.subarray(bom, Math.max(bom, bad.offset - this.byteAt)), decoder.encoding);
      return { status: 'error', message: t(lang, 'redact.leftUnchanged', bad.withLine(line).in(lang)), undecodable: true };
    }
    this.found = [];
    this.scanner.push(text);
    if (last) this.scanner.end();
    const selected = selectedFindings(this.found, options.rules);
    let output = text;
    if (selected.length === 0) write?.(piece, true);
    else {
      const body = piece.subarray(bom);
      const format = formatOf(body, text, decoder.encoding);
      // Writing back must give the very bytes read outside the findings: check the round trip first.
      if (!encodeText(text, format).equals(body)) return { status: 'error', message: t(lang, 'redact.notByteExact', encodingLabel(decoder.encoding)) };
      const describe = this.sinks.replacement;
      const key = options.fingerprintKey;
      if (describe) {
        const masked = this.sinks.masked === true;
        for (const f of selected) describe({ ruleId: f.ruleId, line: f.line + 1, column: f.character + 1, masked: masked ? engine.masked(text, f) : undefined, fingerprint: key ? fingerprint(key, f.ruleId, text.slice(f.start, f.end)) : null });
      }
      this.count += selected.length;
      if (write) {
        output = applyEdits(text, redactionEdits(text, selected, (id) => engine.rule(id), options.redact));
        if (bom) write(piece.subarray(0, bom), true);
        write(encodeText(output, format), false);
      }
    }
    if (this.recheck) {
      this.recheck.push(output);
      if (last) this.recheck.end();
    } else this.elsewhere?.(output);
    this.pieceBase += text.length;
    this.byteAt += piece.length;
    this.lineFeeds += countLineFeeds(piece, decoder.encoding);
    return undefined;
  }

  /** After the last piece: the outcome. */
  end(): PiecesRedaction {
    const { lang } = this.options.redact;
    // A file that ends with a line feed: nothing is left, but the decoder and scanners must say so.
    this.decoder.end();
    if (this.decoder.error) return { status: 'error', message: t(lang, 'redact.leftUnchanged', this.decoder.error.in(lang)), undecodable: true };
    this.scanner.end();
    this.recheck?.end();
    if (this.residual) return { status: 'error', message: t(lang, 'redact.residual', this.residual) };
    return this.count ? { status: 'redacted', count: this.count } : { status: 'unchanged' };
  }
}

/**
 * The findings a redaction replaces, in text order: those of `rules` (all when absent), less any
 * overlapping an earlier one (as redactionEdits drops them). Offsets are within one text (a workbook: one cell's).
 */
export function selectedFindings<F extends Pick<Finding, 'ruleId' | 'start' | 'end'>>(findings: readonly F[], rules: ReadonlySet<string> | undefined): F[] {
  return nonOverlapping(findings, rules && ((f) => rules.has(f.ruleId)));
}

/** Whether a value still found in a redacted output counts against it (none expected): one of the redacted rules (`fake` makes new valid ones by design). */
export function isResidual(ruleId: string, operator: Operator, rules: ReadonlySet<string> | undefined): boolean {
  return operator !== 'fake' && (!rules || rules.has(ruleId));
}
