import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PARALLEL_MIN_BYTES, splitFiles } from '../../server/src/cli/scanPool';
import { scanFile, type ReportedFinding, type ScanFileOptions } from '../../server/src/cli/scanFile';
import { scanSplit, type SplitStats } from '../../server/src/cli/splitScan';
import { builtinEngine, repoRoot } from '../support/engine';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

const engine = builtinEngine();
const rng = makeRng(20261124);
/** Split once the first parts are timed, however fast the file scans and however dense its findings. */
const ALWAYS = { minRemainingMs: 0, maxReportedDensity: Infinity };

/**
 * About 15 MB of payroll CSV: plain rows, then rows whose note is a quoted field over five lines
 * (so parts start inside quotes), a ragged row and an ignore-next-line far from the start (found
 * by a part scanned from a guess), and an ignore-file (the parts after it are scanned again).
 */
function payroll(rows: number): string {
  const out = ['姓名,身份证号,银行卡号,手机号,备注'];
  for (let i = 1; i <= rows; i++) {
    const id = synthResidentId(rng);
    const card = synthBankCard(rng, 'unionpay', { length: 19 });
    const note = i > rows * 0.2 && i < rows * 0.5 ? `"第${i}行\n续\n再续\n又续\n见 ${synthMobile(rng)}"` : `备注${i}`;
    out.push(`员工${i},${id},${card},${synthMobile(rng)},${note}`);
    if (i === Math.floor(rows * 0.7)) out.push('多出来的一行,没有卡号');
    if (i === Math.floor(rows * 0.75)) out.push('# sdguard-ignore-next-line cn-mobile');
    if (i === Math.floor(rows * 0.8)) out.push('# sdguard-ignore-file bank-card');
  }
  return `${out.join('\r\n')}\r\n`;
}

