// `sdguard redact`: masks, redacts, pseudonymizes or fakes the findings of files and folders, into
// a mirrored copy (--out) or in place, atomically, byte for byte outside the findings, with an
// audit log of what was done (never the values).
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join, parse, relative, resolve, sep, basename } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinEngine } from '../engine/builtin';
import { planScan, type PlannedFile } from '../config/scanPlan';
import type { Engine } from '../engine/engine';
import { fingerprint, MissingKeyError, needsKey, OPERATORS, type Operator, type RedactOptions } from '../engine/redact/operators';
import type { Confidence } from '../engine/types';
import { langFromLocale, t, type Lang } from '../l10n/messages';
import { isWorkbookPath, loadXlsx, unreadSpreadsheetFormat } from '../xlsx/load';
import { workbookErrorMessage } from '../xlsx/readError';
import { refusalMessage, refusalOf } from '../xlsx/refusal';
import { atomicWriteFileSync, isTempName, type AtomicWriteOptions } from './atomicWrite';
import { AuditLog, DEFAULT_AUDIT_LOG } from './auditLog';
import { EXIT } from './exitCodes';
import { findFiles } from './findFiles';
import { KeyError, loadKey } from './keySource';
import { encodingOption, givesMinConfidence, jobsOption, minConfidenceOption } from './optionChecks';
import { isInside, realOrSelf } from './paths';
import { LineTooLongError, linePieces } from './linePieces';
import { RedactedOutput } from './redactedOutput';
import { PieceRedactor, residualCount, selectedFindings, type PiecesRedaction, type Replacement } from './redactText';
import { RemoteRecheck } from './remoteRecheck';
import { defaultJobs, PARALLEL_MIN_BYTES, WorkerPool } from './scanPool';
import { Spool } from './spool';
import { displayPath } from './scanFile';
import { BINARY_SNIFF, looksBinary, sniffBom, type EncodingOption } from './textCodec';
import { UsageError } from './usageError';

/**
 * Test hook (documented in the README's redact section): milliseconds to sleep after each
 * temporary file is complete and before it is renamed over its target, so that a test can kill
 * the process in the middle of a run, in the window where a kill leaves a temporary file behind.
 */
const SLOW_WRITE_ENV = 'SDGUARD_TEST_SLOW_WRITE_MS';

/**
 * Longest line redacted. Text files are redacted piece by piece (a megabyte or so, cut at line
 * feeds), so their size does not matter, but a line is held whole, several times over (bytes, text,
 * findings, the redacted copy). A file with a longer line is named and left as it was.
 */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Characters a `--placeholder` may not hold: they would change a CSV/TSV row's structure. */
