// The read-back of a large redaction in a worker thread: the redacted text is scanned again there
// (recheckScanner) while this thread scans, edits and writes the next pieces, so the two scans of
// a redaction run side by side. Both sides of the protocol are here.
import type { Worker } from 'node:worker_threads';
import type { Engine } from '../engine/engine';
import type { StreamScanner } from '../engine/stream';
import type { Confidence } from '../engine/types';
import { recheckScanner } from './recheckScanner';

export type RecheckMessage =
  | { type: 'recheck'; id: number; engine: number; path: string; minConfidence: Confidence; rules?: string[] }
  | { type: 'recheckText'; id: number; text: string }
  | { type: 'recheckEnd'; id: number };

export type RecheckReply = { type: 'recheckTaken'; id: number } | { type: 'recheckDone'; id: number; residual: number };

/** Pieces sent ahead of the worker's scan at most: about 2 MB each, so memory stays bounded. */
const AHEAD = 4;

let lastId = 0;

/** This thread's side: one file's redacted text, sent to `worker` to be scanned again. */
export class RemoteRecheck {
  private readonly id = ++lastId;
  private inFlight = 0;
  private failed: Error | undefined;
  private wake: (() => void) | undefined;
  private finish: ((residual: number) => void) | undefined;
  private readonly listening: (m: RecheckReply | { type: string }) => void;
  private readonly broke: (e: Error) => void;

  constructor(
    private readonly worker: Worker,
    job: { engine: number; path: string },
    options: { minConfidence: Confidence; rules?: ReadonlySet<string> },
  ) {
    this.listening = (m) => {
      const reply = m as RecheckReply;
      if ((reply.type !== 'recheckTaken' && reply.type !== 'recheckDone') || reply.id !== this.id) return;
      if (reply.type === 'recheckTaken') this.inFlight--;
      else this.finish?.(reply.residual);
      this.wake?.();
    };
    this.broke = (e) => {
      this.failed = e;
      this.wake?.();
    };
    worker.on('message', this.listening).on('error', this.broke);
    this.post({ type: 'recheck', id: this.id, engine: job.engine, path: job.path, minConfidence: options.minConfidence, ...(options.rules ? { rules: [...options.rules] } : {}) });
  }

  push(text: string): void {
    this.inFlight++;
    this.post({ type: 'recheckText', id: this.id, text });
  }

  /** Waits, when the worker is more than a few pieces behind; throws the worker's error. */
  async room(): Promise<void> {
    while (this.inFlight > AHEAD && !this.failed) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failed) throw this.failed;
  }

  /** After the last piece: how many values of the redacted rules the worker found (none expected). */
  async end(): Promise<number> {
    const done = new Promise<number>((resolve) => (this.finish = resolve));
    this.post({ type: 'recheckEnd', id: this.id });
    const failed = new Promise<never>((_, reject) => {
      const check = () => (this.failed ? reject(this.failed) : undefined);
      this.wake = check;
      check();
    });
    return Promise.race([done, failed]);
  }

  /** Stops listening to the worker (the worker drops this file's scan when the next one begins). */
  close(): void {
    this.worker.off('message', this.listening).off('error', this.broke);
  }

  private post(m: RecheckMessage): void {
    this.worker.postMessage(m);
  }
}

/** The worker's side: the recheck messages it gets, one file at a time. */
export class WorkerRechecks {
  // A new file replaces a scan its sender gave up (an error in a piece).
  private current: { id: number; scanner: StreamScanner; residual: number } | undefined;

  constructor(
    private readonly engineOf: (id: number) => Engine,
    private readonly reply: (r: RecheckReply) => void,
  ) {}

  /** Handles `message` if it is a recheck message; ignores any other. */
  handle(message: { type: string }): void {
    const m = message as RecheckMessage;
    switch (m.type) {
      case 'recheck': {
        const file = { id: m.id, residual: 0 } as { id: number; scanner: StreamScanner; residual: number };
        file.scanner = recheckScanner(this.engineOf(m.engine), m.path, { minConfidence: m.minConfidence, rules: m.rules && new Set(m.rules) }, () => file.residual++);
        this.current = file;
        return;
      }
      case 'recheckText':
        if (this.current?.id === m.id) this.current.scanner.push(m.text);
        this.reply({ type: 'recheckTaken', id: m.id });
        return;
      case 'recheckEnd': {
        const file = this.current;
        if (file?.id !== m.id) return;
        file.scanner.end();
        this.current = undefined;
        this.reply({ type: 'recheckDone', id: m.id, residual: file.residual });
      }
    }
  }
}
