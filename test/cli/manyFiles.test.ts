import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';

/** More files than a call's arguments can hold (a spread of ~150k items overflows V8's stack). */
const FILES = 200_000;
/** Memory-backed where there is one: creating 200k files on a disk can take a minute. */
const TEMP_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

describe('sdguard redact over a very large folder (CLI as a child process)', function () {
  this.timeout(180_000);
  let work: string;
  before(() => {
    work = mkdtempSync(join(TEMP_ROOT, 'sdguard-many-'));
    const data = join(work, 'data');
    mkdirSync(data);
    for (let i = 0; i < FILES; i++) writeFileSync(join(data, `f${i}.txt`), 'x\n');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it(`reads all ${FILES} files (no list of files is spread into a call)`, () => {
    const r = runCli(['redact', 'data', '--dry-run', '--no-config'], { cwd: work });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`\\(${FILES} file\\(s\\) read\\)`));
  });
});