const PLACEHOLDER_FORBIDDEN = /[",;|\t\r\n]/;

interface Settings {
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
type Planned = Replacement & { cell?: string };

/** A file to redact: where it is, how reports name it, and where its redacted bytes go. */
interface Input {
  abs: string;
  path: string;
  target: string;
  /** realOrSelf(abs) and realOrSelf(target), resolved once (the same path in place). */
  real: string;
  targetReal: string;
}

/**
 * One file's redaction, not yet in place: the output to commit (or discard) and what was replaced,
 * spooled to disk past a limit (a large export has millions of values).
 */
type FileOutcome =
  | { status: 'redacted' | 'unchanged'; count: number; planned: Spool; output: PendingOutput }
  | { status: 'binary' }
  | { status: 'error'; message: string }
  /** A signal came in the middle of the file: it is left as it was. */
  | { status: 'stopped' };

interface PendingOutput {
  commit(): void;
  discard(): void;
}

export async function redactCommand(args: string[], usage: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      mode: { type: 'string', default: 'mask' },
      out: { type: 'string' },
      'in-place': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'min-confidence': { type: 'string', default: 'medium' },
      rules: { type: 'string' },
      placeholder: { type: 'string' },
      'key-file': { type: 'string' },
      'audit-log': { type: 'string' },
      'no-audit-log': { type: 'boolean', default: false },
      encoding: { type: 'string', default: 'auto' },
      'no-config': { type: 'boolean', default: false },
      jobs: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return EXIT.clean;
  }
  const operator = values.mode as Operator;
  if (!OPERATORS.includes(operator)) throw new UsageError(`--mode must be ${OPERATORS.join(', ')}, not "${values.mode}"`);
  const minConfidence = minConfidenceOption(values['min-confidence']);
  const encoding = encodingOption(values.encoding);
  const jobs = jobsOption(values.jobs, defaultJobs());
  const dryRun = values['dry-run'];
  const inPlace = values['in-place'];
  if (values.out !== undefined && inPlace) throw new UsageError('give either --out DIR or --in-place, not both');
  if (values.out === undefined && !inPlace && !dryRun) throw new UsageError('redact writes either a copy (--out DIR) or the files themselves (--in-place); it never overwrites without --in-place');
  if (values.out === '') throw new UsageError('--out needs a folder');
  if (values['audit-log'] !== undefined && values['no-audit-log']) throw new UsageError('give either --audit-log FILE or --no-audit-log, not both');
  if (values.placeholder !== undefined) {
    if (operator !== 'redact') throw new UsageError('--placeholder only applies to --mode redact');
    if (PLACEHOLDER_FORBIDDEN.test(values.placeholder)) throw new UsageError('--placeholder may not hold quotes, commas, semicolons, pipes, tabs or line breaks (they would break CSV/TSV rows)');
  }
  if (positionals.length === 0) throw new UsageError('redact needs at least one file or folder');
  const lang: Lang = langFromLocale(values.lang ?? process.env.LANG);
  const cwd = process.cwd();
  // A reader that stops early (`--dry-run | head`) must not abort a run half-way through.
  process.stdout.on('error', () => undefined);

  const engine = builtinEngine();
  let rules: Set<string> | undefined;
  if (values.rules !== undefined) {
    rules = new Set(values.rules.split(',').map((s) => s.trim()).filter(Boolean));
    const unknown = [...rules].filter((id) => !engine.rule(id));
    if (unknown.length || rules.size === 0) throw new UsageError(`--rules: unknown rule id(s) ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}; see sdguard rules list`);
  }

  // The key: before any file is read, so that a missing or bad key changes nothing.
  let key: Uint8Array | undefined;
  try {
    key = loadKey(values['key-file'], process.env, positionals, lang)?.key;
  } catch (e) {
    if (!(e instanceof KeyError)) throw e;
    process.stderr.write(`sdguard: ${e.message}\n`);
    return EXIT.error;
  }
  if (needsKey(operator) && !key) {
    process.stderr.write(`sdguard: ${new MissingKeyError(operator === 'fake' ? 'fake' : 'pseudonymize', lang).message}\n`);
    return EXIT.error;
  }

  const outDir = values.out !== undefined ? resolve(values.out) : undefined;
  const auditPath = dryRun || values['no-audit-log'] ? undefined : resolve(values['audit-log'] ?? DEFAULT_AUDIT_LOG);
  const notices: string[] = [];
  const errors: { path: string; message: string }[] = [];

  // The files, less what this command writes (the output folder, the audit log) and leftovers of
  // an interrupted run.
  const inputs: Input[] = [];
  const base = outDir ? commonBase(positionals) : undefined;
  const outReal = outDir ? realOrSelf(outDir) : undefined;
  const auditReal = auditPath ? realOrSelf(auditPath) : undefined;
  for (const abs of findFiles(positionals, (path, message) => errors.push({ path, message }))) {
    const path = displayPath(abs, cwd);
    if (isTempName(basename(abs))) {
      notices.push(t(lang, 'redact.tempLeft', path));
      continue;
    }
    const real = realOrSelf(abs);
    if (auditPath && (abs === auditPath || real === auditReal)) continue;
    const target = outDir ? join(outDir, relative(base!, abs)) : real;
    const targetReal = outDir ? realOrSelf(target) : real;
    // A copy of a file onto itself (--out naming the input folder) is refused below; other files
    // already in the output folder (inside the tree) are earlier copies, not inputs.
    if (outDir && targetReal !== real && (isInside(abs, outDir) || isInside(real, outReal!))) continue;
    inputs.push({ abs, path, target, real, targetReal });
  }

  // Each file's nearest .sdguard.yaml decides, as for scan: its rules, allow list, ignored paths
  // (not redacted, nor copied to --out) and redact.placeholder. Nothing under a broken one is touched.
  const plan = planScan(inputs, engine, positionals, {
    useConfig: !values['no-config'],
    explicitMinConfidence: givesMinConfidence(args),
    key: () => key,
    displayPath: (abs) => displayPath(abs, cwd),
  });
  errors.push(...plan.errors);
  if (outDir && !dryRun) for (const i of plan.ignored) notices.push(t(lang, 'redact.notCopied', i.path, t(lang, 'cli.ignoredBy', i.by)));
  for (const w of plan.withoutKey) notices.push(t(lang, 'config.noKeyCli', w));
  // planScan copies each input it keeps (`{ ...f, engine }`), so the target travels with it.
  const files = plan.files as (PlannedFile & Input)[];

  // --out: refuse before writing anything if a copy would land on an input or on an existing file.
  if (outDir && !dryRun) {
    if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
      process.stderr.write(`sdguard: --out ${values.out} is not a folder\n`);
      return EXIT.error;
    }
    const clash = files.find((f) => f.targetReal === f.real);
    if (clash) {
      process.stderr.write(`sdguard: ${t(lang, 'redact.overwriteInput', clash.path)}\n`);
      return EXIT.error;
    }
    if (!values.force) {
      const existing = files.filter((f) => existsSync(f.target));
      if (existing.length) {
        process.stderr.write(`sdguard: ${t(lang, 'redact.exists', displayPath(existing[0].target, cwd), existing.length)}\n`);
        return EXIT.error;
      }
    }
  }

  let audit: AuditLog | undefined;
  if (auditPath) {
    audit = new AuditLog(auditPath);
    try {
      audit.open();
    } catch (e) {
      process.stderr.write(`sdguard: ${t(lang, 'redact.auditUnwritable', displayPath(auditPath, cwd), (e as Error).message)}\n`);
      return EXIT.error;
    }
  }

  // A first SIGINT/SIGTERM stops the run between two files, or within a large file between two of its
  // pieces (that file is then left as it was); a second one exits.
  let stopped: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopped) process.exit(EXIT.error);
    stopped = signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // A large text file is read back in a worker thread as it is written: the redaction's two scans
  // side by side (RemoteRecheck). One worker, started for the first such file; not for `fake`
  // (no read-back) nor a dry run (nothing written).
  let pool: WorkerPool | undefined;
  const recheck =
    jobs > 1 && !dryRun && operator !== 'fake'
      ? (file: PlannedFile, bytes: number) => {
          if (bytes < PARALLEL_MIN_BYTES || isWorkbookPath(file.abs)) return undefined;
          if (!pool) {
            pool = new WorkerPool(1, engine.rules, { minConfidence, lang, detail: false, encoding });
            pool.define(plan.specs.slice(1).map((spec, i) => ({ id: i + 1, spec })));
          }
          return new RemoteRecheck(pool.workers[0], file, { minConfidence, rules });
        }
      : undefined;
  const slowMs = Number(process.env[SLOW_WRITE_ENV] ?? 0);
  const settings: Settings = {
    redact: { operator, lang, ...(key ? { key } : {}), ...(values.placeholder !== undefined ? { placeholder: values.placeholder } : {}) },
    minConfidence,
    rules,
    encoding,
    dryRun,
    stopping: () => stopped !== undefined,
    ...(slowMs > 0 ? { beforeRename: () => sleepSync(slowMs) } : {}),
    ...(recheck ? { recheck } : {}),
  };

  let read = 0;
  let changedFiles = 0;
  let values_ = 0;
  let written = 0;
  let auditLines = 0;
  let done = 0;
  try {
    for (const file of files) {
      // Let a signal in between two files.
      await new Promise((r) => setImmediate(r));
      if (stopped) break;
      const id = file.engine;
      const placeholder = operator === 'redact' && values.placeholder === undefined ? plan.placeholders[id] : undefined;
      const output = displayPath(file.target, cwd);
      // What each value replaced becomes: a line of the dry run's list, or of the audit log (less its time).
      const auditLine = audit ? AuditLog.pendingFor(file.path, operator, output) : undefined;
      const describe = dryRun
        ? (p: Planned) => dryRunLine(file.path, p)
        : auditLine
          ? (p: Planned) => auditLine({ rule: p.ruleId, line: p.line, column: p.column, cell: p.cell || undefined, fingerprint: p.fingerprint })
          : undefined;
      const outcome = await redactOne(file, plan.engine(id), placeholder === undefined ? settings : { ...settings, redact: { ...settings.redact, placeholder } }, describe);
      if (outcome.status === 'stopped') break;
      done++;
      if (outcome.status === 'error') {
        errors.push({ path: file.path, message: outcome.message });
        continue;
      }
      if (outcome.status === 'binary') {
        // A spreadsheet in a format not read is named whatever the mode: it may hold the values the run was to redact.
        const format = unreadSpreadsheetFormat(file.path);
        const copy = outDir && !dryRun;
        if (format) notices.push(t(lang, copy ? 'redact.notCopied' : 'cli.skipped', file.path, t(lang, 'cli.unreadSpreadsheet', format)));
        else if (copy) notices.push(t(lang, 'redact.notCopied', file.path, t(lang, 'cli.binary')));
        continue;
      }
      const { planned } = outcome;
      try {
        read++;
        if (outcome.status === 'redacted') {
          changedFiles++;
          values_ += outcome.count;
        }
        if (dryRun) {
          for (const batch of planned.batches()) process.stdout.write(batch.map((line) => `${line}\n`).join(''));
          continue;
        }
        // In place, an unchanged file is left alone; a copy is written whatever it holds.
        if (outcome.status === 'unchanged' && !outDir) continue;
        try {
          outcome.output.commit();
        } catch (e) {
          errors.push({ path: file.path, message: (e as Error).message });
          continue;
        }
        written++;
        if (outcome.status !== 'redacted') continue;
        try {
          audit?.appendPending(planned.batches(), new Date().toISOString());
          if (audit) auditLines += planned.count;
        } catch (e) {
          errors.push({ path: audit!.path, message: (e as Error).message });
        }
        process.stdout.write(`${outDir ? t(lang, 'redact.fileOut', file.path, outcome.count, output) : t(lang, 'redact.file', file.path, outcome.count)}\n`);
      } finally {
        outcome.output.discard();
        planned.close();
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    audit?.close();
    pool?.close();
  }

  for (const n of notices) process.stderr.write(`sdguard: ${n}\n`);
  for (const e of errors) process.stderr.write(`sdguard: ${t(lang, 'cli.error')}: ${e.path}: ${e.message}\n`);
  if (stopped) {
    process.stderr.write(`${t(lang, 'redact.interrupted', stopped, done, files.length - done)}\n`);
    return EXIT.error;
  }
  if (dryRun) process.stderr.write(`${t(lang, 'redact.dryRun', values_, changedFiles, read)}\n`);
  else {
    process.stderr.write(`${values_ ? t(lang, 'redact.done', values_, changedFiles, read) : t(lang, 'redact.nothing', read)}\n`);
    if (outDir && written) process.stderr.write(`${t(lang, 'redact.wroteOut', written, displayPath(outDir, cwd) || '.')}\n`);
    if (audit && auditLines) process.stderr.write(`${t(lang, 'redact.audit', displayPath(audit.path, cwd), auditLines)}\n`);
  }
  return errors.length ? EXIT.error : EXIT.clean;
}

function dryRunLine(path: string, p: Planned): string {
  return `${p.cell ? `${path} ${p.cell}` : `${path}:${p.line}:${p.column}`}  ${p.ruleId}  ${p.masked}`;
}

/** Reads, scans and redacts one file; its output is left pending (see FileOutcome). */
async function redactOne(file: PlannedFile & Input, engine: Engine, settings: Settings, describe: ((p: Planned) => string) | undefined): Promise<FileOutcome> {
  if (!isWorkbookPath(file.abs)) return await redactTextFile(file, engine, settings, describe);
  let mode: number;
  try {
    mode = statSync(file.abs).mode & 0o7777;
  } catch (e) {
    return { status: 'error', message: (e as Error).message };
  }
  try {
    return await redactWorkbook(file.abs, { mode, ...(settings.beforeRename ? { beforeRename: settings.beforeRename } : {}) }, file.target, engine, settings, describe);
  } catch (e) {
    // MissingKeyError cannot happen here (checked before); anything else is this file's error.
    return { status: 'error', message: (e as Error).message };
  }
}

/** The first bytes of each file, read to tell text from binary (one file at a time). */
let sniffBuffer: Buffer | undefined;

/** Pieces redacted between two looks at the event loop (where a signal comes in): a few megabytes. */
const PIECES_PER_TURN = 4;

/**
 * A text file, streamed: read a piece at a time, written as it goes to a temporary file (not in a
 * dry run). Between pieces a signal is let in, and stops the file where it is.
 */
async function redactTextFile(file: PlannedFile & Input, engine: Engine, s: Settings, describe: ((p: Planned) => string) | undefined): Promise<FileOutcome> {
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
  // In place, the original's permission bits; a copy gets them too.
  const output = new RedactedOutput(file.target, fd, { mode, ...(s.beforeRename ? { beforeRename: s.beforeRename } : {}) });
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
      ...(describe ? { replacement: (p: Replacement) => planned.add(describe(p)) } : {}),
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
    return { status: 'error', message: (e as Error).message };
  } finally {
    remote?.close();
    if (!handedOn) {
      output.discard();
      planned.close();
    }
  }
}

