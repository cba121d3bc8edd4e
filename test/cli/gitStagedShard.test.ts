import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { makeRng, synthMobile } from '../support/synth';

interface JsonReport {
  files: { path: string; findings: { ruleId: string; line: number; masked: string }[] }[];
  summary: { scanned: number; findings: number };
}

describe('sdguard scan --staged --shard (CLI as a child process)', function () {
  this.timeout(120_000);
  const rng = makeRng(9017);
  let repo: string;
  const env = { GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: { ...process.env, ...env }, encoding: 'utf8' });
  const json = (args: string[]): JsonReport => {
    const r = runCli(['scan', ...args, '--format', 'json'], { cwd: repo, env });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    return JSON.parse(r.stdout) as JsonReport;
  };
  const found = (report: JsonReport) => report.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line} ${x.ruleId} ${x.masked}`));

  before(() => {
    repo = mkdtempSync(join(tmpdir(), 'sdguard-staged-shard-'));
    git('init', '-q');
    git('config', 'user.name', 'Test');
    git('config', 'user.email', 'test@example.invalid');
    git('config', 'commit.gpgsign', 'false');
    git('config', 'core.autocrlf', 'false');
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
