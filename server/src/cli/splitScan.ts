// One large text file split among threads. This thread reads the file and cuts it into units of
// whole lines exactly as a one-thread scan cuts it (LineCutter), groups them into parts, and the
// workers and this thread scan the parts; the results are put back in order here. A part is
// scanned from a guess of where the scan stands at its start (partStart: at a line start, outside
// quotes, no directive carried over). Once the part before it is in, the guess is checked: a wrong
// one (a quoted field with a line break across the cut, an ignore directive) has the part scanned
// again here, from where the scan really stands. So the findings, counts, column summaries and
// structure break are those of a one-thread scan.
import type { Worker } from 'node:worker_threads';
import type { Engine } from '../engine/engine';
import { fileKindOf } from '../engine/fileKind';
import type { FileKind } from '../engine/types';
import { LineCutter, partStart, shifted, startsAsGuessed, StreamScanner, type ScanPosition, type ScanUnit } from '../engine/stream';
import { ColumnTally } from '../engine/table/columnTally';
import { finalIssue } from '../engine/table/cursor';
import type { PlannedFile } from '../config/scanPlan';
import { openText } from './readChunks';
import { countsInRuleOrder } from './ruleCounts';
import { bytesOf, tableFacts, textSink, type FileResult, type ReportedFinding, type ScanFileOptions } from './scanFile';
import { messageIn } from '../l10n/localizedError';

/**
 * Code units per part (0.5 to 1.5 MB of text): a few tens of milliseconds of scanning. Parts of
 * twice the size, two ahead, gained a little more (200 MB: 3.8 s against 4.2 s) for 50 MB more
 * memory; as a file is split by default, this keeps the 1 GB bench file under 300 MB.
 */
const PART_CHARS = 512 * 1024;
/** Parts handed to a worker ahead of the one it scans, so it never waits for the next one. */
const AHEAD = 1;
/**
 * The workers take parts only once the scan here predicts more than this much time left: a
 * worker's first few hundred milliseconds of CPU go to compiling and warming up, which a file
 * that scans fast (sparse, or not much larger than the threshold) does not win back.
 */
export const SPLIT_MIN_MS = 500;
/**
 * Nor when each finding is reported (not only counted) and they are denser than this, per code
 * unit: a worker's findings are copied to this thread, which reports them all, and that costs
 * more than their scan. A 200 MB payroll export (one finding per 40 code units), reported as
 * text: 12.0 s split, 11.0 s not; a sparse 100 MB ledger (one per 6,000): 1.03 s split, 1.21 s not.
 */
export const MAX_REPORTED_DENSITY = 1 / 2000;
/** The parts scanned here before the prediction: the first is timed apart (the header, and code not yet optimized). */
const TIMED_PARTS = 3;

export interface PartJob {
  kind: FileKind;
  path: string;
  /** The engine's id (see WorkerPool.define). */
  engine: number;
  units: ScanUnit[];
  /** Where the scan stands at the part's start: undefined for the file's start. */
  start: ScanPosition | undefined;
}

export interface PartResult {
  counts: Float64Array;
  columns: readonly (Float64Array | undefined)[];
  /** Line numbers counted from the part's start when it was scanned from a guess. */
  findings: ReportedFinding[];
  end: ScanPosition;
}

export type PartMessage = { type: 'part'; id: number; job: PartJob };
export type PartDoneMessage = { type: 'partDone'; id: number; result: PartResult };

/** Scans one part of a file (in a worker, or here). */
export function scanPart(engine: Engine, job: PartJob, options: ScanFileOptions): PartResult {
  const findings: ReportedFinding[] = [];
  const { sink, counts, tally } = textSink(engine, options, job.path, () => scanner.table, (f) => findings.push(f));
  const scanner: StreamScanner = new StreamScanner(engine, { kind: job.kind, minConfidence: options.minConfidence }, sink, options.detail, undefined, job.start);
  for (const unit of job.units) scanner.scanUnit(unit);
  const end = scanner.position();
  // The header's context cache stays in this thread: the next part builds its own.
  return { counts, columns: tally.columns(), findings, end: { ...end, state: end.state && { ...end.state, headerContext: undefined } } };
}

/** How a split scan went (for tests and benchmarks). */
export interface SplitStats {
  parts: number;
  /** Parts scanned here, in turn, before the workers took any (all of them when the file scans fast). */
  beforeSplit: number;
  /** Parts a worker scanned. */
  byWorkers: number;
  /** Parts scanned again here, their start guessed wrong. */
  scannedAgain: number;
  /** Parts starting inside an overlong line, scanned here only. */
  deferred: number;
}

