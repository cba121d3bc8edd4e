import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describer, redactOne, type FileOutcome, type RedactSettings } from '../../server/src/cli/redactFile';
import { RedactWorkers, type RedactSetup } from '../../server/src/cli/redactWorkers';
import type { ScanFileOptions } from '../../server/src/cli/scanFile';
import { builtinEngine, repoRoot } from '../support/engine';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';
import { spoolLines } from '../support/spoolLines';

const engine = builtinEngine();
const rng = makeRng(20261125);
const KEY = new Uint8Array(32).fill(7);

/** A real worker thread running the scan worker's source (through tsx), as redact's pool does. */
function scanWorker(): Worker {
  const source = join(repoRoot, 'server/src/cli/scanWorker.ts');
  const options: ScanFileOptions = { minConfidence: 'medium', lang: 'en', detail: false };
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true, workerData: { rules: engine.rules, options } });
}

function payroll(rows: number): string {
  const lines = ['姓名,身份证号,银行卡号,手机号'];
  for (let i = 0; i < rows; i++) lines.push(`员工${i},${synthResidentId(rng)},${synthBankCard(rng)},${synthMobile(rng)}`);
  return `${lines.join('\r\n')}\r\n`;
}

/** The lines an outcome's values became, and the bytes its output puts in place (read from its sealed temporary file). */
function described(o: FileOutcome): { status: string; lines: string[]; bytes?: Buffer } {
  if (o.status !== 'redacted' && o.status !== 'unchanged') return { status: o.status, lines: [] };
  const lines = spoolLines(o.planned);
  let bytes: Buffer | undefined;
  try {
    bytes = readFileSync(o.output.seal());
  } catch {
    bytes = undefined;
  }
  return { status: o.status, lines, ...(bytes ? { bytes } : {}) };
}

