// One file's redaction, left pending for the run to put in place (or throw away): a text file
// streamed a piece at a time into a temporary file beside its target, a workbook streamed through
// the rewriter. What each value replaced becomes (a dry run's line, an audit line) is spooled.
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PlannedFile } from '../config/scanPlan';
import type { Engine } from '../engine/engine';
import { fingerprint, type RedactOptions } from '../engine/redact/operators';
import type { Confidence } from '../engine/types';
import { t } from '../l10n/messages';
import { isWorkbookPath, loadXlsx } from '../xlsx/load';
import { workbookErrorMessage } from '../xlsx/readError';
import { refusalMessage, refusalOf } from '../xlsx/refusal';
import { commitSealed, sealedFile, type AtomicWriteOptions } from './atomicWrite';
import { AuditLog } from './auditLog';
import { LineTooLongError, linePieces } from './linePieces';
import { RedactedOutput } from './redactedOutput';
import { isResidual, PieceRedactor, selectedFindings, type PiecesRedaction, type Replacement } from './redactText';
import type { RemoteRecheck } from './remoteRecheck';
import { Spool } from './spool';
import { BINARY_SNIFF, looksBinary, sniffBom, type EncodingOption } from './textCodec';
import { messageIn } from '../l10n/localizedError';
import { findingPlace } from '../xlsx/cells';

/**
 * Longest line redacted. Text files are redacted piece by piece (a megabyte or so, cut at line
 * feeds), so their size does not matter, but a line is held whole, several times over (bytes, text,
 * findings, the redacted copy). A file with a longer line is named and left as it was.
 */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Where a file's redacted bytes go: `target` (the file itself in place, or its copy's path). */
export interface RedactTarget {
  abs: string;
  path: string;
  target: string;
}

export interface RedactSettings {
  /** The operator, its key (also the key of audit fingerprints) and the language of messages. */
  redact: RedactOptions;
  minConfidence: Confidence;
  rules: ReadonlySet<string> | undefined;
  encoding: EncodingOption;
  dryRun: boolean;
  /** Whether a signal asked to stop: looked at between the pieces of a large file too. */
  stopping: () => boolean;
  beforeRename?: () => void;
  /** Where a text file of `bytes` is read back, when not in this thread (a large file, and --jobs over 1). */
  recheck?: (file: PlannedFile, bytes: number) => RemoteRecheck | undefined;
}

/** A finding to replace, with what the audit log and the dry run say about it (a workbook's names its cell). */
export type Planned = Replacement & { cell?: string };

/**
 * One file's redaction, not yet in place: the output to commit (or discard) and what was replaced,
 * spooled to disk past a limit (a large export has millions of values).
 */
export type FileOutcome =
  | { status: 'redacted' | 'unchanged'; count: number; planned: Spool; output: PendingOutput }
  | { status: 'binary' }
  | { status: 'error'; message: string }
  /** A signal came in the middle of the file: it is left as it was. */
  | { status: 'stopped' };

export interface PendingOutput {
  commit(): void;
  /** Writes it to its temporary file without putting it in place: the path, for commitSealed (see AtomicFile.seal). */
  seal(): string;
  discard(): void;
}

/** What each value replaced becomes: a line of the dry run's list, or of the audit log (less its time), or nothing. */
export type Describing = 'dryRun' | 'audit' | 'none';

/** Writes the line of a value replaced to a spool (the dry run's list, or the audit log's lines); `masked`: whether it needs the value masked. */
export type Describer = ((p: Planned, out: Spool) => void) & { masked: boolean };

/** The line for each value replaced in the file at `path` (`output`: where its redacted copy goes, as reports name it). */
export function describer(what: Describing, path: string, operator: string, output: string): Describer | undefined {
  if (what === 'dryRun') return Object.assign((p: Planned, out: Spool) => out.add(`${p.cell ? `${path} ${p.cell}` : `${path}:${p.line}:${p.column}`}  ${p.ruleId}  ${p.masked}`), { masked: true });
  if (what === 'none') return undefined;
  const auditLine = AuditLog.pendingFor(path, operator, output);
  return Object.assign((p: Planned, out: Spool) => auditLine({ rule: p.ruleId, line: p.line, column: p.column, cell: p.cell || undefined, fingerprint: p.fingerprint }, out), { masked: false });
}

/** Reads, scans and redacts one file; its output is left pending (see FileOutcome). */
export async function redactOne(file: PlannedFile & RedactTarget, engine: Engine, settings: RedactSettings, describe: Describer | undefined): Promise<FileOutcome> {
  if (!isWorkbookPath(file.abs)) return await redactTextFile(file, engine, settings, describe);
  let mode: number;
  try {
    mode = statSync(file.abs).mode & 0o7777;
  } catch (e) {
    return { status: 'error', message: (e as Error).message };
  }
  try {
    return await redactWorkbook(file.abs, writeOptions(mode, settings), file.target, engine, settings, describe);
  } catch (e) {
    // MissingKeyError cannot happen here (checked before); anything else is this file's error.
    return { status: 'error', message: (e as Error).message };
  }
}

/** How a file's redacted copy is written: the original's permission bits (in place or to a copy), and the test hook. */
function writeOptions(mode: number, s: RedactSettings): AtomicWriteOptions {
  return { mode, ...(s.beforeRename ? { beforeRename: s.beforeRename } : {}) };
}

/** The first bytes of each file, read to tell text from binary (one file at a time). */
let sniffBuffer: Buffer | undefined;

/** Pieces redacted between two looks at the event loop (where a signal comes in): a few megabytes. */
const PIECES_PER_TURN = 4;

/**
 * A text file, streamed: read a piece at a time, written as it goes to a temporary file (not in a
 * dry run). Between pieces a signal is let in, and stops the file where it is.
 */
