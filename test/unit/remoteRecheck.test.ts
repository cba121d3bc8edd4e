import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { recheckScanner } from '../../server/src/cli/recheckScanner';
import { RemoteRecheck } from '../../server/src/cli/remoteRecheck';
import type { ScanFileOptions } from '../../server/src/cli/scanFile';
import { builtinEngine, repoRoot } from '../support/engine';
import { makeRng, synthMobile, synthResidentId } from '../support/synth';

const engine = builtinEngine();
const rng = makeRng(20261124);

/** A real worker thread running the scan worker's source (through tsx), as redact's pool does. */
function scanWorker(): Worker {
  const source = join(repoRoot, 'server/src/cli/scanWorker.ts');
  const options: ScanFileOptions = { minConfidence: 'medium', lang: 'en', detail: false };
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true, workerData: { rules: engine.rules, options } });
}

/** Redacted-looking CSV pieces, each ending a line, with `left` IDs and as many mobiles not masked. */
function pieces(count: number, left: number): string[] {
  const out: string[] = [];
  for (let p = 0; p < count; p++) {
    const rows = p === 0 ? ['姓名,身份证号,手机号'] : [];
    for (let i = 0; i < 2000; i++) rows.push(`员工${i},110***********123X,138****0000`);
    if (p % Math.ceil(count / left) === 0) rows.push(`漏网,${synthResidentId(rng)},${synthMobile(rng)}`);
    out.push(`${rows.join('\n')}\n`);
  }
  return out;
}

/** What the read-back finds when it runs here. */
function here(texts: string[], rules?: ReadonlySet<string>): number {
  let n = 0;
  const scanner = recheckScanner(engine, 'payroll.csv', { minConfidence: 'medium', rules }, () => n++);
  for (const t of texts) scanner.push(t);
  scanner.end();
  return n;
}

describe('a redaction read back in a worker thread (RemoteRecheck)', function () {
  this.timeout(60_000);
  let worker: Worker;
  before(() => (worker = scanWorker()));
  after(() => worker.terminate());

  it('finds what the read-back here finds, for all rules or some, file after file on one worker', async () => {
    const texts = pieces(40, 5);
    const all = here(texts);
    assert.equal(all, 10, 'five IDs and five mobiles left');
    const ids = new Set(['cn-resident-id']);
    for (const rules of [undefined, ids]) {
      const remote = new RemoteRecheck(worker, { engine: 0, path: 'payroll.csv' }, { minConfidence: 'medium', rules });
      try {
        for (const t of texts) {
          remote.push(t);
          // Never more than a few pieces ahead of the worker.
          await remote.room();
        }
        assert.equal(await remote.end(), here(texts, rules));
      } finally {
        remote.close();
      }
    }
    assert.equal(here(texts, ids), 5);
  });

  it('a file given up half-way does not count in the next one', async () => {
    const texts = pieces(10, 10);
    const dropped = new RemoteRecheck(worker, { engine: 0, path: 'a.csv' }, { minConfidence: 'medium' });
    for (const t of texts.slice(0, 5)) dropped.push(t);
    dropped.close();
    const next = new RemoteRecheck(worker, { engine: 0, path: 'b.csv' }, { minConfidence: 'medium' });
    try {
      for (const t of texts.slice(5)) next.push(t);
      assert.equal(await next.end(), here(texts.slice(5)));
    } finally {
      next.close();
    }
  });

  it('a worker that fails: the read-back rejects with its error (the file is then left as it was)', async () => {
    const failing = scanWorker();
    // An engine the worker was never told of: building it throws in the worker.
    const remote = new RemoteRecheck(failing, { engine: 7, path: 'payroll.csv' }, { minConfidence: 'medium' });
    try {
      remote.push(pieces(1, 1)[0]);
      await assert.rejects(remote.end());
    } finally {
      remote.close();
      await failing.terminate();
    }
  });
});
