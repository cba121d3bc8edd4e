import { statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinEngine } from '../engine/builtin';
import type { Rule, Severity } from '../engine/types';
import { planScan } from '../config/scanPlan';
import { sentences } from '../l10n/describe';
import { langFromLocale, t, type Lang } from '../l10n/messages';
import { unreadSpreadsheetFormat } from '../xlsx/load';
import { isTempName } from './atomicWrite';
import { EXIT } from './exitCodes';
import { fingerprintCommand } from './fingerprintCommand';
import { BASELINE_FILE, BaselineCollector, BaselineMatcher, keyMatches, readBaseline, saltFor } from './baseline/baseline';
import type { FingerprintOptions } from './baseline/fingerprint';
import { onChangedLine, type ChangedLines } from './git/changedLines';
import { selectFiles, type Selection } from './git/select';
import { parseShard } from './git/shard';
import { loadKey } from './keySource';
import { encodingOption, givesMinConfidence, minConfidenceOption, jobsOption } from './optionChecks';
import { paint, ProgressBar, ProgressOutput, useColor } from './progress';
import { FilteringReporter } from './report/filter';
import { GithubReporter } from './report/github';
import { JsonReporter } from './report/json';
import type { Totals } from './report/reporter';
import { SarifReporter } from './report/sarif';
import { SummaryReporter, TextReporter } from './report/text';
import { displayPath } from './scanFile';
import { defaultJobs, enoughForWorkers, scanAll, splitsAmongThreads, WorkerPool } from './scanPool';
import { redactCommand } from './redactCommand';
import { rulesCommand } from './rulesCommand';
import { UsageError, usageMessage } from './usageError';
import { usageText } from './usageText';
import { messageIn } from '../l10n/localizedError';

declare const SDGUARD_VERSION: string;
const VERSION = typeof SDGUARD_VERSION === 'string' ? SDGUARD_VERSION : '0.0.0-dev';


export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // The language for the help and for a mistake found before a command reads its own --lang.
  const lang = langOfArgs(argv);
  const usage = usageText(lang);
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage);
    return command ? EXIT.clean : EXIT.error;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.clean;
  }
  try {
    switch (command) {
      case 'scan':
        return await scanCommand(rest, usage);
      case 'baseline':
        return await scanCommand(rest, usage, 'baseline');
      case 'fingerprint':
        return await fingerprintCommand(rest, usage);
      case 'redact':
        return await redactCommand(rest, usage);
      case 'rules':
        return rulesCommand(rest, () => builtinEngine());
      case 'lsp':
        return await lspCommand(rest);
      default:
        throw new UsageError('usage.unknownCommand', command);
    }
  } catch (e) {
    const mistake = usageMessage(e, lang);
    process.stderr.write(mistake === undefined ? `sdguard: ${messageIn(e, lang)}\n` : `sdguard: ${mistake}\n\n${usage}`);
    return EXIT.error;
  }
}

/** The language asked for anywhere on the command line (`--lang X`, `--lang=X`), else LANG's. */
function langOfArgs(argv: readonly string[]): Lang {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = at < 0 ? undefined : argv[at].startsWith('--lang=') ? argv[at].slice('--lang='.length) : argv[at + 1];
  return langFromLocale(value ?? process.env.LANG);
}

