// A folder's small text files redacted in worker threads, side by side with this thread: a worker
// redacts a file as this thread would (redactOne) into a temporary file that it syncs but does not
// rename (AtomicFile.seal); this thread puts each file in place in file order, and writes the audit
// log and the report, so a run reads the same, and stops or is killed the same, whatever the threads.
// Both sides of the protocol are here.
import { rmSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { Engine } from '../engine/engine';
import type { RedactOptions } from '../engine/redact/operators';
import type { Confidence } from '../engine/types';
import { commitSealed, type AtomicWriteOptions } from './atomicWrite';
import { describer, redactOne, type Describing, type FileOutcome, type PendingOutput, type RedactTarget } from './redactFile';
import { Spool } from './spool';
import type { EncodingOption } from './textCodec';
import { LocalizedError } from '../l10n/localizedError';
import { t } from '../l10n/messages';

/** What the workers need to redact as this thread does, sent once. */
export interface RedactSetup {
  redact: RedactOptions;
  minConfidence: Confidence;
  rules?: string[];
  encoding: EncodingOption;
  dryRun: boolean;
  describing: Describing;
  /** Whether a file with nothing to replace is written too (a copy, --out), or left alone (in place). */
  writeUnchanged: boolean;
}

export type RedactMessage =
  | ({ type: 'redactSetup' } & RedactSetup)
  | { type: 'redactFile'; id: number; file: RedactTarget & { engine: number }; placeholder?: string; output: string };

/** A file's outcome as it crosses threads: the lines its values became (a spool's bytes: a Buffer arrives as a Uint8Array), and its sealed temporary file, if written. */
type WireOutcome = { status: 'redacted' | 'unchanged'; count: number; lines: number; chunks: Uint8Array[]; temp?: string } | { status: 'binary' } | { status: 'error'; message: string };

export type RedactReply = { type: 'redactDone'; id: number; outcome: WireOutcome };

/** Files in a worker's hands at most: the one it redacts and the next ones, so it never waits. */
const AHEAD = 3;

let lastId = 0;

/** This thread's side: hands files to the workers and turns their answers into outcomes to commit. */
export class RedactWorkers {
  private readonly jobs = new Map<number, { worker: Worker; target: string; resolve: (o: FileOutcome) => void; reject: (e: Error) => void }>();
  private readonly load = new Map<Worker, number>();
  private readonly detach: (() => void)[] = [];

  constructor(
    workers: readonly Worker[],
    setup: RedactSetup,
    private readonly writing: Pick<AtomicWriteOptions, 'beforeRename'>,
  ) {
    for (const worker of workers) {
      worker.postMessage({ type: 'redactSetup', ...setup } satisfies RedactMessage);
      this.load.set(worker, 0);
      const message = (m: RedactReply | { type: string }) => {
        if (m.type === 'redactDone') this.done(m as RedactReply);
      };
      const error = (e: Error) => this.lose(worker, e);
      const exit = () => this.lose(worker, new LocalizedError((lang) => t(lang, 'redact.workerStopped')));
      worker.on('message', message).on('error', error).on('exit', exit);
      this.detach.push(() => worker.off('message', message).off('error', error).off('exit', exit));
    }
  }

  /** Whether a worker can take one more file now. */
  hasRoom(): boolean {
    return this.idlest() !== undefined;
  }

  /** The file's redaction by a worker (call when hasRoom()); rejects if the worker is lost. */
  redact(file: RedactTarget & { engine: number }, placeholder: string | undefined, output: string): Promise<FileOutcome> {
    const worker = this.idlest();
    if (!worker) return Promise.reject(new Error('no worker thread has room'));
    const id = ++lastId;
    this.load.set(worker, this.load.get(worker)! + 1);
    return new Promise<FileOutcome>((resolve, reject) => {
      this.jobs.set(id, { worker, target: file.target, resolve, reject });
      worker.postMessage({ type: 'redactFile', id, file, output, ...(placeholder === undefined ? {} : { placeholder }) } satisfies RedactMessage);
    });
  }

  close(): void {
    for (const d of this.detach) d();
  }

  private idlest(): Worker | undefined {
    let best: Worker | undefined;
    for (const [worker, n] of this.load) if (n < AHEAD && (best === undefined || n < this.load.get(best)!)) best = worker;
    return best;
  }

  private done({ id, outcome }: RedactReply): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    this.load.set(job.worker, this.load.get(job.worker)! - 1);
    job.resolve(this.outcomeOf(outcome, job.target));
  }

  /** A worker that failed or stopped: its files are lost (their temporary files too, if any), and it takes no more. */
  private lose(worker: Worker, e: Error): void {
    this.load.delete(worker);
    for (const [id, job] of this.jobs) {
      if (job.worker !== worker) continue;
      this.jobs.delete(id);
      job.reject(e);
    }
  }

  private outcomeOf(o: WireOutcome, target: string): FileOutcome {
    if (o.status === 'binary' || o.status === 'error') return o;
    const planned = new Spool();
    planned.addLines(o.chunks, o.lines);
    return { status: o.status, count: o.count, planned, output: sealedOutput(o.temp, target, this.writing) };
  }
}

