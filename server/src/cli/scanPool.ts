import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Rule } from '../engine/types';
import type { Engine } from '../engine/engine';
import type { EngineSpec } from '../config/configuredEngine';
import type { PlannedFile } from '../config/scanPlan';
import type { Reporter, Totals } from './report/reporter';
import { isWorkbookPath } from '../xlsx/load';
import { bytesOf, scanFile, type FileResult, type ReportedFinding, type ScanFileOptions } from './scanFile';
import { scanPart, scanSplit, type PartDoneMessage, type PartMessage } from './splitScan';
import { WorkerRechecks, type RecheckMessage, type RecheckReply } from './remoteRecheck';
import { WorkerRedactions, type RedactMessage, type RedactReply } from './redactWorkers';

export interface FileJob {
  abs: string;
  path: string;
  /** Where to read the bytes when not at `abs` (a staged copy); `abs` still decides the file's kind. */
  source?: string;
}

/** Findings sent from a worker in one message: fewer messages, bounded size. */
const BATCH = 512;
/** Batches handed to a worker ahead of time, so it never waits for the next one. */
const AHEAD = 2;
/** Most files in one batch: small files cost less than the messages about them. */
const MAX_BATCH_FILES = 32;
/** Files this thread scans between two looks at the workers' messages. */
const MAIN_BATCH_FILES = 8;


