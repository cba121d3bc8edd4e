import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enoughForWorkers, PARALLEL_MIN_BYTES } from '../../server/src/cli/scanPool';

describe('whether the default --jobs starts scanning in workers (real files on disk)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-jobs-'));
    writeFileSync(join(dir, 'a.csv'), 'x'.repeat(1000));
    writeFileSync(join(dir, 'b.ts'), 'y'.repeat(3000));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const job = (name: string, source?: string) => ({ abs: join(dir, name), path: name, ...(source ? { source: join(dir, source) } : {}) });

  it('counts the bytes of the files, up to the threshold', () => {
    const files = [job('a.csv'), job('b.ts')];
    assert.equal(enoughForWorkers(files, 4000), true);
    assert.equal(enoughForWorkers(files, 4001), false);
    assert.equal(enoughForWorkers([job('a.csv')], 1000), true);
    assert.equal(enoughForWorkers([], 1), false);
  });
  it('reads the size where the bytes are (a staged copy), and counts a missing file as empty', () => {
    assert.equal(enoughForWorkers([job('gone.csv', 'b.ts')], 3000), true);
    assert.equal(enoughForWorkers([job('gone.csv'), job('a.csv')], 1001), false);
  });
  it('by default, a few small files are not worth a worker', () => {
    assert.equal(enoughForWorkers([job('a.csv'), job('b.ts')]), false);
    assert.ok(PARALLEL_MIN_BYTES >= 16 * 1024 * 1024);
  });
});