/** A workbook, streamed (see streamRedact.ts); the copy is held in memory (compressed) until committed. */
async function redactWorkbook(path: string, writeOptions: AtomicWriteOptions, target: string, engine: Engine, s: Settings, describe: ((p: Planned) => string) | undefined): Promise<FileOutcome> {
  const planned: Planned[] = [];
  let r;
  try {
    r = await loadXlsx().redactWorkbookStream(path, engine, {
      minConfidence: s.minConfidence,
      redact: s.redact,
      select: (list) => selectedFindings(list, s.rules),
      planOnly: s.dryRun,
      onReplaced: (f, raw) => planned.push({ ruleId: f.ruleId, line: f.row, column: f.column, cell: f.ref, masked: f.masked, fingerprint: s.redact.key ? fingerprint(s.redact.key, f.ruleId, raw) : null }),
    });
  } catch (e) {
    const refusal = refusalOf(e);
    return { status: 'error', message: refusal ? refusalMessage(s.redact.lang, refusal) : t(s.redact.lang, 'cli.badWorkbook', workbookErrorMessage(s.redact.lang, e)) };
  }
  const unchanged = () => bytesOutput(target, readFileSync(path), writeOptions);
  if (r.findings.length === 0) return { status: 'unchanged', count: 0, planned: new Spool(), output: unchanged() };
  if (s.dryRun || !r.bytes) return { status: 'redacted', count: planned.length, planned: spoolOf(planned, describe), output: unchanged() };
  const residual = residualCount(r.residual ?? [], s.redact.operator, s.rules);
  if (residual) return { status: 'error', message: t(s.redact.lang, 'redact.residual', residual) };
  return { status: 'redacted', count: planned.length, planned: spoolOf(planned, describe), output: bytesOutput(target, r.bytes, writeOptions) };
}

