import { statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinEngine } from '../engine/builtin';
import { langFromLocale, t, type Lang } from '../l10n/messages';
import { isTempName } from './atomicWrite';
import { findFiles } from './findFiles';
import { Output } from './output';
import { JsonReporter } from './report/json';
import type { Totals } from './report/reporter';
import { SarifReporter } from './report/sarif';
import { SummaryReporter, TextReporter } from './report/text';
import { displayPath } from './scanFile';
import { defaultJobs, scanAll, WorkerPool } from './scanPool';
import { redactCommand } from './redactCommand';
import { rulesCommand } from './rulesCommand';
import { ENCODING_NAMES, parseEncoding } from './textCodec';
import { UsageError } from './usageError';

declare const SDGUARD_VERSION: string;
const VERSION = typeof SDGUARD_VERSION === 'string' ? SDGUARD_VERSION : '0.0.0-dev';

/** Exit codes: 0 nothing found, 1 findings reported, 2 usage or runtime error. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

const USAGE = `Usage: sdguard <command> [options]

Commands:
  scan PATH...        Scan files and folders (recursive, honours .gitignore and .sdguardignore)
      --format text|json|sarif   Report format (default: text)
      --output FILE              Write the report to FILE instead of stdout
      --summary                  Per-file, per-rule counts only
      --jobs N                   Worker threads for many files (default: the number of cores)
      --min-confidence low|medium|high   (default: medium)
      --encoding auto|utf-8|gb18030|gbk|utf-16le|utf-16be
                                 Encoding of files without a BOM (default: auto, which
                                 tells UTF-8 from GB18030/GBK)
  redact PATH...      Mask, redact, pseudonymize or fake the values found, atomically
      --mode mask|redact|pseudonymize|fake   (default: mask)
      --out DIR                  Write a redacted copy of the tree into DIR, or
      --in-place                 replace the files themselves (one of the two is required)
      --dry-run                  List what would change (masked values); write nothing
      --force                    With --out: replace files already in DIR
      --rules ID,ID              Only these rules (default: all)
      --placeholder TEXT         --mode redact: this text instead of [ID NUMBER] etc.
      --key-file FILE            Key for pseudonymize/fake (default: $SDGUARD_KEY;
                                 hex:… or base64:… or text, at least 16 bytes)
      --audit-log FILE           Append what was done as JSON lines (default:
                                 .sdguard-audit.jsonl here); --no-audit-log to skip
      --min-confidence, --encoding   as for scan
  rules [list]        List the built-in rules (--format json)
  rules test [PACK.yaml...]   Run every rule's examples (built-in packs, or your own)
  lsp --stdio         Run the language server over stdin/stdout (for any LSP editor)

Options: --lang en|zh-CN (default from LANG), --help, --version
Exit codes: 0 nothing found, 1 findings reported, 2 error (redact: 0 done, 2 error).
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? EXIT.clean : EXIT.error;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.clean;
  }
  try {
    switch (command) {
      case 'scan':
        return await scanCommand(rest);
      case 'redact':
        return await redactCommand(rest, USAGE);
      case 'rules':
        return rulesCommand(rest, () => builtinEngine());
      case 'lsp':
        return await lspCommand(rest);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`sdguard: ${(e as Error).message}\n\n${USAGE}`);
    } else {
      process.stderr.write(`sdguard: ${(e as Error).message}\n`);
    }
    return EXIT.error;
  }
}

async function scanCommand(args: string[]): Promise<number> {
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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.clean;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const minConfidence = values['min-confidence'];
  if (minConfidence !== 'low' && minConfidence !== 'medium' && minConfidence !== 'high') throw new UsageError(`--min-confidence must be low, medium or high`);
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of at least 1, not "${values.jobs}"`);
  const encoding = parseEncoding(values.encoding);
  if (!encoding) throw new UsageError(`--encoding must be one of ${ENCODING_NAMES.join(', ')}, not "${values.encoding}"`);
  if (positionals.length === 0) throw new UsageError('scan needs at least one file or folder');
  const lang: Lang = langFromLocale(values.lang ?? process.env.LANG);

  const engine = builtinEngine();
  const cwd = process.cwd();
  const missing: { path: string; message: string }[] = [];
  const out = new Output(values.output ? resolve(values.output) : undefined);
  const reporter =
    format === 'sarif'
      ? new SarifReporter(out, engine.rules, VERSION, cwd)
      : format === 'json'
        ? new JsonReporter(out, VERSION)
        : values.summary
          ? new SummaryReporter(out, (id) => engine.rule(id), lang)
          : new TextReporter(out, (id) => engine.rule(id), lang);
  const scanOptions = { minConfidence, lang, detail: reporter.detail, encoding } as const;
  // Workers start loading while the tree is walked; a single file is scanned in this thread.
  const pool = jobs > 1 && (positionals.length > 1 || isDirectory(positionals[0])) ? new WorkerPool(jobs - 1, engine.rules, scanOptions) : undefined;
  // Leftovers of an interrupted `redact` (atomicWrite.ts) are not data: they hold redacted text at most.
  const files = findFiles(positionals, (path, message) => missing.push({ path, message }))
    .filter((abs) => !isTempName(basename(abs)))
    .map((abs) => ({ abs, path: displayPath(abs, cwd) }));
  let totals: Totals;
  try {
    totals = await scanAll(files, pool, engine, scanOptions, reporter);
    totals.errors.unshift(...missing);
    reporter.end(totals);
    out.close();
  } catch (e) {
    out.abort();
    throw e;
  } finally {
    pool?.close();
  }
  for (const e of totals.errors) process.stderr.write(`sdguard: ${t(lang, 'cli.error')}: ${e.path}: ${e.message}\n`);
  if (format === 'text' || values.output) {
    process.stderr.write(`${totals.findings ? t(lang, 'cli.found', totals.findings, totals.filesWithFindings, totals.scanned) : t(lang, 'cli.clean', totals.scanned)}\n`);
  }
  if (totals.errors.length) return EXIT.error;
  return totals.findings ? EXIT.findings : EXIT.clean;
}

async function lspCommand(args: string[]): Promise<number> {
  if (!args.includes('--stdio')) throw new UsageError('lsp needs --stdio');
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
