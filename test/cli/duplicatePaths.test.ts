import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { makeRng, synthResidentId } from '../support/synth';

describe('sdguard: a file reached through two given paths is read once (CLI as a child process)', function () {
  this.timeout(60_000);
  const rng = makeRng(4242);
  const ids = [synthResidentId(rng), synthResidentId(rng)];
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'sdguard-dup-'));
    mkdirSync(join(work, 'd', 'sub'), { recursive: true });
    writeFileSync(join(work, 'd', 'a.csv'), `身份证号\n${ids[0]}\n`);
    writeFileSync(join(work, 'd', 'sub', 'b.csv'), `身份证号\n${ids[1]}\n`);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const jobs of ['1', '2']) {
    it(`scan --jobs ${jobs}: a folder and a file in it, a folder twice, a folder and its subfolder`, () => {
      const cases: [string[], string[]][] = [
        [['d', 'd/a.csv'], ['d/a.csv', 'd/sub/b.csv']],
        [['d', 'd'], ['d/a.csv', 'd/sub/b.csv']],
        [['d', 'd/sub', './d/a.csv'], ['d/a.csv', 'd/sub/b.csv']],
        // First reached, first listed.
        [['d/sub/b.csv', 'd'], ['d/sub/b.csv', 'd/a.csv']],
      ];
      for (const [paths, order] of cases) {
        const r = runCli(['scan', ...paths, '--jobs', jobs, '--format', 'json'], { cwd: work });
        assert.equal(r.status, 1, r.stderr);
        const report = JSON.parse(r.stdout) as { files: { path: string }[]; summary: { scanned: number; findings: number } };
        assert.deepEqual(report.summary, { scanned: 2, filesWithFindings: 2, findings: 2 }, paths.join(' '));
        assert.deepEqual(report.files.map((f) => f.path), order);
        const text = runCli(['scan', ...paths, '--jobs', jobs], { cwd: work });
        assert.equal(text.stdout.trim().split('\n').length, 2, text.stdout);
        assert.match(text.stderr, /2 finding\(s\) in 2 file\(s\) \(2 file\(s\) scanned\)/);
      }
    });
  }

  it('redact --dry-run lists each value once', () => {
    const r = runCli(['redact', 'd', 'd/a.csv', 'd/sub', '--dry-run'], { cwd: work });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 2, r.stdout);
    assert.match(r.stderr, /2 value\(s\) in 2 file\(s\) would be redacted \(2 file\(s\) read\)/);
  });
});