/** Lines before the point a position stands at (the table's count, which every scan keeps). */
const linesOf = (p: ScanPosition) => p.tableState?.line ?? p.line;

/**
 * Scans the text file `job` with `workers` and this thread, and reports its findings in order to
 * `onFinding`; what a one-thread scanFile of it gives.
 */
export async function scanSplit(
  job: PlannedFile,
  engine: Engine,
  workers: readonly Worker[],
  options: ScanFileOptions,
  onFinding: (f: ReportedFinding) => void,
  {
    stats,
    onProgress,
    minRemainingMs = SPLIT_MIN_MS,
    maxReportedDensity = MAX_REPORTED_DENSITY,
    onDeclined,
  }: {
    stats?: SplitStats;
    onProgress?: (bytesRead: number) => void;
    minRemainingMs?: number;
    maxReportedDensity?: number;
    /** Called when the workers will take no part of this file (they may then be let go). */
    onDeclined?: () => void;
  } = {},
): Promise<FileResult> {
  const { abs, path } = job;
  const opened = openText(job.source ?? abs, options.encoding);
  if (opened.kind === 'error') return { path, status: 'error', message: opened.message, counts: {} };
  if (opened.kind === 'binary') return { path, status: 'binary', counts: {} };
  const kind = fileKindOf(abs);
  const counts = new Float64Array(engine.rules.length);
  const tally = new ColumnTally(engine);
  // A part's text until it is put in order (a wrong guess scans it again), then its result.
  // A part that starts inside an overlong line (cut by force) is `deferred`: scanned here, in turn,
  // from where the scan stands (no guess can be right there).
  const parts: { units?: ScanUnit[]; result?: PartResult; deferred?: true }[] = [];
  /** The first part not yet put in order, and where the scan stands before it. */
  let next = 0;
  let end: ScanPosition | undefined;
  let failed: Error | undefined;
  let wake: (() => void) | undefined;
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));
  // Until the workers take parts (for all of a file that scans fast): one scanner here, reporting
  // as it goes, as a one-thread scan does.
  const here = textSink(engine, options, path, () => hereScan.table, onFinding);
  const hereScan: StreamScanner = new StreamScanner(engine, { kind, minConfidence: options.minConfidence }, here.sink, options.detail);
  const scannedHere = () => ({ ms: performance.now(), bytes: opened.bytesRead, chars: hereChars, findings: here.counts.reduce((a, b) => a + b, 0) });
  let hereChars = 0;
  // Where the scan stands when this thread stops scanning alone: the parts after it start there.
  const leaveHere = () => {
    end = hereScan.position();
    for (let r = 0; r < counts.length; r++) counts[r] += here.counts[r];
    tally.merge(here.tally.columns());
  };
  // Whether the workers take parts yet: not until the parts scanned here predict enough time left.
  let splitting = false;
  const size = bytesOf(job);
  let timedFrom: ReturnType<typeof scannedHere> | undefined;
  const decide = (id: number) => {
    if (id === 1) timedFrom = scannedHere();
    else if (id === 1 + TIMED_PARTS && timedFrom) {
      const now = scannedHere();
      const msPerByte = (now.ms - timedFrom.ms) / Math.max(1, now.bytes - timedFrom.bytes);
      const density = (now.findings - timedFrom.findings) / Math.max(1, now.chars - timedFrom.chars);
      splitting = (size - now.bytes) * msPerByte > minRemainingMs && (!options.detail || density <= maxReportedDensity);
      if (splitting) leaveHere();
      else onDeclined?.();
    }
  };

  // Puts the parts that are in, in order: checks each guess, and shifts lines and records.
  const settle = () => {
    for (let part = parts[next]; part?.result || part?.deferred; part = parts[next]) {
      let result = part.result;
      // A worker's part comes after those scanned here (leaveHere): `end` is set.
      if (result && startsAsGuessed(end!)) {
        const lines = linesOf(end!);
        for (const f of result.findings) {
          f.line += lines;
          f.endLine += lines;
          onFinding(f);
        }
        const reached = shifted(result.end, lines, end?.tableState?.record ?? 0);
        // The first break in the structure is the earliest.
        if (end?.tableState?.issue && reached.tableState) reached.tableState.issue = end.tableState.issue;
        end = reached;
      } else {
        result = scanPart(engine, { kind, path, engine: job.engine, units: part.units!, start: end }, options);
        if (stats && !part.deferred) stats.scannedAgain++;
        for (const f of result.findings) onFinding(f);
        end = result.end;
      }
      for (let r = 0; r < counts.length; r++) counts[r] += result.counts[r];
      tally.merge(result.columns);
      parts[next++] = {};
    }
  };
  const arrived = (worker: Worker) => (m: PartDoneMessage | { type: string }) => {
    if (m.type !== 'partDone') return;
    const done = m as PartDoneMessage;
    load.set(worker, load.get(worker)! - 1);
    parts[done.id].result = done.result;
    wake?.();
  };
  const broke = (e: Error) => {
    failed = e;
    wake?.();
  };
  const listeners = workers.map((w) => ({ w, message: arrived(w) }));
  for (const { w, message } of listeners) w.on('message', message).on('error', broke);
  const check = () => {
    wake = undefined;
    if (failed) throw failed;
    settle();
  };
  // Waits until a worker sends a result (or fails), when the part to put in order next is a worker's.
  const waitForWorkers = () => new Promise<void>((resolve) => (wake = resolve)).then(check);

  const dispatch = (units: ScanUnit[]) => {
    const id = parts.length;
    if (stats) stats.parts++;
    if (!splitting) decide(id);
    if (!splitting) {
      for (const unit of units) {
        hereScan.scanUnit(unit);
        hereChars += unit.to - unit.from;
      }
      parts.push({});
      next = parts.length;
      if (stats) stats.beforeSplit++;
      return;
    }
    if (units[0].from > 0) {
      parts.push({ units, deferred: true });
      if (stats) stats.deferred++;
      return;
    }
    const part: PartJob = { kind, path, engine: job.engine, units, start: partStart(hereScan.table, units[0].base) };
    parts.push({ units });
    // To a worker that has room, else scanned here meanwhile.
    const worker = workers.find((w) => load.get(w)! < AHEAD);
    if (worker) {
      if (stats) stats.byWorkers++;
      load.set(worker, load.get(worker)! + 1);
      worker.postMessage({ type: 'part', id, job: part } satisfies PartMessage);
    } else parts[id].result = scanPart(engine, part, options);
  };
  // Parts read but not yet put in order, at most (they hold their text, for a scan again).
  const maxPending = workers.length * AHEAD + 1;
  // Before a part is read on: the workers' messages in, and what is in put in order.
  const waitForRoom = async () => {
    await new Promise<void>((resolve) => setImmediate(resolve)).then(check);
    while (parts.length - next >= maxPending) await waitForWorkers();
  };

  let decodeError: Error | undefined;
  const cutter = new LineCutter();
  let group: ScanUnit[] = [];
  let chars = 0;
  const startsPart = (unit: ScanUnit) => group.length > 0 && chars >= PART_CHARS;
  const take = (unit: ScanUnit) => {
    if (startsPart(unit)) {
      dispatch(group);
      group = [];
      chars = 0;
    }
    group.push(unit);
    chars += unit.to - unit.from;
  };
  const chunks = opened.chunks[Symbol.iterator]();
  try {
    for (;;) {
      let read: IteratorResult<string>;
      try {
        read = chunks.next();
      } catch (e) {
        // A decoding error comes after all the text (bad bytes as U+FFFD): its last line is scanned too.
        decodeError = e as Error;
        break;
      }
      if (read.done) break;
      onProgress?.(opened.bytesRead);
      const unit = cutter.push(read.value);
      if (!unit) continue;
      if (startsPart(unit)) await waitForRoom();
      take(unit);
    }
    const last = cutter.end();
    if (last) {
      if (startsPart(last)) await waitForRoom();
      take(last);
    }
    if (group.length) {
      await waitForRoom();
      dispatch(group);
    }
    if (!splitting) leaveHere();
    check();
    while (next < parts.length) await waitForWorkers();
  } finally {
    // Closes the file when a worker's failure ends the reading early.
    chunks.return?.();
    for (const { w, message } of listeners) w.off('message', message).off('error', broke);
  }
  const total = countsInRuleOrder(engine, (_, i) => counts[i]);
  if (decodeError) return { path, status: 'error', message: messageIn(decodeError, options.lang), encoding: opened.encoding, counts: total };
  // The header the scan here read from the first unit, as a one-thread scan reads it.
  const header = hereScan.table;
  const issue = header && end?.tableState ? finalIssue(end.tableState, header.fields) : undefined;
  return { path, status: 'scanned', encoding: opened.encoding, counts: total, ...tableFacts(header, issue, tally, options.lang) };
}