function spoolOf(items: readonly Planned[], describe: ((p: Planned) => string) | undefined): Spool {
  const spool = new Spool();
  if (describe) for (const item of items) spool.add(describe(item));
  return spool;
}

/** Bytes in memory (a workbook's), written atomically over `target` on commit. */
function bytesOutput(target: string, bytes: Uint8Array, options: AtomicWriteOptions): PendingOutput {
  return {
    commit: () => {
      mkdirSync(dirname(target), { recursive: true });
      atomicWriteFileSync(target, bytes, options);
    },
    discard: () => undefined,
  };
}

/**
 * The folder the output tree mirrors: the deepest folder holding every input (a folder input
 * counts as itself, a file as its folder), so `redact data/ --out shared/` writes `shared/a.csv`
 * for `data/a.csv`, and a single file goes to `DIR/NAME`.
 */
function commonBase(inputs: readonly string[]): string {
  const dirs = inputs.map((p) => {
    const abs = resolve(p);
    try {
      return statSync(abs).isDirectory() ? abs : dirname(abs);
    } catch {
      return dirname(abs);
    }
  });
  let parts = dirs[0].split(sep);
  for (const d of dirs.slice(1)) {
    const other = d.split(sep);
    let n = 0;
    while (n < parts.length && n < other.length && parts[n] === other[n]) n++;
    parts = parts.slice(0, n);
  }
  const joined = parts.join(sep);
  return joined === '' ? parse(dirs[0]).root : joined;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