async function scanCommand(args: string[], usage: string, mode: 'scan' | 'baseline' = 'scan'): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      summary: { type: 'boolean', default: false },
      'min-confidence': { type: 'string', default: 'medium' },
      jobs: { type: 'string' },
      encoding: { type: 'string', default: 'auto' },
      lang: { type: 'string' },
      'fail-on': { type: 'string', default: 'info' },
      baseline: { type: 'string' },
      'key-file': { type: 'string' },
      staged: { type: 'boolean', default: false },
      'changed-since': { type: 'string' },
      shard: { type: 'string' },
      'no-config': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return EXIT.clean;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif' && format !== 'github') throw new UsageError('usage.format', format);
  const minConfidence = minConfidenceOption(values['min-confidence']);
  const jobs = jobsOption(values.jobs, defaultJobs());
  const encoding = encodingOption(values.encoding);
  const failOn = values['fail-on'];
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'info') throw new UsageError('usage.failOn', failOn);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const changedSince = values['changed-since'];
  if (mode === 'baseline' && (values.staged || changedSince !== undefined || shard || values.baseline !== undefined)) {
    throw new UsageError('usage.baselineOptions');
  }
  // A pre-commit hook or a CI job scanning what changed looks at the whole work tree by default.
  const paths = positionals.length ? positionals : mode === 'baseline' || values.staged || changedSince !== undefined ? ['.'] : [];
  if (paths.length === 0) throw new UsageError('usage.scanPaths');
  const lang: Lang = langFromLocale(values.lang ?? process.env.LANG);

  const engine = builtinEngine();
  const cwd = process.cwd();
  const missing: { path: string; message: string }[] = [];
  const reportPath = (abs: string) => displayPath(abs, cwd);

  // Keys: baselines need one; SARIF uses it when there is one (keyed partialFingerprints).
  const needsKey = mode === 'baseline' || values.baseline !== undefined;
  const key = needsKey || format === 'sarif' ? loadKey(values['key-file'], process.env, paths, lang) : undefined;
  if (needsKey && !key) throw new UsageError('baseline.needsKey', mode === 'baseline' ? 'sdguard baseline' : '--baseline');
  const fingerprints: FingerprintOptions = {};
  let matcher: BaselineMatcher | undefined;
  let baselineFile: string | undefined;
  if (values.baseline !== undefined) {
    baselineFile = resolve(values.baseline);
    const doc = readBaseline(baselineFile);
    if (keyMatches(doc, key!.key)) {
      matcher = new BaselineMatcher(doc, baselineFile, cwd);
      fingerprints.baseline = matcher.fingerprintOptions(key!.key, reportPath);
    } else process.stderr.write(`sdguard: ${t(lang, 'baseline.wrongKey', values.baseline, doc.entries.length)}\n`);
  }
  let writing: ReturnType<typeof saltFor> | undefined;
  let msPerFingerprint = 0;
  if (mode === 'baseline') {
    baselineFile = resolve(values.output ?? BASELINE_FILE);
    const started = performance.now();
    writing = saltFor(baselineFile, key!.key);
    msPerFingerprint = performance.now() - started;
    fingerprints.baseline = { key: key!.key, salt: writing.salt, params: writing.params };
  }
  if (format === 'sarif' && key && mode === 'scan') fingerprints.sarifKey = key.key;

  const out = new ProgressOutput(mode === 'scan' && values.output ? resolve(values.output) : undefined);
  // Rules of the project configurations (custom ones), known once the files are planned.
  const configRules = new Map<string, Rule>();
  const ruleOf = (id: string) => engine.rule(id) ?? configRules.get(id);
  const reportRules: Rule[] = [...engine.rules];
  let severityAt: ((path: string, id: string) => Severity | undefined) | undefined;
  const collector = mode === 'baseline' ? new BaselineCollector(baselineFile!, cwd) : undefined;
  const reporter =
    collector ??
    (format === 'sarif'
      ? new SarifReporter(out, reportRules, VERSION, cwd, lang)
      : format === 'json'
        ? new JsonReporter(out, VERSION)
        : format === 'github'
          ? new GithubReporter(out, ruleOf, lang)
          : values.summary
            ? new SummaryReporter(out, ruleOf, lang)
            : new TextReporter(out, lang, !values.output && useColor(process.stdout.isTTY) ? paint(true) : undefined));
  let changed: Map<string, ChangedLines> | undefined;
  let bar: ProgressBar | undefined;
  const filter = new FilteringReporter(reporter, {
    severityOf: (id, path) => severityAt?.(path, id) ?? ruleOf(id)?.severity ?? 'warning',
    // The baseline takes its findings first, wherever they are: an entry whose finding is on an unchanged line is not gone.
    keep:
      matcher || changedSince !== undefined
        ? (path, f) => !matcher?.take(path, f.ruleId, f.baselineFingerprint) && (changed === undefined || onChangedLine(changed.get(path), f.line))
        : undefined,
    keepBaselineFingerprints: mode === 'baseline',
    onFileDone: (r) => bar?.fileDone(r.path),
  });
  const scanOptions = { minConfidence, lang, detail: filter.detail, composeMessage: filter.composesMessage, encoding, ...(fingerprints.baseline || fingerprints.sarifKey ? { fingerprints } : {}) } as const;
  // Workers start loading while the tree is walked. A single file is scanned in this thread, unless
  // it is large enough to be split among threads: by default between two only, as each thread's
  // heap adds to the memory, which stays under 300 MB for a file of any size; --jobs N for N.
  const manyFiles = paths.length > 1 || isDirectory(paths[0]);
  const split = !manyFiles && splitsAmongThreads({ abs: paths[0], path: paths[0] });
  const threads = split && values.jobs === undefined ? Math.min(jobs, 2) : jobs;
  let pool = threads > 1 && (manyFiles || split) ? new WorkerPool(threads - 1, engine.rules, scanOptions) : undefined;
  let totals: Totals;
  let selection: Selection | undefined;
  try {
    selection = await selectFiles({ paths, staged: values.staged, changedSince, shard, cwd, onError: (path, message) => missing.push({ path, message }) });
    changed = selection.changed;
    // Leftovers of an interrupted `redact` (atomicWrite.ts) are not data: they hold redacted text at most.
    // Nor is the baseline (fingerprints only).
    const files = selection.files.filter((f) => !isTempName(basename(f.abs)) && f.abs !== baselineFile);
    // Each file's nearest .sdguard.yaml decides its rules, allow list and ignored paths.
    const plan = planScan(files, engine, paths, {
      useConfig: !values['no-config'],
      explicitMinConfidence: givesMinConfidence(args),
      key: () => key?.key ?? loadKey(values['key-file'], process.env, [], lang)?.key,
      displayPath: reportPath,
      lang,
    });
    for (const r of plan.rules.slice(engine.rules.length)) {
      configRules.set(r.id, r);
      reportRules.push(r);
    }
    const engineAt = new Map(plan.files.map((f) => [f.path, f.engine]));
    severityAt = (path, id) => plan.engine(engineAt.get(path) ?? 0).rule(id)?.severity;
    for (const file of plan.withoutKey) process.stderr.write(`sdguard: ${t(lang, 'cli.warning')}: ${t(lang, 'config.noKeyCli', file)}\n`);
    // A file named on the command line that a configuration ignores: say so (a folder's are skipped silently).
    const named = new Set(plan.skipped.map((s) => s.path));
    for (const i of plan.ignored) if (named.has(i.path)) process.stderr.write(`sdguard: ${t(lang, 'cli.skipped', i.path, t(lang, 'cli.ignoredBy', i.by))}\n`);
    // By default, little work is scanned here alone: starting a worker would cost more than it saves.
    if (pool && values.jobs === undefined && !enoughForWorkers(plan.files)) {
      pool.close();
      pool = undefined;
    }
    pool?.define(plan.specs.slice(1).map((spec, i) => ({ id: i + 1, spec })));
    if (ProgressBar.wanted()) out.bar = bar = new ProgressBar(plan.files, lang);
    totals = await scanAll(plan.files, pool, plan.engine, scanOptions, filter, { onProgress: bar && ((bytes) => bar?.fileProgress(bytes)) });
    totals.errors.unshift(...missing, ...plan.errors);
    totals.skipped.push(...plan.skipped);
    for (const s of totals.skipped) {
      const format = s.reason === 'binary' ? unreadSpreadsheetFormat(s.path) : undefined;
      if (format) process.stderr.write(`sdguard: ${t(lang, 'cli.skipped', s.path, t(lang, 'cli.unreadSpreadsheet', format))}\n`);
    }
    filter.end(totals);
    bar?.clear();
    out.close();
    if (matcher) {
      const scanned = new Set(plan.files.map((f) => f.abs));
      const gone = matcher.gone(scanned, selection.complete, paths.map((p) => resolve(p)));
      if (matcher.matched) process.stderr.write(`${t(lang, 'baseline.suppressed', matcher.matched)}\n`);
      if (gone) process.stderr.write(`${gone === 1 ? t(lang, 'baseline.goneOne', values.baseline!) : t(lang, 'baseline.gone', gone, values.baseline!)}\n`);
    }
    if (collector && writing) {
      collector.write(writing);
      process.stderr.write(`${t(lang, 'baseline.written', displayPath(baselineFile!, cwd), collector.entries.length, totals.scanned, collector.distinct, Math.round(msPerFingerprint))}\n`);
    }
  } catch (e) {
    bar?.clear();
    out.abort();
    throw e;
  } finally {
    pool?.close();
    selection?.cleanup();
  }
  for (const e of totals.errors) process.stderr.write(`sdguard: ${t(lang, 'cli.error')}: ${e.path}: ${e.message}\n`);
  if (mode === 'baseline') return totals.errors.length ? EXIT.error : EXIT.clean;
  if (format === 'text' || values.output) {
    // A file with an error is not counted as scanned: "none found" must not read as "all clean".
    const outcome = totals.findings ? t(lang, 'cli.found', totals.findings, totals.filesWithFindings, totals.scanned) : t(lang, 'cli.clean', totals.scanned);
    process.stderr.write(`${sentences(totals.errors.length ? [outcome, t(lang, 'cli.unread', totals.errors.length)] : [outcome], lang)}\n`);
  }
  if (totals.errors.length) return EXIT.error;
  return filter.failsAt(failOn) ? EXIT.findings : EXIT.clean;
}

async function lspCommand(args: string[]): Promise<number> {
  if (!args.includes('--stdio')) throw new UsageError('usage.lspStdio');
  // The server bundle beside this one starts on load and reads --stdio from the command line;
  // keeping it out of the CLI bundle makes every other command start faster.
  require(join(__dirname, 'server.js'));
  // The server runs until the client sends exit; never resolve so main() does not exit early.
  return new Promise<number>(() => undefined);
}

/** Runs the CLI and sets the process exit code (used by bin/sdguard.js). */
export function cli(argv: string[]): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`sdguard: ${(e as Error).stack ?? e}\n`);
      process.exitCode = EXIT.error;
    },
  );
}

if (require.main === module) cli(process.argv.slice(2));

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
