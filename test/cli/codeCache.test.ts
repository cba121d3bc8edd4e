import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/engine';

// bin/sdguard.js loads dist/cli.js with the V8 code cache the build writes beside it. V8 itself
// would take a cache made from another source of the same length, running the old code: the
// cache names its source by digest, and a copy whose bundle was changed must run the change.
describe('the CLI code cache (bin/loadBundle.js)', () => {
  const dist = join(repoRoot, 'dist');
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-code-cache-'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'dist'));
    mkdirSync(join(dir, 'data'));
    mkdirSync(join(dir, 'rules'));
    for (const f of readdirSync(join(repoRoot, 'rules'))) copyFileSync(join(repoRoot, 'rules', f), join(dir, 'rules', f));
    for (const f of ['sdguard.js', 'loadBundle.js']) copyFileSync(join(repoRoot, 'bin', f), join(dir, 'bin', f));
    for (const f of readdirSync(dist)) if (/\.(js|json|cache)$/.test(f)) copyFileSync(join(dist, f), join(dir, 'dist', f));
    writeFileSync(join(dir, 'data', 'notes.txt'), 'nothing to see here\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = () => spawnSync(process.execPath, [join(dir, 'bin', 'sdguard.js'), 'scan', '--no-config', 'data'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });

  it('is written by the build for the bundle it was made from', () => {
    const cache = readFileSync(join(dist, 'cli.js.cache'));
    const digest = createHash('sha256').update(readFileSync(join(dist, 'cli.js'))).digest();
    assert.ok(cache.subarray(0, 32).equals(digest), 'the cache starts with the SHA-256 of dist/cli.js');
    assert.ok(cache.length > 100_000, `the cache holds the compiled functions (${cache.length} bytes)`);
  });

  it('is not used for a bundle changed since, even to the same length', () => {
    assert.match(run().stderr, /No sensitive values found/);
    const cli = join(dir, 'dist', 'cli.js');
    const changed = readFileSync(cli, 'utf8').replace('"No sensitive values found', '"No sensitive VALUES found');
    assert.equal(Buffer.byteLength(changed), readFileSync(cli).length);
    writeFileSync(cli, changed);
    const r = run();
    assert.equal(r.status, 0);
    assert.match(r.stderr, /No sensitive VALUES found \(1 file\(s\) scanned\)/);
  });

  it('a damaged cache file is compiled around, not an error', () => {
    const cache = join(dir, 'dist', 'cli.js.cache');
    const bytes = readFileSync(cache);
    // The digest kept (so the cache is handed to V8), the rest garbage.
    writeFileSync(cache, Buffer.concat([createHash('sha256').update(readFileSync(join(dir, 'dist', 'cli.js'))).digest(), Buffer.alloc(bytes.length - 32, 7)]));
    const r = run();
    assert.equal(r.status, 0);
    assert.match(r.stderr, /No sensitive VALUES found/);
    writeFileSync(cache, 'short');
    assert.match(run().stderr, /No sensitive VALUES found/);
  });
});
