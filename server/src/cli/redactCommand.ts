// `sdguard redact`: masks, redacts, pseudonymizes or fakes the findings of files and folders, into
// a mirrored copy (--out) or in place, atomically, byte for byte outside the findings, with an
// audit log of what was done (never the values).
import { existsSync, statSync } from 'node:fs';
import { dirname, join, parse, relative, resolve, sep, basename } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinEngine } from '../engine/builtin';
import { planScan, type PlannedFile } from '../config/scanPlan';
import { MissingKeyError, needsKey, OPERATORS, type Operator, type RedactOptions } from '../engine/redact/operators';
import { langFromLocale, t, type Lang } from '../l10n/messages';
import { isWorkbookPath, unreadSpreadsheetFormat } from '../xlsx/load';
import { isTempName } from './atomicWrite';
import { AuditLog, DEFAULT_AUDIT_LOG } from './auditLog';
import { EXIT } from './exitCodes';
import { findFiles } from './findFiles';
import { KeyError, loadKey } from './keySource';
import { encodingOption, givesMinConfidence, jobsOption, minConfidenceOption } from './optionChecks';
import { isInside, realOrSelf } from './paths';
import { describer, redactOne, type Describing, type FileOutcome, type RedactSettings } from './redactFile';
import { RedactWorkers } from './redactWorkers';
import { RemoteRecheck } from './remoteRecheck';
import { defaultJobs, enoughForWorkers, PARALLEL_MIN_BYTES, WorkerPool } from './scanPool';
import { bytesOf, displayPath } from './scanFile';
import { UsageError } from './usageError';
import { messageIn } from '../l10n/localizedError';

/**
 * Test hook (documented in the README's redact section): milliseconds to sleep after each
 * temporary file is complete and before it is renamed over its target, so that a test can kill
 * the process in the middle of a run, in the window where a kill leaves a temporary file behind.
 */
const SLOW_WRITE_ENV = 'SDGUARD_TEST_SLOW_WRITE_MS';