/** A real worker thread running the scan worker's source (through tsx), as the CLI's pool does. */
function scanWorker(options: ScanFileOptions): Worker {
  const source = join(repoRoot, 'server/src/cli/scanWorker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true, workerData: { rules: engine.rules, options } });
}

/** About 9 MB of plain text (no table): log lines, and a line of 4 million characters in the middle. */
function log(lines: number): string {
  const out: string[] = [];
  for (let i = 1; i <= lines; i++) {
    out.push(`2026-11-24 09:00:${String(i % 60).padStart(2, '0')} 开户 客户${i} 身份证 ${synthResidentId(rng)} 手机 ${synthMobile(rng)}`);
    if (i === Math.floor(lines / 2)) out.push(`导出 ${Array.from({ length: 60_000 }, () => `ID ${synthResidentId(rng)} 说明 ${'x'.repeat(40)}`).join(' ')}`);
  }
  return `${out.join('\n')}\n`;
}

describe('a large file split among threads', function () {
  this.timeout(120_000);
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-split-'));
    file = join(dir, 'payroll.csv');
    writeFileSync(file, payroll(150_000));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('plain text with a line longer than a part: the parts inside that line are scanned here, in turn', async () => {
    const text = join(dir, 'export.log');
    writeFileSync(text, log(120_000));
    const options: ScanFileOptions = { minConfidence: 'medium', lang: 'en', detail: true };
    const one: ReportedFinding[] = [];
    const alone = scanFile(text, 'export.log', engine, options, (f) => one.push(f));
    const workers = [scanWorker(options)];
    try {
      const split: ReportedFinding[] = [];
      const stats: SplitStats = { parts: 0, beforeSplit: 0, byWorkers: 0, scannedAgain: 0, deferred: 0 };
      assert.deepEqual(await scanSplit({ abs: text, path: 'export.log', engine: 0 }, engine, workers, options, (f) => split.push(f), { stats, ...ALWAYS }), alone);
      assert.deepEqual(split, one);
      assert.ok(stats.deferred >= 1 && stats.byWorkers >= 2, JSON.stringify(stats));
      assert.ok(one.some((f) => f.line === 60_001) && one.some((f) => f.line > 100_000), `${one.length} findings`);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  });

  for (const detail of [true, false]) {
    it(`finds what one thread finds, in the same order, with the same lines, columns and structure break (${detail ? 'each finding' : 'counts only'})`, async () => {
      const options: ScanFileOptions = { minConfidence: 'medium', lang: 'en', detail };
      const one: ReportedFinding[] = [];
      const alone = scanFile(file, 'payroll.csv', engine, options, (f) => one.push(f));
      const workers = [scanWorker(options), scanWorker(options)];
      try {
        const split: ReportedFinding[] = [];
        const stats: SplitStats = { parts: 0, beforeSplit: 0, byWorkers: 0, scannedAgain: 0, deferred: 0 };
        const read: number[] = [];
        const result = await scanSplit({ abs: file, path: 'payroll.csv', engine: 0 }, engine, workers, options, (f) => split.push(f), { stats, onProgress: (bytes) => read.push(bytes), ...ALWAYS });
        assert.deepEqual(result, alone);
        assert.equal(split.length, one.length);
        assert.deepEqual(split, one);
        // Progress came as the file was read, up to its size.
        assert.ok(read.length >= 10 && read.every((n, i) => i === 0 || n > read[i - 1]), `${read.length} progress calls`);
        assert.equal(read.at(-1), statSync(file).size);
        // It was split, workers scanned parts, and some parts were guessed wrong and scanned again.
        assert.ok(stats.parts >= 5, `${stats.parts} parts`);
        assert.ok(stats.byWorkers >= 2, `${stats.byWorkers} by workers`);
        assert.ok(stats.scannedAgain >= 1, `${stats.scannedAgain} scanned again`);
        // What the file holds, so that the comparison means something.
        const found = alone instanceof Promise ? await alone : alone;
        assert.equal(found.structure?.kind, 'ragged-row');
        assert.ok(found.structure!.line > 100_000, `structure break on line ${found.structure!.line}`);
        assert.ok((found.columns ?? []).length >= 3);
        if (detail) assert.ok(one.some((f) => f.line > 180_000) && one.length > 100_000, `${one.length} findings`);
      } finally {
        await Promise.all(workers.map((w) => w.terminate()));
      }
    });
  }

  it('the workers take parts only when the first parts predict enough time left, and findings not too dense to report', async () => {
    const workers = [scanWorker({ minConfidence: 'medium', lang: 'en', detail: false })];
    try {
      const run = async (detail: boolean, decision: { minRemainingMs?: number; maxReportedDensity?: number }) => {
        const options: ScanFileOptions = { minConfidence: 'medium', lang: 'en', detail };
        const stats: SplitStats = { parts: 0, beforeSplit: 0, byWorkers: 0, scannedAgain: 0, deferred: 0 };
        const one: ReportedFinding[] = [];
        const alone = scanFile(file, 'payroll.csv', engine, options, (f) => one.push(f));
        const split: ReportedFinding[] = [];
        assert.deepEqual(await scanSplit({ abs: file, path: 'payroll.csv', engine: 0 }, engine, workers, options, (f) => split.push(f), { stats, ...decision }), alone);
        assert.deepEqual(split, one);
        return stats;
      };
      // More time left than predicted: all scanned here, in turn, none again.
      const slowEnough = await run(false, { minRemainingMs: 60 * 60_000 });
      assert.equal(slowEnough.byWorkers, 0);
      assert.equal(slowEnough.beforeSplit, slowEnough.parts);
      assert.equal(slowEnough.scannedAgain, 0);
      // Each finding reported, one in every few dozen code units: not split, however long the file.
      const dense = await run(true, { minRemainingMs: 0 });
      assert.equal(dense.byWorkers, 0);
      // Counted only: split after the timed parts (the first, then three).
      const counted = await run(false, { minRemainingMs: 0 });
      assert.equal(counted.beforeSplit, 4);
      assert.ok(counted.byWorkers >= 2, JSON.stringify(counted));
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  });

  it('splits a large text file only where it is more than a thread\'s share of the run', () => {
    // Sparse files of the sizes wanted: only their sizes count here.
    const sized = (name: string, bytes: number) => {
      const abs = join(dir, name);
      writeFileSync(abs, '');
      truncateSync(abs, bytes);
      return { abs, path: name };
    };
    const big = sized('big.csv', PARALLEL_MIN_BYTES + 1);
    const big2 = sized('big2.csv', PARALLEL_MIN_BYTES + 1);
    const bigBook = sized('big.xlsx', 3 * PARALLEL_MIN_BYTES);
    const under = sized('under.csv', PARALLEL_MIN_BYTES - 1);
    const small = Array.from({ length: 10 }, (_, i) => sized(`small${i}.csv`, 2 ** 20));
    const names = (files: Set<{ path: string }>) => [...files].map((f) => f.path);
    assert.deepEqual(names(splitFiles([big], 2)), ['big.csv']);
    assert.deepEqual(names(splitFiles([...small, big], 2)), ['big.csv']);
    // Two of them keep two threads busy whole; with four threads, each is more than a share.
    assert.deepEqual(names(splitFiles([big, big2], 2)), []);
    assert.deepEqual(names(splitFiles([big, ...small, big2], 4)), ['big.csv', 'big2.csv']);
    // Nor a file under the size, however alone, nor a workbook (read as a zip).
    assert.deepEqual(names(splitFiles([under, ...small.slice(0, 2)], 2)), []);
    assert.deepEqual(names(splitFiles([bigBook, ...small], 2)), []);
    assert.deepEqual(names(splitFiles([...small, big], 1)), []);
  });
});
