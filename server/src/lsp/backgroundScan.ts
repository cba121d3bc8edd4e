import type { Engine } from '../engine/engine';
import type { DocState } from './documentStore';

/**
 * Work between two yields to the event loop, so a hover or code action that arrives during the
 * scan of a huge file waits about this long at most, whatever the speed of the machine.
 */
export const BUDGET_MS = 8;

interface Job {
  /** Id of the scan loop that owns the document (0: none). */
  loop: number;
  timer: NodeJS.Timeout | undefined;
  waiters: { resolve: () => void; reject: (e: Error) => void }[];
}

/**
 * Lets waiting messages in. Two turns: the connection handles a request in one setImmediate and
 * writes its response in another, queued while the first runs; both go before the next slice.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

/**
 * Moves each document's frontier to its end chunk by chunk (line-aligned), yielding between slices.
 * Edits applied between slices adjust the frontier (see incremental.ts), so the scan always
 * reads the newest text; an edit that needs a full re-scan stops it and debounces a new one.
 */
export class BackgroundScanner {
  private readonly jobs = new WeakMap<DocState, Job>();
  private loops = 0;

  constructor(
    /** The engine of a document (its project configuration's). */
    private readonly engine: (state: DocState) => Engine,
    /** Called when a document's findings are complete (diagnostics may be due). */
    private readonly onComplete: (state: DocState) => void,
    private readonly onError: (state: DocState, e: Error) => void,
  ) {}

  /** Scans now, dropping any pending delay. */
  start(state: DocState): void {
    const job = this.job(state);
    clearTimeout(job.timer);
    job.timer = undefined;
    if (job.loop === 0) void this.run(state, job);
  }

  /** Lets an ongoing scan or a pending delay be; starts a scan otherwise. */
  resume(state: DocState): void {
    const job = this.job(state);
    if (job.loop === 0 && job.timer === undefined) void this.run(state, job);
  }

  /** Stops scanning and starts again after `ms` without another call (typing). */
  debounce(state: DocState, ms: number): void {
    const job = this.job(state);
    job.loop = 0;
    clearTimeout(job.timer);
    job.timer = setTimeout(() => {
      job.timer = undefined;
      if (job.loop === 0) void this.run(state, job);
    }, ms);
  }

  /** The document closed: stop and release whoever waits. */
  stop(state: DocState): void {
    const job = this.job(state);
    job.loop = 0;
    clearTimeout(job.timer);
    job.timer = undefined;
    for (const w of job.waiters.splice(0)) w.resolve();
  }

  /** Resolves when the findings cover the whole text (scanning now if needed). */
  async whenComplete(state: DocState): Promise<void> {
    while (!state.complete && !state.closed) {
      await new Promise<void>((resolve, reject) => {
        this.job(state).waiters.push({ resolve, reject });
        this.start(state);
      });
    }
  }

  /** Whether someone waits for the findings (then a stopped scan must start again). */
  awaited(state: DocState): boolean {
    return this.job(state).waiters.length > 0;
  }

  private job(state: DocState): Job {
    let job = this.jobs.get(state);
    if (!job) this.jobs.set(state, (job = { loop: 0, timer: undefined, waiters: [] }));
    return job;
  }

  private async run(state: DocState, job: Job): Promise<void> {
    const id = (job.loop = ++this.loops);
    const engine = this.engine(state);
    try {
      for (;;) {
        if (state.closed || job.loop !== id) return;
        if (state.complete) break;
        // Whole chunks (a few milliseconds each) until the budget is spent.
        const deadline = performance.now() + BUDGET_MS;
        do {
          const to = state.text.chunkEnd(state.frontier);
          state.scanRange(engine, state.frontier, to, state.findings.push);
          state.frontier = to;
        } while (!state.complete && performance.now() < deadline);
        if (!state.complete) await yieldToEventLoop();
      }
    } catch (e) {
      if (job.loop === id) job.loop = 0;
      for (const w of job.waiters.splice(0)) w.reject(e as Error);
      this.onError(state, e as Error);
      return;
    }
    job.loop = 0;
    for (const w of job.waiters.splice(0)) w.resolve();
    this.onComplete(state);
  }
}