async function redactTextFile(file: PlannedFile & RedactTarget, engine: Engine, s: RedactSettings, describe: Describer | undefined): Promise<FileOutcome> {
  let fd: number;
  let mode: number;
  let bytes: number;
  try {
    fd = openSync(file.abs, 'r');
  } catch (e) {
    return { status: 'error', message: (e as Error).message };
  }
  try {
    ({ mode, size: bytes } = fstatSync(fd));
    mode &= 0o7777;
  } catch (e) {
    closeSync(fd);
    return { status: 'error', message: (e as Error).message };
  }
  const output = new RedactedOutput(file.target, fd, writeOptions(mode, s));
  const planned = new Spool();
  // Handed on with the outcome, or thrown away here (with the temporary file, if one was begun).
  let handedOn = false;
  let redactor: PieceRedactor | undefined;
  let remote: RemoteRecheck | undefined;
  try {
    const head = (sniffBuffer ??= Buffer.allocUnsafe(BINARY_SNIFF));
    const n = readSync(fd, head, 0, head.length, 0);
    if (looksBinary(head.subarray(0, n), s.encoding)) return { status: 'binary' };
    const encoding = sniffBom(head.subarray(0, n))?.encoding ?? s.encoding;
    const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be' ? encoding : undefined;
    const rechecked = (remote = s.recheck?.(file, bytes));
    redactor = new PieceRedactor(file.abs, engine, { redact: s.redact, minConfidence: s.minConfidence, rules: s.rules, encoding: s.encoding, fingerprintKey: s.redact.key, planOnly: s.dryRun }, {
      write: (bytes, unchanged) => output.write(bytes, unchanged),
      ...(describe ? { replacement: (p: Replacement) => describe(p, planned), masked: describe.masked } : {}),
      ...(rechecked ? { recheck: (text: string) => rechecked.push(text) } : {}),
    });
    let r: PiecesRedaction | undefined;
    let pieces = 0;
    for (const piece of linePieces(fd, utf16, MAX_LINE_BYTES)) {
      if ((r = redactor.push(piece))) break;
      if (++pieces % PIECES_PER_TURN === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (s.stopping()) return { status: 'stopped' };
      }
      await remote?.room();
    }
    r ??= redactor.end();
    if (r.status === 'error') return r;
    const residual = remote ? await remote.end() : 0;
    if (residual) return { status: 'error', message: t(s.redact.lang, 'redact.residual', residual) };
    handedOn = true;
    return { status: r.status, count: r.status === 'redacted' ? r.count : 0, planned, output };
  } catch (e) {
    // The overlong line starts right after the pieces the redactor took.
    if (e instanceof LineTooLongError) return { status: 'error', message: t(s.redact.lang, 'redact.lineTooLong', (redactor?.lineFeeds ?? 0) + 1, MAX_LINE_BYTES / (1024 * 1024)) };
    // MissingKeyError cannot happen here (checked before); anything else is this file's error.
    return { status: 'error', message: messageIn(e, s.redact.lang) };
  } finally {
    remote?.close();
    if (!handedOn) {
      output.discard();
      planned.close();
    }
  }
}

/**
 * A workbook, streamed (see streamRedact.ts); the copy is held in memory (compressed) until
 * committed. Each value replaced is described as it is planned, into a spool: a large workbook's
 * hundreds of thousands of lines are not held as objects meanwhile.
 */
async function redactWorkbook(path: string, writeOptions: AtomicWriteOptions, target: string, engine: Engine, s: RedactSettings, describe: Describer | undefined): Promise<FileOutcome> {
  const planned = new Spool();
  let r;
  try {
    r = await loadXlsx().redactWorkbookStream(path, engine, {
      minConfidence: s.minConfidence,
      redact: s.redact,
      select: (list) => selectedFindings(list, s.rules),
      planOnly: s.dryRun,
      residual: (f) => isResidual(f.ruleId, s.redact.operator, s.rules),
      onReplaced: describe
        ? (f, raw) =>
            describe(
              {
                ruleId: f.ruleId,
                line: f.row,
                column: f.column,
                cell: findingPlace(f, s.redact.lang),
                masked: f.masked,
                fingerprint: s.redact.key ? fingerprint(s.redact.key, f.ruleId, raw) : null,
              },
              planned,
            )
        : undefined,
    });
  } catch (e) {
    planned.close();
    const refusal = refusalOf(e);
    return { status: 'error', message: refusal ? refusalMessage(s.redact.lang, refusal) : t(s.redact.lang, 'cli.badWorkbook', workbookErrorMessage(s.redact.lang, e)) };
  }
  // The workbook as it is (a copy, --out), read only if it is put in place: not in a dry run, nor in place.
  const unchanged = () => bytesOutput(target, () => readFileSync(path), writeOptions);
  if (r.replaced === 0) return { status: 'unchanged', count: 0, planned, output: unchanged() };
  if (s.dryRun || !r.bytes) return { status: 'redacted', count: r.replaced, planned, output: unchanged() };
  const residual = r.residual?.length ?? 0;
  if (residual) {
    planned.close();
    return { status: 'error', message: t(s.redact.lang, 'redact.residual', residual) };
  }
  const { bytes } = r;
  return { status: 'redacted', count: r.replaced, planned, output: bytesOutput(target, () => bytes, writeOptions) };
}

/** A workbook's bytes, got when sealed (on commit), written atomically over `target`. */
function bytesOutput(target: string, bytes: () => Uint8Array, options: AtomicWriteOptions): PendingOutput {
  const seal = () => {
    mkdirSync(dirname(target), { recursive: true });
    return sealedFile(target, bytes(), options);
  };
  return { commit: () => commitSealed(seal(), target, options), seal, discard: () => undefined };
}