/** Characters a `--placeholder` may not hold: they would change a CSV/TSV row's structure. */
const PLACEHOLDER_FORBIDDEN = /[",;|\t\r\n]/;

/** A file to redact: where it is, how reports name it, and where its redacted bytes go. */
interface Input {
  abs: string;
  path: string;
  target: string;
  /** realOrSelf(abs) and realOrSelf(target), resolved once (the same path in place). */
  real: string;
  targetReal: string;
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
  if (!OPERATORS.includes(operator)) throw new UsageError('usage.mode', OPERATORS.join(', '), String(values.mode));
  const minConfidence = minConfidenceOption(values['min-confidence']);
  const encoding = encodingOption(values.encoding);
  const jobs = jobsOption(values.jobs, defaultJobs());
  const dryRun = values['dry-run'];
  const inPlace = values['in-place'];
  if (values.out !== undefined && inPlace) throw new UsageError('usage.outAndInPlace');
  if (values.out === undefined && !inPlace && !dryRun) throw new UsageError('usage.outOrInPlace');
  if (values.out === '') throw new UsageError('usage.outFolder');
  if (values['audit-log'] !== undefined && values['no-audit-log']) throw new UsageError('usage.auditLogBoth');
  if (values.placeholder !== undefined) {
    if (operator !== 'redact') throw new UsageError('usage.placeholderMode');
    if (PLACEHOLDER_FORBIDDEN.test(values.placeholder)) throw new UsageError('usage.placeholderChars');
  }
  if (positionals.length === 0) throw new UsageError('usage.redactPaths');
  const lang: Lang = langFromLocale(values.lang ?? process.env.LANG);
  const cwd = process.cwd();
  // A reader that stops early (`--dry-run | head`) must not abort a run half-way through.
  process.stdout.on('error', () => undefined);

  const engine = builtinEngine();
  let rules: Set<string> | undefined;
  if (values.rules !== undefined) {
    rules = new Set(values.rules.split(',').map((s) => s.trim()).filter(Boolean));
    const unknown = [...rules].filter((id) => !engine.rule(id));
    if (unknown.length || rules.size === 0) throw unknown.length ? new UsageError('usage.unknownRules', unknown.map((u) => `"${u}"`).join(', ')) : new UsageError('usage.noRules');
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
    lang,
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

  const slowMs = Number(process.env[SLOW_WRITE_ENV] ?? 0);
  const writing = slowMs > 0 ? { beforeRename: () => sleepSync(slowMs) } : {};
  const describing: Describing = dryRun ? 'dryRun' : audit ? 'audit' : 'none';
  const redactOptions: RedactOptions = { operator, lang, ...(key ? { key } : {}), ...(values.placeholder !== undefined ? { placeholder: values.placeholder } : {}) };

  // Worker threads, started once: a folder's small text files are redacted in them too (--jobs N:
  // N - 1 of them, this thread the N-th), when there is enough to gain (as for scan: 32 MB of such
  // files, unless --jobs is given); and a large text file is read back in one as it is written
  // (RemoteRecheck: the redaction's two scans side by side; not for `fake`, which reads nothing
  // back, nor a dry run, which writes nothing).
  let pool: WorkerPool | undefined;
  const startPool = (count: number): WorkerPool => {
    pool = new WorkerPool(count, engine.rules, { minConfidence, lang, detail: false, encoding });
    pool.define(plan.specs.slice(1).map((spec, i) => ({ id: i + 1, spec })));
    return pool;
  };
  const small = new Set(jobs > 1 ? files.filter((f) => !isWorkbookPath(f.abs) && bytesOf(f) < PARALLEL_MIN_BYTES) : []);
  const workers =
    small.size > 1 && (values.jobs !== undefined || enoughForWorkers([...small]))
      ? new RedactWorkers(startPool(jobs - 1).workers, { redact: redactOptions, minConfidence, ...(rules ? { rules: [...rules] } : {}), encoding, dryRun, describing, writeUnchanged: outDir !== undefined }, writing)
      : undefined;
  const recheck =
    jobs > 1 && !dryRun && operator !== 'fake'
      ? (file: PlannedFile, bytes: number) => {
          if (bytes < PARALLEL_MIN_BYTES || isWorkbookPath(file.abs)) return undefined;
          return new RemoteRecheck((pool ?? startPool(1)).workers[0], file, { minConfidence, rules });
        }
      : undefined;
  const settings: RedactSettings = {
    redact: redactOptions,
    minConfidence,
    rules,
    encoding,
    dryRun,
    stopping: () => stopped !== undefined,
    ...writing,
    ...(recheck ? { recheck } : {}),
  };

  let read = 0;
  let changedFiles = 0;
  let values_ = 0;
  let written = 0;
  let auditLines = 0;
  /** What one file's redaction came to, in file order: put in place, logged and reported, or named. */
  const finish = (file: (typeof files)[number], outcome: Exclude<FileOutcome, { status: 'stopped' }>): void => {
    if (outcome.status === 'error') {
      errors.push({ path: file.path, message: outcome.message });
      return;
    }
    if (outcome.status === 'binary') {
      // A spreadsheet in a format not read is named whatever the mode: it may hold the values the run was to redact.
      const format = unreadSpreadsheetFormat(file.path);
      const copy = outDir && !dryRun;
      if (format) notices.push(t(lang, copy ? 'redact.notCopied' : 'cli.skipped', file.path, t(lang, 'cli.unreadSpreadsheet', format)));
      else if (copy) notices.push(t(lang, 'redact.notCopied', file.path, t(lang, 'cli.binary')));
      return;
    }
    const { planned } = outcome;
    try {
      read++;
      if (outcome.status === 'redacted') {
        changedFiles++;
        values_ += outcome.count;
      }
      if (dryRun) {
        for (const chunk of planned.chunks()) process.stdout.write(chunk);
        return;
      }
      // In place, an unchanged file is left alone; a copy is written whatever it holds.
      if (outcome.status === 'unchanged' && !outDir) return;
      try {
        outcome.output.commit();
      } catch (e) {
        errors.push({ path: file.path, message: (e as Error).message });
        return;
      }
      written++;
      if (outcome.status !== 'redacted') return;
      try {
        audit?.appendPending(planned.chunks(), new Date().toISOString());
        if (audit) auditLines += planned.count;
      } catch (e) {
        errors.push({ path: audit!.path, message: (e as Error).message });
      }
      const output = displayPath(file.target, cwd);
      process.stdout.write(`${outDir ? t(lang, 'redact.fileOut', file.path, outcome.count, output) : t(lang, 'redact.file', file.path, outcome.count)}\n`);
    } finally {
      outcome.output.discard();
      planned.close();
    }
  };

  // Each file's outcome, by index: redacted here, or in a worker (`pending` until it answers).
  // Files are started up to `window` ahead of the next one to finish, and finished in file order.
  const slots: ({ outcome?: FileOutcome; pending?: Promise<void> } | undefined)[] = [];
  const window = workers ? jobs * 4 : 1;
  const placeholderOf = (file: (typeof files)[number]) => (operator === 'redact' && values.placeholder === undefined ? plan.placeholders[file.engine] : undefined);
  const startHere = async (i: number): Promise<void> => {
    const file = files[i];
    const placeholder = placeholderOf(file);
    const slot: { outcome?: FileOutcome } = {};
    slots[i] = slot;
    slot.outcome = await redactOne(file, plan.engine(file.engine), placeholder === undefined ? settings : { ...settings, redact: { ...redactOptions, placeholder } }, describer(describing, file.path, operator, displayPath(file.target, cwd)));
  };
  const startInWorker = (i: number): void => {
    const file = files[i];
    const slot: { outcome?: FileOutcome; pending?: Promise<void> } = {};
    slot.pending = workers!.redact({ abs: file.abs, path: file.path, target: file.target, engine: file.engine }, placeholderOf(file), displayPath(file.target, cwd)).then(
      (outcome) => void (slot.outcome = outcome),
      (e: Error) => void (slot.outcome = { status: 'error', message: messageIn(e, lang) }),
    );
    slots[i] = slot;
  };
  let done = 0;
  let started = 0;
  try {
    while (done < files.length) {
      // Let a signal in between two files.
      await new Promise((r) => setImmediate(r));
      if (stopped) break;
      while (workers && started < files.length && started < done + window && small.has(files[started]) && workers.hasRoom()) startInWorker(started++);
      const slot = slots[done];
      if (!slot?.outcome) {
        // This thread's share, while the workers are busy; else wait for the next file to finish.
        if (started < files.length && started < done + window) await startHere(started++);
        else await slot?.pending;
        continue;
      }
      const { outcome } = slot;
      if (outcome.status === 'stopped') break;
      slots[done] = undefined;
      finish(files[done++], outcome);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Files begun but not finished (a stop, an error) are left as they were: their temporary files go.
    for (let i = done; i < started; i++) {
      const slot = slots[i];
      await slot?.pending;
      const outcome = slot?.outcome;
      if (outcome?.status === 'redacted' || outcome?.status === 'unchanged') {
        outcome.output.discard();
        outcome.planned.close();
      }
    }
    workers?.close();
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
