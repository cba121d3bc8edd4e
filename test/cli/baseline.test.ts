import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SCRYPT, slowFingerprint } from '../../server/src/cli/baseline/fingerprint';
import { runCli } from '../support/cli';
import { assertNoRaw } from '../support/noRaw';
import { repoRoot } from '../support/engine';
import { makeRng, synthBankCard, synthMobile, synthResidentId, synthUscc } from '../support/synth';

const KEY = 'hex:5f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const OTHER_KEY = 'base64:c2RndWFyZC10ZXN0LW90aGVyLWtleS0zMg==';

describe('sdguard baseline and scan --baseline', function () {
  this.timeout(120_000);
  const rng = makeRng(4242);
  const ids = Array.from({ length: 4 }, () => synthResidentId(rng));
  const cards = Array.from({ length: 2 }, () => synthBankCard(rng, 'unionpay', { length: 19 }));
  const mobile = synthMobile(rng);
  const uscc = synthUscc(rng);
  const fresh = synthResidentId(rng);
  const raws = [...ids, ...cards, mobile, uscc, fresh];
  let dir: string;
  const env = { SDGUARD_KEY: KEY };

  const payroll = (rows: string[][]) => ['姓名,身份证号,银行卡号', ...rows.map((r) => r.join(','))].join('\n') + '\n';
  const rows = [
    ['张三', ids[0], cards[0]],
    ['李四', ids[1], cards[1]],
    ['王五', ids[2], ''],
  ];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-baseline-'));
    writeFileSync(join(dir, 'payroll.csv'), payroll(rows));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'seed.ts'), `export const supplier = { creditCode: '${uscc}', phone: '${mobile}' };\n// the same id again: ${ids[3]} and ${ids[3]}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const assertNoRawValue = (...outputs: string[]): void => assertNoRaw(raws, outputs, 'a raw value leaked');

  function writeBaseline(args: string[] = []) {
    const r = runCli(['baseline', ...args], { cwd: dir, env });
    assert.equal(r.status, 0, r.stderr);
    return r;
  }

  it('round trip: a baseline of the current findings, then scan --baseline reports nothing and exits 0', () => {
    const before = runCli(['scan', '.', '--format', 'json'], { cwd: dir, env });
    assert.equal(before.status, 1);
    const total = JSON.parse(before.stdout).summary.findings;
    assert.equal(total, 9); // 3 ids + 2 cards in the CSV; credit code, mobile and the id twice in the code

    const w = writeBaseline();
    assert.match(w.stderr, /Baseline written to \.sdguard-baseline\.json: 9 entries from 2 file\(s\) scanned \(8 fingerprint\(s\), \d+ ms each\)/);
    const text = readFileSync(join(dir, '.sdguard-baseline.json'), 'utf8');
    assertNoRawValue(text, w.stdout, w.stderr);
    const doc = JSON.parse(text);
    assert.equal(doc.tool, 'sdguard');
    assert.deepEqual({ ...doc.fingerprint, salt: undefined, keyCheck: undefined }, { ...DEFAULT_SCRYPT, salt: undefined, keyCheck: undefined });
    assert.equal(Buffer.from(doc.fingerprint.salt, 'base64').length, 16);
    assert.equal(doc.entries.length, 9);
    for (const e of doc.entries) {
      assert.deepEqual(Object.keys(e).sort(), ['fingerprint', 'line', 'path', 'ruleId']);
      assert.match(e.fingerprint, /^[0-9a-f]{32}$/);
    }
    assert.deepEqual([...new Set(doc.entries.map((e: { path: string }) => e.path))], ['payroll.csv', 'src/seed.ts']);

    for (const jobs of ['1', '2']) {
      const r = runCli(['scan', '.', '--baseline', '.sdguard-baseline.json', '--jobs', jobs], { cwd: dir, env });
      assert.equal(r.status, 0, r.stderr + r.stdout);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /9 finding\(s\) in the baseline not reported/);
      assert.match(r.stderr, /No sensitive values found \(2 file\(s\) scanned\)/);
      assert.doesNotMatch(r.stderr, /gone/);
    }
    // Every format agrees.
    const json = runCli(['scan', '.', '--baseline', '.sdguard-baseline.json', '--format', 'json'], { cwd: dir, env });
    assert.equal(json.status, 0);
    assert.deepEqual(JSON.parse(json.stdout).summary, { scanned: 2, filesWithFindings: 0, findings: 0 });
    const summary = runCli(['scan', '.', '--baseline', '.sdguard-baseline.json', '--summary'], { cwd: dir, env });
    assert.equal(summary.status, 0);
    assert.doesNotMatch(summary.stdout, /cn-resident-id \d/);
  });

  it('the fingerprint is the keyed scrypt of the canonical value with the stored salt, and stable when written again', () => {
    writeBaseline();
    const doc = JSON.parse(readFileSync(join(dir, '.sdguard-baseline.json'), 'utf8'));
    const salt = Buffer.from(doc.fingerprint.salt, 'base64');
    const key = Buffer.from(KEY.slice(4), 'hex');
    const entry = doc.entries.find((e: { path: string; line: number; ruleId: string }) => e.path === 'payroll.csv' && e.line === 2 && e.ruleId === 'cn-resident-id');
    assert.equal(entry.fingerprint, slowFingerprint(key, salt, DEFAULT_SCRYPT, 'cn-resident-id', ids[0]));
    // Written again with the same key: same salt, same file (a clean diff).
    const first = readFileSync(join(dir, '.sdguard-baseline.json'), 'utf8');
    writeBaseline();
    assert.equal(readFileSync(join(dir, '.sdguard-baseline.json'), 'utf8'), first);
  });

  it('matches by value, not by line: moved lines stay accepted; a new value is the only finding reported', () => {
    writeBaseline();
    // Rows reordered, a line inserted above, and one new row with a new ID.
    writeFileSync(join(dir, 'payroll.csv'), payroll([rows[2], ['赵六', fresh, ''], rows[0], rows[1]]));
    const r = runCli(['scan', '.', '--baseline', '.sdguard-baseline.json', '--format', 'json'], { cwd: dir, env });
    assert.equal(r.status, 1, r.stderr);
    assertNoRawValue(r.stdout, r.stderr);
    const report = JSON.parse(r.stdout);
    const findings = report.files.flatMap((f: { path: string; findings: { ruleId: string; line: number; masked: string }[] }) => f.findings.map((x) => ({ path: f.path, ...x })));
    assert.equal(findings.length, 1);
    assert.deepEqual([findings[0].path, findings[0].ruleId, findings[0].line, findings[0].masked], ['payroll.csv', 'cn-resident-id', 3, `${fresh[0]}${'*'.repeat(16)}${fresh[17]}`]);
    assert.ok(!('baselineFingerprint' in findings[0]), 'fingerprints are not for reports');
    assert.equal(report.files[0].counts['cn-resident-id'], 1);
    assert.match(r.stderr, /9 finding\(s\) in the baseline not reported/);
    // The same value pasted once more where it was accepted once: new.
    writeFileSync(join(dir, 'payroll.csv'), payroll([...rows, ['张三', ids[0], '']]));
    const twice = runCli(['scan', 'payroll.csv', '--baseline', '.sdguard-baseline.json'], { cwd: dir, env });
    assert.equal(twice.status, 1);
    assert.equal(twice.stdout.trim().split('\n').length, 1);
    assert.match(twice.stdout, /^payroll\.csv:5:\d+ {2}error {2}cn-resident-id/);
  });

  it('says how many baseline entries are gone (fixed) and still exits 0', () => {
    writeBaseline();
    writeFileSync(join(dir, 'payroll.csv'), payroll([rows[0], rows[1], ['王五', '', '']]));
    const one = runCli(['scan', '.', '--baseline', '.sdguard-baseline.json'], { cwd: dir, env });
    assert.equal(one.status, 0, one.stderr);
    assert.match(one.stderr, /^1 baseline entry gone \(fixed, or its value changed\); `sdguard baseline` drops it from \.sdguard-baseline\.json\.$/m);
    const zh = runCli(['scan', '.', '--baseline', '.sdguard-baseline.json', '--lang', 'zh-CN'], { cwd: dir, env });
    assert.match(zh.stderr, /基线中有 1 条记录已消失/);
    // A file deleted: its entries are gone too, when the whole folder is scanned...
    rmSync(join(dir, 'src'), { recursive: true });
    const more = runCli(['scan', '.', '--baseline', '.sdguard-baseline.json'], { cwd: dir, env });
    assert.match(more.stderr, /^5 baseline entries gone/m);
    // ...but not when only another file is scanned.
    const other = runCli(['scan', 'payroll.csv', '--baseline', '.sdguard-baseline.json'], { cwd: dir, env });
    assert.match(other.stderr, /^1 baseline entry gone/m);
  });

  it('a wrong key: everything is new, and a notice says why', () => {
    writeBaseline();
    const r = runCli(['scan', '.', '--baseline', '.sdguard-baseline.json'], { cwd: dir, env: { SDGUARD_KEY: OTHER_KEY } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /The baseline \.sdguard-baseline\.json was written with a different key: none of its 9 entries can match, so every finding is reported as new/);
    assert.equal(r.stdout.trim().split('\n').length, 9);
    assert.doesNotMatch(r.stderr, /gone/);
    assertNoRawValue(r.stdout, r.stderr);
    // The key from a file works as well as from the environment.
    const keyFile = join(dir, '..', `${process.pid}-baseline.key`);
    writeFileSync(keyFile, `${KEY.slice(4)}\n`);
    const hexKeyFile = runCli(['scan', '.', '--baseline', '.sdguard-baseline.json', '--key-file', keyFile], { cwd: dir, env: { SDGUARD_KEY: undefined } });
    rmSync(keyFile);
    // The file's bytes are the key: the 64 hex characters, not the 32 bytes they spell.
    assert.match(hexKeyFile.stderr, /different key/);
  });

  it('needs a key: exit 2 with what to do', () => {
    const w = runCli(['baseline'], { cwd: dir, env: { SDGUARD_KEY: undefined } });
    assert.equal(w.status, 2);
    assert.match(w.stderr, /sdguard baseline needs a key \(set SDGUARD_KEY, or pass --key-file FILE\)/);
    writeBaseline();
    const s = runCli(['scan', '.', '--baseline', '.sdguard-baseline.json'], { cwd: dir, env: { SDGUARD_KEY: undefined } });
    assert.equal(s.status, 2);
    assert.match(s.stderr, /--baseline needs a key/);
    const missing = runCli(['scan', '.', '--baseline', 'nope.json'], { cwd: dir, env });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read the baseline .*nope\.json: no such file/);
    const mixed = runCli(['baseline', '--staged'], { cwd: dir, env });
    assert.equal(mixed.status, 2);
  });

  it('workbooks: each cell\'s value is fingerprinted too (baseline and SARIF)', () => {
    copyFileSync(join(repoRoot, 'examples', 'payroll.xlsx'), join(dir, 'book.xlsx'));
    writeBaseline(['book.xlsx']);
    const doc = JSON.parse(readFileSync(join(dir, '.sdguard-baseline.json'), 'utf8'));
    assert.equal(doc.entries.length, 36);
    assert.ok(doc.entries.every((e: { path: string }) => e.path === 'book.xlsx'));
    const r = runCli(['scan', 'book.xlsx', '--baseline', '.sdguard-baseline.json', '--format', 'json'], { cwd: dir, env });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).summary.findings, 0);
    const sarif = JSON.parse(runCli(['scan', 'book.xlsx', '--format', 'sarif'], { cwd: dir, env }).stdout);
    const fps = sarif.runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['sdguardValue/v1']);
    assert.equal(fps.length, 36);
    assert.ok(fps.every((f: string) => /^[0-9a-f]{32}:\d+$/.test(f)));
  });

  it('--output names the baseline file; its paths are relative to its folder', () => {
    mkdirSync(join(dir, 'ci'));
    writeBaseline(['--output', 'ci/accepted.json', 'src']);
    const doc = JSON.parse(readFileSync(join(dir, 'ci', 'accepted.json'), 'utf8'));
    assert.deepEqual([...new Set(doc.entries.map((e: { path: string }) => e.path))], ['../src/seed.ts']);
    // Scanned from another working folder, the paths still match.
    const r = runCli(['scan', 'seed.ts', '--baseline', '../ci/accepted.json'], { cwd: join(dir, 'src'), env });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