describe('a folder redacted in worker threads (RedactWorkers)', function () {
  this.timeout(60_000);
  let dir: string;
  let worker: Worker;
  const setup: RedactSetup = { redact: { operator: 'pseudonymize', lang: 'en', key: KEY }, minConfidence: 'medium', encoding: 'auto', dryRun: false, describing: 'audit', writeUnchanged: true };
  const settings: RedactSettings = { redact: setup.redact, minConfidence: 'medium', rules: undefined, encoding: 'auto', dryRun: false, stopping: () => false };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-redact-workers-'));
    mkdirSync(join(dir, 'in'));
    mkdirSync(join(dir, 'out'));
    worker = scanWorker();
  });
  afterEach(async () => {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives what redacting here gives (lines, bytes, errors), and puts each file in place only when told', async () => {
    const files = [
      ['a.csv', payroll(30)],
      ['b.csv', payroll(5)],
      ['bad.csv', Buffer.concat([Buffer.from(`身份证号\n${synthResidentId(rng)}\n`), Buffer.from([0xff, 0xfe, 0x0a])])],
      ['clean.txt', 'nothing to see\n'],
      ['bin.dat', Buffer.from([0, 1, 2, 0, 3])],
    ] as const;
    for (const [name, content] of files) writeFileSync(join(dir, 'in', name), content);
    const workers = new RedactWorkers([worker], setup, {});
    const check = async (job: { abs: string; path: string; target: string; engine: number }, outcome: Promise<FileOutcome>) => {
      const there = await outcome;
      const here = await redactOne({ ...job, target: join(dir, 'here', job.path) }, engine, settings, describer('audit', job.path, 'pseudonymize', `out/${job.path}`));
      const a = described(there);
      const b = described(here);
      assert.equal(a.status, b.status, job.path);
      assert.deepEqual(a.lines, b.lines, `${job.path}: audit lines`);
      assert.deepEqual(a.bytes, b.bytes, `${job.path}: bytes`);
      if (there.status === 'error' && here.status === 'error') assert.equal(there.message, here.message);
      // Nothing is in place until this thread commits it.
      assert.ok(!existsSync(job.target), `${job.path} was put in place by the worker`);
      if (there.status === 'redacted' || there.status === 'unchanged') {
        if (job.path === 'in/b.csv') {
          there.output.discard();
          assert.ok(!existsSync(job.target));
        } else {
          there.output.commit();
          assert.deepEqual(readFileSync(job.target), a.bytes);
        }
        there.output.discard();
        there.planned.close();
      }
      if (here.status === 'redacted' || here.status === 'unchanged') {
        here.output.discard();
        here.planned.close();
      }
      return a.status;
    };
    try {
      const jobs = files.map(([name]) => ({ abs: join(dir, 'in', name), path: `in/${name}`, target: join(dir, 'out', name), engine: 0 }));
      const statuses: string[] = [];
      for (let next = 0; next < jobs.length; ) {
        // A worker takes a few files ahead, then has no room until it answers.
        const given: Promise<FileOutcome>[] = [];
        while (next + given.length < jobs.length && workers.hasRoom()) given.push(workers.redact(jobs[next + given.length], undefined, `out/${jobs[next + given.length].path}`));
        assert.ok(given.length >= 1 && (given.length === 3 || next + given.length === jobs.length), `${given.length} files taken at once`);
        for (const outcome of given) statuses.push(await check(jobs[next++], outcome));
      }
      assert.deepEqual(statuses, ['redacted', 'redacted', 'error', 'unchanged', 'binary']);
      assert.equal(readdirSync(join(dir, 'out')).sort().join(' '), 'a.csv clean.txt', 'a temporary file was left, or a discarded file written');
    } finally {
      workers.close();
    }
  });

  it('a dry run writes nothing; in place, a file with nothing to replace is not written', async () => {
    writeFileSync(join(dir, 'in', 'a.csv'), payroll(3));
    writeFileSync(join(dir, 'in', 'clean.txt'), 'nothing\n');
    const dry = new RedactWorkers([worker], { ...setup, dryRun: true, describing: 'dryRun' }, {});
    try {
      const o = await dry.redact({ abs: join(dir, 'in', 'a.csv'), path: 'in/a.csv', target: join(dir, 'out', 'a.csv'), engine: 0 }, undefined, 'out/a.csv');
      assert.equal(o.status, 'redacted');
      if (o.status !== 'redacted') return;
      assert.equal(o.count, 9);
      assert.match(spoolLines(o.planned)[0], /^in\/a\.csv:2:\d+ {2}cn-resident-id {2}\d\*{16}[\dX]$/);
      assert.throws(() => o.output.commit(), /nothing was written/);
    } finally {
      dry.close();
    }
    const inPlace = new RedactWorkers([worker], { ...setup, writeUnchanged: false }, {});
    try {
      const clean = join(dir, 'in', 'clean.txt');
      const o = await inPlace.redact({ abs: clean, path: 'in/clean.txt', target: clean, engine: 0 }, undefined, 'in/clean.txt');
      assert.equal(o.status, 'unchanged');
      assert.deepEqual(readdirSync(join(dir, 'in')).sort(), ['a.csv', 'clean.txt']);
    } finally {
      inPlace.close();
    }
    assert.deepEqual(readdirSync(join(dir, 'out')), []);
  });

  it('a worker that stops: the files in its hands are rejected, and it takes no more', async () => {
    writeFileSync(join(dir, 'in', 'a.csv'), payroll(2000));
    const workers = new RedactWorkers([worker], setup, {});
    try {
      const job = { abs: join(dir, 'in', 'a.csv'), path: 'in/a.csv', target: join(dir, 'out', 'a.csv'), engine: 0 };
      const pending = workers.redact(job, undefined, 'out/a.csv');
      await worker.terminate();
      await assert.rejects(pending, /worker thread stopped/);
      assert.equal(workers.hasRoom(), false);
    } finally {
      workers.close();
    }
  });
});