/** A temporary file a worker sealed, put in place (or removed) here; none when the worker wrote nothing (a dry run). */
function sealedOutput(temp: string | undefined, target: string, writing: Pick<AtomicWriteOptions, 'beforeRename'>): PendingOutput {
  let pending = temp;
  return {
    commit: () => {
      if (pending === undefined) throw new Error('nothing was written to put in place');
      const sealed = pending;
      pending = undefined;
      commitSealed(sealed, target, writing);
    },
    seal: () => {
      if (pending === undefined) throw new Error('nothing was written');
      return pending;
    },
    discard: () => {
      if (pending !== undefined) rmSync(pending, { force: true });
      pending = undefined;
    },
  };
}

/** The worker's side: redacts the files it is given, one after the other. */
export class WorkerRedactions {
  private setup: RedactSetup | undefined;

  constructor(
    private readonly engineOf: (id: number) => Engine,
    private readonly reply: (r: RedactReply) => void,
  ) {}

  /** The run's setup, sent before any file. */
  setUp({ type: _, ...setup }: Extract<RedactMessage, { type: 'redactSetup' }>): void {
    this.setup = setup;
  }

  async run(job: Extract<RedactMessage, { type: 'redactFile' }>): Promise<void> {
    let outcome: WireOutcome;
    try {
      outcome = await this.redact(job);
    } catch (e) {
      outcome = { status: 'error', message: (e as Error).message };
    }
    this.reply({ type: 'redactDone', id: job.id, outcome });
  }

  private async redact(job: Extract<RedactMessage, { type: 'redactFile' }>): Promise<WireOutcome> {
    const s = this.setup!;
    const settings = {
      redact: job.placeholder === undefined ? s.redact : { ...s.redact, placeholder: job.placeholder },
      minConfidence: s.minConfidence,
      rules: s.rules && new Set(s.rules),
      encoding: s.encoding,
      dryRun: s.dryRun,
      // This thread stops the run between files; a file in a worker's hands is finished, then thrown away.
      stopping: () => false,
    };
    const r = await redactOne(job.file, this.engineOf(job.file.engine), settings, describer(s.describing, job.file.path, s.redact.operator, job.output));
    if (r.status === 'stopped') return { status: 'error', message: 'stopped' };
    if (r.status === 'binary' || r.status === 'error') return r;
    try {
      const chunks = [...r.planned.chunks()];
      // A dry run writes nothing, nor, in place, a file with nothing to replace (thrown away below).
      const write = !s.dryRun && (r.status === 'redacted' || s.writeUnchanged);
      return { status: r.status, count: r.count, lines: r.planned.count, chunks, ...(write ? { temp: r.output.seal() } : {}) };
    } finally {
      r.output.discard();
      r.planned.close();
    }
  }
}
