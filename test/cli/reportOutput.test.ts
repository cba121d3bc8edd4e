import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { makeRng, synthResidentId } from '../support/synth';

describe('sdguard scan --output into the folder scanned (CLI as a child process)', function () {
  this.timeout(60_000);
  const rng = makeRng(5511);
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'sdguard-output-'));
    writeFileSync(join(work, 'a.csv'), `身份证号\n${synthResidentId(rng)}\n`);
    writeFileSync(join(work, 'notes.txt'), 'nothing here\n');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('the report being written is not scanned, nor a report left half-written by a killed run', () => {
    // What a scan killed while writing its report leaves beside it.
    writeFileSync(join(work, '.old.json.sdguard-tmp-99999-0badc0de'), '{"half":');
    const r = runCli(['scan', '.', '--format', 'json', '--output', 'report.json'], { cwd: work });
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')) as { files: { path: string }[]; summary: { scanned: number } };
    assert.equal(report.summary.scanned, 2);
    assert.deepEqual(report.files.map((f) => f.path), ['a.csv']);
    // The temporary file became the report: nothing else is left beside it.
    assert.deepEqual(readdirSync(work).sort(), ['.old.json.sdguard-tmp-99999-0badc0de', 'a.csv', 'notes.txt', 'report.json']);
  });
});
