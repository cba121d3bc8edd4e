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
import { LineIndex } from '../engine/text/lineIndex';
import type { Confidence, Finding } from '../engine/types';
import { t } from '../l10n/messages';
import { decodeBytes, encodeText, encodingLabel, NotTextError, type EncodingOption } from './textCodec';

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
  /** The value masked, as reports show it. */
  masked: string;
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
  const { lang } = options.redact;
  let decoded;
  try {
    decoded = decodeBytes(bytes, options.encoding ?? 'auto', path);
  } catch (e) {
    if (e instanceof NotTextError) return { status: 'binary' };
    return { status: 'error', message: `${(e as Error).message}; ${t(lang, 'redact.leftUnchanged')}`, undecodable: true };
  }
  const { text } = decoded;
  const kind = fileKindOf(path);
  const findings = selectedFindings(engine.scan(text, { kind, minConfidence: options.minConfidence }), options.rules);
  if (findings.length === 0) return { status: 'unchanged' };
  // Writing back must give the very bytes read outside the findings: check the round trip first.
  if (!encodeText(text, decoded).equals(bytes)) return { status: 'error', message: t(lang, 'redact.notByteExact', encodingLabel(decoded.encoding)) };
  const lines = new LineIndex(text);
  const key = options.fingerprintKey;
  const replacements = findings.map((f): Replacement => {
    const { line, character } = lines.positionAt(f.start);
    return { ruleId: f.ruleId, line: line + 1, column: character + 1, masked: engine.masked(text, f), fingerprint: key ? fingerprint(key, f.ruleId, text.slice(f.start, f.end)) : null };
  });
  if (options.planOnly) return { status: 'redacted', replacements };
  const redacted = applyEdits(text, redactionEdits(text, findings, (id) => engine.rule(id), options.redact));
  const residual = residualCount(engine.scan(redacted, { kind, minConfidence: options.minConfidence }), options.redact.operator, options.rules);
  if (residual) return { status: 'error', message: t(lang, 'redact.residual', residual) };
  return { status: 'redacted', replacements, bytes: encodeText(redacted, decoded) };
}

/**
 * The findings a redaction replaces, in text order: those of `rules` (all when absent), less any
 * overlapping an earlier one (as redactionEdits drops them). Offsets are within one text (a workbook: one cell's).
 */
export function selectedFindings<F extends Pick<Finding, 'ruleId' | 'start' | 'end'>>(findings: readonly F[], rules: ReadonlySet<string> | undefined): F[] {
  return nonOverlapping(findings, rules && ((f) => rules.has(f.ruleId)));
}

/** Values of the redacted rules still found in a redacted output (none expected; `fake` makes new valid ones by design). */
export function residualCount(findings: readonly { ruleId: string }[], operator: Operator, rules: ReadonlySet<string> | undefined): number {
  if (operator === 'fake') return 0;
  return findings.filter((f) => !rules || rules.has(f.ruleId)).length;
}
