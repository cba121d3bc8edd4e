import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARALLEL_MIN_BYTES } from '../../server/src/cli/scanPool';
import { runCli } from '../support/cli';
import { assertNoRaw } from '../support/noRaw';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

describe('sdguard scan --jobs N: one large file split among threads (CLI as a child process)', function () {
  this.timeout(120_000);
  const rng = makeRng(4242);
  const raws: string[] = [];
  let dir: string;
  let file: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-cli-split-'));
    file = join(dir, 'ledger.csv');
    // Over the size at which --jobs splits a file: ledger rows, a payroll row now and then, notes
    // over several lines in quotes in the middle, a ragged row late in the file.
    const lines = ['摘要,姓名,身份证号,银行卡号,手机号,金额,备注'];
    let bytes = 0;
    for (let i = 1; bytes < PARALLEL_MIN_BYTES + 2 ** 20; i++) {
      let line: string;
      if (i % 40 === 0) {
        const values = [synthResidentId(rng), synthBankCard(rng, 'unionpay', { length: 19 }), synthMobile(rng)];
        if (raws.length < 50) raws.push(...values);
        line = `工资,员工${i},${values.join(',')},${(i % 9000) + 1000}.00,正常`;
      } else {
        const note = bytes > PARALLEL_MIN_BYTES * 0.3 && bytes < PARALLEL_MIN_BYTES * 0.6 ? `"第${i}笔\n分两行,\n再一行"` : '无';
        line = `办公用品采购第${i}笔 供应商编号 S${i % 997},,,,,${(i % 500) + 0.5},${note}`;
      }
      if (i === 300_000) lines.push('缺少字段的一行,张三');
      lines.push(line);
      bytes += Buffer.byteLength(line) + 1;
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    assert.ok(statSync(file).size >= PARALLEL_MIN_BYTES);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports what --jobs 1 reports: every finding, its line and column, the column summaries, the structure break, the exit code', () => {
    const one = runCli(['scan', '--format', 'json', '--jobs', '1', 'ledger.csv'], { cwd: dir });
    const split = runCli(['scan', '--format', 'json', '--jobs', '3', 'ledger.csv'], { cwd: dir });
    assert.equal(one.status, 1, one.stderr);
    assert.equal(split.status, one.status, split.stderr);
    const a = JSON.parse(one.stdout);
    const b = JSON.parse(split.stdout);
    assert.ok(a.files[0].findings.length > 20_000, `${a.files[0].findings.length} findings`);
    assert.ok(a.files[0].findings.at(-1).line > 300_000);
    assert.equal(a.files[0].structure?.kind, 'ragged-row');
    assert.deepEqual(b, a);
    const summary1 = runCli(['scan', '--summary', '--jobs', '1', 'ledger.csv'], { cwd: dir });
    const summary2 = runCli(['scan', '--summary', '--jobs', '2', 'ledger.csv'], { cwd: dir });
    assert.equal(summary2.stdout, summary1.stdout);
    assert.equal(summary2.stderr, summary1.stderr);
    assertNoRaw(raws, [one.stdout, one.stderr, split.stdout, split.stderr, summary2.stdout], (raw) => `a raw value leaked (#${raws.indexOf(raw)})`);
  });

  it('in a folder, the large file among small ones is split, and the report is still --jobs 1\'s, in file order', () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    // Small files before and after it: the threads take them whole, then the large file's parts, then whole files again.
    for (const name of ['a-list.csv', 'b-list.csv', 'x-list.csv', 'y-list.csv', 'z-list.csv']) {
      writeFileSync(join(folder, name), `姓名,身份证号,手机号\n${Array.from({ length: 30 }, (_, i) => `员工${i},${synthResidentId(rng)},${synthMobile(rng)}`).join('\n')}\n`);
    }
    copyFileSync(file, join(folder, 'm-ledger.csv'));
    const one = runCli(['scan', '--format', 'json', '--jobs', '1', 'folder'], { cwd: dir });
    const two = runCli(['scan', '--format', 'json', '--jobs', '2', 'folder'], { cwd: dir });
    assert.equal(one.status, 1, one.stderr);
    assert.equal(two.status, 1, two.stderr);
    const a = JSON.parse(one.stdout);
    assert.deepEqual(a.files.map((f: { path: string }) => f.path), ['folder/a-list.csv', 'folder/b-list.csv', 'folder/m-ledger.csv', 'folder/x-list.csv', 'folder/y-list.csv', 'folder/z-list.csv']);
    assert.deepEqual(JSON.parse(two.stdout), a);
    const summary1 = runCli(['scan', '--summary', '--jobs', '1', 'folder'], { cwd: dir });
    const summary3 = runCli(['scan', '--summary', '--jobs', '3', 'folder'], { cwd: dir });
    assert.equal(summary3.stdout, summary1.stdout);
  });

  it('a byte that does not decode, near the end: the same error, line and findings as --jobs 1', () => {
    writeFileSync(join(dir, 'bad.csv'), Buffer.concat([readFileSync(file), Buffer.from(`尾行,${synthMobile(rng)},\xff结束\n`, 'latin1')]));
    const one = runCli(['scan', '--format', 'json', '--encoding', 'utf-8', '--jobs', '1', 'bad.csv'], { cwd: dir });
    const split = runCli(['scan', '--format', 'json', '--encoding', 'utf-8', '--jobs', '2', 'bad.csv'], { cwd: dir });
    assert.equal(one.status, 2, one.stderr);
    assert.match(one.stderr, /bad\.csv/);
    assert.equal(split.status, one.status);
    assert.equal(split.stderr, one.stderr);
    assert.deepEqual(JSON.parse(split.stdout), JSON.parse(one.stdout));
  });
});
