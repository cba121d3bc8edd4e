import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, gitIn, initRepo, scanJson, type GitJsonReport as JsonReport } from '../support/gitRepo';
import { makeRng, synthMobile } from '../support/synth';

describe('sdguard scan --staged --shard (CLI as a child process)', function () {
  this.timeout(120_000);
  const rng = makeRng(9017);
  let repo: string;
  const git = (...args: string[]) => gitIn(repo, ...args);
  const json = (args: string[]): JsonReport => scanJson(args, repo);

  before(() => {
    repo = initRepo('sdguard-staged-shard-');
    writeFileSync(join(repo, 'README.md'), 'nothing here\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'first');
    // Staged files, some with the same bytes (one blob for several paths, likely in different shards).
    const shared = `export const phone = '${synthMobile(rng)}'; // 手机号\n`;
    for (let i = 0; i < 18; i++) {
      mkdirSync(join(repo, `pkg${i % 4}`), { recursive: true });
      writeFileSync(join(repo, `pkg${i % 4}`, `f${i}.ts`), i % 3 === 0 ? shared : `export const m${i} = '${synthMobile(rng)}'; // 手机号\n`);
    }
    git('add', '-A');
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  it('the shards of --staged partition its findings, blobs shared between shards included', () => {
    const all = json(['--staged']);
    assert.equal(all.summary.scanned, 18);
    assert.equal(all.summary.findings, 18);
    const parts = ['1/3', '2/3', '3/3'].map((s) => json(['--staged', '--shard', s]));
    for (const p of parts) assert.ok(p.summary.scanned > 0, 'an empty shard among 18 files');
    const union = parts.flatMap(found);
    assert.deepEqual([...union].sort(), [...found(all)].sort());
    assert.equal(parts.reduce((n, p) => n + p.summary.scanned, 0), all.summary.scanned);
  });
});
