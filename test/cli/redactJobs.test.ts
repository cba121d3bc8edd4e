import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { encodeText } from '../../server/src/cli/textCodec';
import { runCli } from '../support/cli';
import { repoRoot } from '../support/engine';
import { assertNoRaw } from '../support/noRaw';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

const WITH_KEY = { SDGUARD_KEY: `hex:${'0123456789abcdef'.repeat(4)}` };

/** Every file under `dir` (relative, `/` separators) with its bytes, base64. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[relative(dir, join(e.parentPath, e.name)).split(sep).join('/')] = readFileSync(join(e.parentPath, e.name)).toString('base64');
  }
  return out;
}

/** The audit log's lines less their time (the only thing two runs may differ in). */
function auditOf(path: string): string[] {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => l.replace(/^\{"time":"[^"]+",/, '{')) : [];
}

describe('sdguard redact --jobs: a folder redacted in worker threads reads and writes as one thread does (CLI as a child process)', function () {
  this.timeout(120_000);
  const rng = makeRng(424242);
  const raws: string[] = [];
  let root: string;

  /** 80 payroll exports (two configurations, GBK among them), code, a workbook, and files that are named, not redacted. */
  function makeTree(data: string): void {
    const payroll = (rows: number) => {
      const lines = ['姓名,身份证号,银行卡号,手机号'];
      for (let i = 0; i < rows; i++) {
        const v = [synthResidentId(rng), synthBankCard(rng), synthMobile(rng)];
        raws.push(...v);
        lines.push(`员工${i},${v.join(',')}`);
      }
      return `${lines.join('\r\n')}\r\n`;
    };
    mkdirSync(join(data, 'a'), { recursive: true });
    mkdirSync(join(data, 'sub', 'deep'), { recursive: true });
    for (let i = 0; i < 40; i++) writeFileSync(join(data, 'a', `p${i}.csv`), payroll(1 + (i % 5)));
    for (let i = 0; i < 30; i++) writeFileSync(join(data, 'sub', 'deep', `q${i}.csv`), encodeText(payroll(2), { encoding: 'gb18030', bom: false }));
    // Its own configuration: mobiles off, its own placeholder (the workers build its engine).
    writeFileSync(join(data, 'sub', '.sdguard.yaml'), 'rules:\n  cn-mobile: off\nredact: { placeholder: "[已删除]" }\n');
    const id = synthResidentId(rng);
    raws.push(id);
    writeFileSync(join(data, 'seed.ts'), `export const idNumber = '${id}';\n`);
    writeFileSync(join(data, 'clean.txt'), 'nothing here\n');
    writeFileSync(join(data, 'image.bin'), Buffer.from([0, 1, 2, 0, 3, 4]));
    writeFileSync(join(data, 'old.xls'), Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]));
    writeFileSync(join(data, 'bad.csv'), Buffer.concat([Buffer.from(`身份证号\n${synthResidentId(rng)}\n`), Buffer.from([0xff, 0xfe, 0x0a])]));
    cpSync(join(repoRoot, 'examples', 'payroll.xlsx'), join(data, 'book.xlsx'));
  }

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sdguard-redact-jobs-'));
    makeTree(join(root, 'tree'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const runs: { name: string; args: string[]; env?: NodeJS.ProcessEnv }[] = [
    { name: 'mask to a copy, with an audit log', args: ['--out', 'out', '--audit-log', 'audit.jsonl'] },
    { name: 'redact to a copy (placeholders by configuration)', args: ['--mode', 'redact', '--out', 'out', '--audit-log', 'audit.jsonl'] },
    { name: 'pseudonymize in place', args: ['--mode', 'pseudonymize', '--in-place', '--audit-log', 'audit.jsonl'], env: WITH_KEY },
    { name: 'fake to a copy, no audit log', args: ['--mode', 'fake', '--out', 'out', '--no-audit-log'], env: WITH_KEY },
    { name: 'a dry run', args: ['--dry-run'] },
  ];
  for (const run of runs) {
    it(`${run.name}: --jobs 2 gives the same files, report and audit log as --jobs 1`, () => {
      const results = [1, 2].map((jobs) => {
        const work = join(root, `${run.name.replace(/\W+/g, '-')}-${jobs}`);
        cpSync(join(root, 'tree'), join(work, 'data'), { recursive: true });
        const r = runCli(['redact', 'data', '--jobs', String(jobs), ...run.args], { cwd: work, env: run.env });
        return { ...r, files: snapshot(work), audit: auditOf(join(work, 'audit.jsonl')) };
      });
      const [one, two] = results;
      // bad.csv does not decode: exit 2 for both, the others redacted.
      assert.equal(one.status, 2, one.stderr);
      assert.equal(two.status, one.status, two.stderr);
      assert.equal(two.stdout, one.stdout);
      assert.equal(two.stderr, one.stderr);
      assert.match(one.stderr, /data\/bad\.csv: neither UTF-8 \(bad byte at 32\) nor GB18030/);
      assert.match(one.stderr, /data\/old\.xls: a \.xls workbook, a format sdguard does not read/);
      delete one.files['audit.jsonl'];
      delete two.files['audit.jsonl'];
      assert.deepEqual(Object.keys(two.files).sort(), Object.keys(one.files).sort());
      for (const [path, bytes] of Object.entries(one.files)) assert.equal(two.files[path], bytes, `${path} differs`);
      assert.deepEqual(two.audit, one.audit);
      if (!run.args.includes('--dry-run')) assert.ok(one.audit.length > 0 || !run.args.includes('--audit-log'));
      const written = Object.entries(two.files)
        .filter(([path]) => (run.args.includes('--in-place') ? path.startsWith('data/') : path.startsWith('out/')) && !path.includes('bad.csv'))
        .map(([, b]) => Buffer.from(b, 'base64').toString('latin1') + Buffer.from(b, 'base64').toString('utf8'));
      if (run.args.includes('--dry-run')) assert.deepEqual(written, []);
      // Fake values are synthetic, found again by design: checked for raw values as the others are.
      else assertNoRaw(raws.slice(0, 200), [...written, two.stdout, two.stderr, ...two.audit]);
    });
  }
});