export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * Below this many bytes of files, the default `--jobs` scans in one thread. A worker needs a few
 * hundred milliseconds of CPU to start and to optimize the scanner before it helps, and meanwhile
 * takes CPU from this thread. Measured on 2 cores (subsets of the bench's folder), `--jobs 2`
 * against `--jobs 1`: 15% slower on 7.5 MiB, level on 15 and 30 MiB, 1.1× faster on 45 MiB and
 * 1.3× on 79 MiB.
 */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/**
 * A file's size for the scheduling decisions (enoughForWorkers, splitsAmongThreads, splitFiles),
 * read once per file: by default both enoughForWorkers and splitFiles look at the files of a large
 * folder, and a stat costs about 7 µs (35 ms for 5,000 files, before any is scanned).
 */
const plannedSizes = new WeakMap<FileJob, number>();
function plannedBytes(file: FileJob): number {
  let size = plannedSizes.get(file);
  if (size === undefined) plannedSizes.set(file, (size = bytesOf(file)));
  return size;
}

/** Whether the files hold at least `minBytes` (stops counting there; a file that cannot be read counts 0). */
export function enoughForWorkers(files: readonly FileJob[], minBytes = PARALLEL_MIN_BYTES): boolean {
  let total = 0;
  for (const f of files) if ((total += plannedBytes(f)) >= minBytes) return true;
  return false;
}

/** Whether a file is text (not a workbook) of at least `minBytes`: worth splitting among threads. */
export function splitsAmongThreads(file: FileJob, minBytes = PARALLEL_MIN_BYTES): boolean {
  return !isWorkbookPath(file.abs) && plannedBytes(file) >= minBytes;
}

/**
 * V8's optimizing compiler runs on background threads. With one scanning thread it has a spare core
 * to itself; with a pool, every core scans, and each thread's isolate compiles the same scanner
 * again, taking CPU from the scans. So a pool asks V8 to optimize a little later (a larger
 * interrupt budget, 4× V8 11's default: fewer lukewarm functions compiled, fewer deoptimizations
 * for lack of feedback) and to inline less into each function (cumulative size 600, default 920).
 * Measured on 2 cores, bench's 5,000 files with `--jobs 2`, 21 alternating runs twice: 1.47 → 1.37 s
 * and 1.42 → 1.29 s, CPU 6% less; a 200 MB CSV split between two threads is as fast. The flags are
 * process-wide, so they are set before the workers start. A run without a pool keeps V8's defaults
 * (5% faster with them on the 5,000 files); one whose pool is let go unused (little work) keeps the
 * flags, at no cost measured (a quarter of the files: 0.71 s against 0.73).
 */
const POOL_V8_FLAGS = ['--interrupt-budget=270336', '--max-inlined-bytecode-size-cumulative=600'];

/** Worker threads started ahead of the work, so they load while the file tree is walked; with
 * `--jobs N` there are N - 1 of them, this thread being the N-th scanner. */
export class WorkerPool {
  readonly workers: Worker[];

  /** The rules travel to the workers already loaded: no YAML parsing or schema checks there. */
  constructor(count: number, rules: readonly Rule[], options: ScanFileOptions) {
    for (const flag of POOL_V8_FLAGS) setFlagsFromString(flag);
    const script = join(__dirname, 'scanWorker.js');
    // A small young generation: a worker's live data is one batch or part, and each worker's heap
    // adds to the memory of a large file's scan (about 30 MB less each, for no loss of speed).
    this.workers = Array.from({ length: count }, () => new Worker(script, { workerData: { rules, options }, resourceLimits: { maxYoungGenerationSizeMb: 16 } }));
  }

  /**
   * More engines (project configurations'), by id, for the jobs that name them. Sent before any
   * batch that uses them: a worker reads its messages in order.
   */
  define(specs: { id: number; spec: EngineSpec }[]): void {
    if (specs.length) for (const w of this.workers) w.postMessage({ type: 'engines', specs } satisfies EngineMessage);
  }

  close(): void {
    for (const w of this.workers) void w.terminate();
  }
}

type EngineMessage = { type: 'engines'; specs: { id: number; spec: EngineSpec }[] };

/**
 * Scans files with the pool's worker threads (in this thread when there is no pool), a large file
 * split among them (splitFiles), and feeds the reporter in file order, whatever order the workers
 * finish in. `onProgress` hears the bytes read of a file scanned in this thread alone or split (a
 * progress bar moves within a large file).
 */
export async function scanAll(
  files: PlannedFile[],
  pool: WorkerPool | undefined,
  engines: (id: number) => Engine,
  options: ScanFileOptions,
  reporter: Reporter,
  { onProgress }: { onProgress?: (bytesRead: number) => void } = {},
): Promise<Totals> {
  const engineOf = (job: PlannedFile) => engines(job.engine);
  const totals: Totals = { scanned: 0, filesWithFindings: 0, findings: 0, skipped: [], errors: [] };
  const record = (result: FileResult) => {
    // The reporter first: a filtering one (baseline, changed lines) takes out of `counts` what it did not report.
    reporter.fileDone(result);
    if (result.status === 'error') totals.errors.push({ path: result.path, message: result.message ?? 'unreadable' });
    else if (result.status === 'binary') totals.skipped.push({ path: result.path, reason: 'binary' });
    else totals.scanned++;
    const n = Object.values(result.counts).reduce((a, b) => a + b, 0);
    if (n > 0) totals.filesWithFindings++;
    totals.findings += n;
  };

  const scanHere = async (f: PlannedFile) => {
    const result = scanFile(f.abs, f.path, engineOf(f), options, (finding) => reporter.finding(f.path, finding), f.source, onProgress);
    record(result instanceof Promise ? await result : result);
  };
  if (!pool) {
    for (const f of files) await scanHere(f);
    return totals;
  }
  // A large text file that would keep one thread busy long after the others are done is split
  // among them all (scanSplit); the files between such files go to the threads whole, as usual.
  // In file order, one stretch after the other.
  const splits = splitFiles(files, pool.workers.length + 1);
  for (let start = 0; start < files.length; ) {
    const f = files[start];
    if (splits.has(f)) {
      // A run of that one file needs the workers for nothing else: their memory is let go if they take no part.
      const onDeclined = files.length === 1 ? () => pool.close() : undefined;
      record(await scanSplit(f, engineOf(f), pool.workers, options, (finding) => reporter.finding(f.path, finding), { onProgress, onDeclined }));
      start++;
      continue;
    }
    let end = start + 1;
    while (end < files.length && !splits.has(files[end])) end++;
    if (end - start === 1) await scanHere(f);
    else {
      await runWorkers(files.slice(start, end), pool.workers, reporter, record, (job) => {
        const items: ReportedFinding[] = [];
        return { result: scanFile(job.abs, job.path, engineOf(job), options, (f) => items.push(f), job.source), items };
      });
    }
    start = end;
  }
  return totals;
}

/**
 * The text files worth splitting among `threads`: large enough (splitsAmongThreads), and larger
 * than a thread's share of all the bytes. Two large files of the same size go to two threads
 * whole: they keep both busy, with less memory and no parts to put in order.
 */
export function splitFiles<F extends FileJob>(files: readonly F[], threads: number): Set<F> {
  const large = files.filter((f) => splitsAmongThreads(f));
  if (large.length === 0) return new Set();
  const share = files.reduce((sum, f) => sum + plannedBytes(f), 0) / threads;
  return new Set(large.filter((f) => plannedBytes(f) > share));
}

type WorkerMessage = { type: 'findings'; file: number; items: ReportedFinding[] } | { type: 'done'; results: { file: number; result: FileResult }[] };
type Batch = (PlannedFile & { file: number })[];

/**
 * Runs the workers and this thread side by side: this thread scans small batches too (one isolate
 * fewer to start and warm up), and handles the workers' messages between its batches.
 */
function runWorkers(
  files: PlannedFile[],
  workers: Worker[],
  reporter: Reporter,
  record: (r: FileResult) => void,
  scanHere: (job: PlannedFile) => { result: FileResult | Promise<FileResult>; items: ReportedFinding[] },
): Promise<void> {
  let listeners: { worker: Worker; message: (m: WorkerMessage) => void }[] = [];
  let broke = (_: Error) => {};
  return new Promise<void>((resolve, reject) => {
    // Output must follow file order: findings of a file ahead of `next` wait here.
    const waiting = new Map<number, { items: ReportedFinding[][]; result?: FileResult }>();
    let next = 0;
    let dispatched = 0;
    let failed = false;
    const count = workers.length + 1;

    const flush = () => {
      for (let w = waiting.get(next); w?.result; w = waiting.get(next)) {
        waiting.delete(next);
        for (const batch of w.items) for (const f of batch) reporter.finding(files[next].path, f);
        record(w.result);
        next++;
      }
      if (next === files.length) resolve();
    };
    const slot = (file: number) => {
      let w = waiting.get(file);
      if (!w) waiting.set(file, (w = { items: [] }));
      return w;
    };
    const give = (worker: Worker) => {
      if (dispatched >= files.length) return;
      // Smaller batches near the end keep both workers busy until the last file.
      const size = Math.max(1, Math.min(MAX_BATCH_FILES, Math.floor((files.length - dispatched) / (count * 4))));
      const batch: Batch = [];
      for (const end = Math.min(files.length, dispatched + size); dispatched < end; dispatched++) batch.push({ file: dispatched, ...files[dispatched] });
      worker.postMessage(batch);
    };
    const done = (file: number, result: FileResult) => {
      if (file === next && !waiting.has(file)) {
        record(result);
        next++;
      } else slot(file).result = result;
    };

    // This thread's share: a few files at a time, then a turn of the event loop for messages.
    const here = async () => {
      while (!failed && dispatched < files.length) {
        const end = Math.min(files.length, dispatched + MAIN_BATCH_FILES);
        while (dispatched < end) {
          // Taken before any wait: a workbook's scan is awaited, and meanwhile give() moves on.
          const file = dispatched++;
          const scanned = scanHere(files[file]);
          const result = scanned.result instanceof Promise ? await scanned.result : scanned.result;
          const w = slot(file);
          if (scanned.items.length) w.items.push(scanned.items);
          w.result = result;
        }
        flush();
        await new Promise<void>((r) => setImmediate(r));
      }
    };

    listeners = workers.map((worker) => ({
      worker,
      message: (m: WorkerMessage) => {
        if (failed) return;
        if (m.type === 'findings') {
          if (m.file === next && !waiting.has(m.file)) for (const f of m.items) reporter.finding(files[m.file].path, f);
          else slot(m.file).items.push(m.items);
          return;
        }
        give(worker);
        for (const r of m.results) done(r.file, r.result);
        flush();
      },
    }));
    broke = (e: Error) => {
      failed = true;
      reject(e);
    };
    for (const { worker, message } of listeners) {
      worker.on('message', message).on('error', broke);
      for (let k = 0; k < AHEAD; k++) give(worker);
    }
    here().catch(reject);
  }).finally(() => {
    // The workers may be given a large file's parts next (scanAll).
    for (const { worker, message } of listeners) worker.off('message', message).off('error', broke);
  });
}

/** The worker side: scans the batches of files it is given and streams back findings and results. */
export function runScanWorker(
  port: {
    on(event: 'message', f: (m: Batch | EngineMessage | PartMessage | RecheckMessage | RedactMessage) => void): void;
    postMessage(m: WorkerMessage | PartDoneMessage | RecheckReply | RedactReply): void;
  },
  engine: Engine,
  options: ScanFileOptions,
  makeEngine: (spec: EngineSpec) => Engine,
): void {
  const engines: Engine[] = [engine];
  const specs: EngineSpec[] = [];
  // Built on first use: a worker may never meet a file of some configuration.
  const engineOf = (id: number) => (engines[id] ??= makeEngine(specs[id]));
  // Batches are scanned one after the other: a workbook's scan is awaited before the next file.
  let queue = Promise.resolve();
  const scanBatch = async (batch: Batch) => {
    const results: { file: number; result: FileResult }[] = [];
    for (const job of batch) {
      let items: ReportedFinding[] = [];
      const scanned = scanFile(job.abs, job.path, engineOf(job.engine), options, (f) => {
        items.push(f);
        if (items.length >= BATCH) {
          port.postMessage({ type: 'findings', file: job.file, items });
          items = [];
        }
      }, job.source);
      const result = scanned instanceof Promise ? await scanned : scanned;
      if (items.length) port.postMessage({ type: 'findings', file: job.file, items });
      results.push({ file: job.file, result });
    }
    port.postMessage({ type: 'done', results });
  };
  const scanPartHere = (m: PartMessage) => {
    const { job } = m;
    const result = scanPart(engineOf(job.engine), job, options);
    port.postMessage({ type: 'partDone', id: m.id, result });
  };
  // A redaction's read-back (redact): handled at once, in order, as no batch is sent meanwhile.
  const rechecks = new WorkerRechecks(engineOf, (r) => port.postMessage(r));
  // A folder's files to redact (redact --jobs): one after the other, as batches are.
  const redactions = new WorkerRedactions(engineOf, (r) => port.postMessage(r));
  port.on('message', (m) => {
    if (Array.isArray(m)) queue = queue.then(() => scanBatch(m));
    else if (m.type === 'part') queue = queue.then(() => scanPartHere(m));
    else if (m.type === 'engines') for (const { id, spec } of m.specs) specs[id] = spec;
    else if (m.type === 'redactSetup') redactions.setUp(m);
    else if (m.type === 'redactFile') queue = queue.then(() => redactions.run(m));
    else rechecks.handle(m);
  });
}
