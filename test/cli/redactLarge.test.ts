import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { AuditEntry } from '../../server/src/cli/auditLog';
import { PARALLEL_MIN_BYTES } from '../../server/src/cli/scanPool';
import { redactTextBytes, type Replacement } from '../../server/src/cli/redactText';
import { decodeBytes } from '../../server/src/cli/textCodec';
import type { Operator } from '../../server/src/engine/redact/operators';
import { cliPath, runCli } from '../support/cli';
import { builtinEngine } from '../support/engine';
import { makeRng, synthBankCard, synthMobile, synthResidentId, type Rng } from '../support/synth';

const KEY_HEX = '0123456789abcdef'.repeat(4);
const WITH_KEY = { SDGUARD_KEY: `hex:${KEY_HEX}` };

/** A payroll export of `rows` rows (several megabytes: many pieces), and the raw values in it. */
function payroll(rng: Rng, rows: number, eol: string): { text: string; raws: string[] } {
  const lines = ['姓名,身份证号,银行卡号,手机号,备注'];
  const raws: string[] = [];
  for (let i = 0; i < rows; i++) {
    const id = synthResidentId(rng);
    const card = synthBankCard(rng, 'unionpay', { length: 19 });
    const mobile = synthMobile(rng);
    raws.push(id, card, mobile);
    // The euro sign: Excel's code page 936 writes it as the single byte 0x80 (an alternate GB18030 form).
    lines.push(`员工${i},${id},${card},${mobile},${i % 7 === 0 ? '补贴€50' : '工资'}`);
  }
  return { text: lines.join(eol) + eol, raws };
}

/** What the whole-file redaction (one piece, as the editor's commands do it) makes of `bytes`. */
function reference(bytes: Buffer, path: string, operator: Operator): { bytes: Buffer; replacements: Replacement[] } {
  const key = Buffer.from(KEY_HEX, 'hex');
  const r = redactTextBytes(bytes, path, builtinEngine(), { redact: { operator, lang: 'en', key }, minConfidence: 'medium', fingerprintKey: key });
  assert.equal(r.status, 'redacted');
  if (r.status !== 'redacted') throw new Error('unreachable');
  return { bytes: r.bytes!, replacements: r.replacements };
}

function audit(path: string): AuditEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEntry);
}

/**
 * No raw value in the outputs, as a run of digits (and X) of its own: assertNoRaw's search of every
 * value in every output is too slow for a hundred thousand values in megabytes of output.
 */
function assertNoRawRun(raws: readonly string[], outputs: readonly string[]): void {
  const set = new Set(raws);
  for (const out of outputs) for (const m of out.matchAll(/[0-9Xx]{11,19}/g)) assert.ok(!set.has(m[0]), 'a raw value leaked into the output');
}

function tempsIn(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.includes('sdguard-tmp'));
}

describe('sdguard redact on files of many pieces (CLI as a child process)', function () {
  this.timeout(180_000);
  const rng = makeRng(8080);
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'sdguard-redact-large-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('a GBK export with CRLF, in place: the bytes and the audit log are those of redacting it whole', () => {
    const { text, raws } = payroll(rng, 40_000, '\r\n');
    const bytes = iconv.encode(text, 'gb18030');
    assert.ok(bytes.length > 2 * 1024 * 1024, `${bytes.length} bytes: several pieces`);
    const file = join(work, 'payroll.csv');
    writeFileSync(file, bytes);
    const want = reference(bytes, file, 'pseudonymize');
    // More than the spool holds in memory, so the audit log is read back from disk.
    assert.ok(want.replacements.length > 100_000, `${want.replacements.length} replacements`);

    const dry = runCli(['redact', 'payroll.csv', '--dry-run'], { cwd: work });
    assert.equal(dry.status, 0, dry.stderr);
    const planned = dry.stdout.split('\n').filter(Boolean);
    assert.equal(planned.length, want.replacements.length);
    const lastWant = want.replacements[want.replacements.length - 1];
    assert.equal(planned[planned.length - 1], `payroll.csv:${lastWant.line}:${lastWant.column}  ${lastWant.ruleId}  ${lastWant.masked}`);
    assertNoRawRun(raws, [dry.stdout, dry.stderr]);

    const r = runCli(['redact', 'payroll.csv', '--mode', 'pseudonymize', '--in-place', '--audit-log', 'audit.jsonl'], { cwd: work, env: WITH_KEY });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(readFileSync(file).equals(want.bytes), 'the file is what redacting it whole gives');
    assert.equal(decodeBytes(readFileSync(file)).encoding, 'gb18030');
    const entries = audit(join(work, 'audit.jsonl'));
    assert.deepEqual(
      entries.map((e) => [e.rule, e.line, e.column, e.fingerprint]),
      want.replacements.map((p) => [p.ruleId, p.line, p.column, p.fingerprint]),
    );
    assertNoRawRun(raws, [r.stdout, r.stderr, readFileSync(join(work, 'audit.jsonl'), 'utf8'), readFileSync(file, 'latin1')]);
    assert.deepEqual(tempsIn(work), []);
    // The spool's folder is gone too.
    assert.deepEqual(readdirSync(tmpdir()).filter((n) => /^sdguard-[A-Za-z0-9]{6}$/.test(n) && statSync(join(tmpdir(), n)).mtimeMs > Date.now() - 60_000), []);
  });

  it('UTF-16LE with a BOM, to a copy: the copy is what redacting it whole gives, the original untouched', () => {
    const { text } = payroll(rng, 20_000, '\n');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.ok(bytes.length > 2 * 1024 * 1024);
    writeFileSync(join(work, 'payroll.csv'), bytes);
    const want = reference(bytes, 'payroll.csv', 'mask');
    const r = runCli(['redact', 'payroll.csv', '--out', 'out', '--no-audit-log'], { cwd: work });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(readFileSync(join(work, 'out', 'payroll.csv')).equals(want.bytes));
    assert.ok(readFileSync(join(work, 'payroll.csv')).equals(bytes));
  });

  it('a bad byte megabytes in: the error names its byte and line as the whole-file check does, and the file is untouched', () => {
    const { text } = payroll(rng, 30_000, '\n');
    const good = Buffer.from(text, 'utf8');
    const at = good.indexOf(Buffer.from('\n员工25000,'));
    assert.ok(at > 1024 * 1024);
    const bytes = Buffer.concat([good.subarray(0, at + 1), Buffer.from([0xff]), good.subarray(at + 1)]);
    writeFileSync(join(work, 'payroll.csv'), bytes);
    let expected = '';
    try {
      decodeBytes(bytes, 'auto');
    } catch (e) {
      expected = (e as Error).message;
    }
    assert.match(expected, /line 25002/);
    const before = statSync(join(work, 'payroll.csv'));
    const r = runCli(['redact', 'payroll.csv', '--in-place', '--no-audit-log'], { cwd: work });
    assert.equal(r.status, 2, r.stderr);
    assert.ok(r.stderr.includes(`error: payroll.csv: ${expected}; left unchanged`), r.stderr);
    assert.ok(readFileSync(join(work, 'payroll.csv')).equals(bytes));
    assert.equal(statSync(join(work, 'payroll.csv')).mtimeMs, before.mtimeMs);
    assert.deepEqual(tempsIn(work), []);
  });

  it('a signal in the middle of a large file stops it there: the file as it was, no temporary file, exit 2', async () => {
    const { text } = payroll(rng, 150_000, '\n');
    const bytes = Buffer.from(text, 'utf8');
    writeFileSync(join(work, 'payroll.csv'), bytes);
    const child = spawn(process.execPath, [cliPath, 'redact', 'payroll.csv', '--in-place', '--no-audit-log'], { cwd: work, env: { ...process.env, LANG: 'en_US.UTF-8' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The temporary file appears with the first redacted piece: the file is then in hand.
    const started = Date.now();
    while (tempsIn(work).length === 0) {
      assert.ok(Date.now() - started < 60_000, 'no temporary file appeared');
      await new Promise((r) => setTimeout(r, 5));
    }
    const signalled = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    assert.equal(code, 2, stderr);
    assert.match(stderr, /Interrupted \(SIGTERM\) after 0 file\(s\), 1 not processed; each file is either as it was or fully redacted\./);
    assert.ok(readFileSync(join(work, 'payroll.csv')).equals(bytes), 'the file is as it was');
    assert.deepEqual(tempsIn(work), []);
    // Not after the whole file (several seconds): within a few pieces.
    assert.ok(Date.now() - signalled < 3000, `stopped ${Date.now() - signalled} ms after the signal`);
  });

  it('a file large enough to be read back in a second thread (--jobs 2): the same copy, audit log and residual check as --jobs 1', () => {
    const { text, raws } = payroll(rng, 480_000, '\n');
    const bytes = Buffer.from(text, 'utf8');
    assert.ok(bytes.length >= PARALLEL_MIN_BYTES, `${bytes.length} bytes`);
    writeFileSync(join(work, 'payroll.csv'), bytes);
    const runs = [1, 2].map((jobs) => {
      const r = runCli(['redact', 'payroll.csv', '--out', `out${jobs}`, '--audit-log', `audit${jobs}.jsonl`, '--jobs', String(jobs)], { cwd: work });
      assert.equal(r.status, 0, r.stderr);
      return { r, copy: readFileSync(join(work, `out${jobs}`, 'payroll.csv')), entries: audit(join(work, `audit${jobs}.jsonl`)) };
    });
    const [one, two] = runs;
    assert.ok(two.copy.equals(one.copy), 'the copies differ');
    assert.equal(one.entries.length, 3 * 480_000);
    assert.deepEqual(two.entries.map(({ time: _, output: __, ...e }) => e), one.entries.map(({ time: _, output: __, ...e }) => e));
    assert.equal(two.r.stdout.replace('out2', 'out1'), one.r.stdout);
    // A placeholder that is itself a valid ID: every value replaced is found again, in either thread.
    const residual = [1, 2].map((jobs) => runCli(['redact', 'payroll.csv', '--mode', 'redact', '--placeholder', raws[0], '--rules', 'cn-resident-id', '--in-place', '--no-audit-log', '--jobs', String(jobs)], { cwd: work }));
    for (const r of residual) {
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /payroll\.csv: 480000 value\(s\) would still be found after redaction; left unchanged/);
    }
    assert.ok(readFileSync(join(work, 'payroll.csv')).equals(bytes), 'the file is as it was');
    assert.deepEqual(tempsIn(work), []);
    assertNoRawRun(raws.slice(1), [one.r.stderr, two.r.stderr, two.copy.toString('utf8'), readFileSync(join(work, 'audit2.jsonl'), 'utf8')]);
  });

  it('in place, a large file with nothing to replace is not rewritten', () => {
    const lines = ['日期,摘要,金额'];
    for (let i = 0; i < 60_000; i++) lines.push(`2024-01-${String((i % 28) + 1).padStart(2, '0')},办公用品采购第${i}批,${(i * 37) % 10000}.00`);
    writeFileSync(join(work, 'ledger.csv'), lines.join('\n') + '\n');
    const before = statSync(join(work, 'ledger.csv'));
    assert.ok(before.size > 2 * 1024 * 1024);
    const r = runCli(['redact', 'ledger.csv', '--in-place', '--no-audit-log'], { cwd: work });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /Nothing to redact \(1 file\(s\) read\)/);
    const after = statSync(join(work, 'ledger.csv'));
    assert.equal(after.ino, before.ino);
    assert.equal(after.mtimeMs, before.mtimeMs);
    assert.deepEqual(tempsIn(work), []);
  });
});
