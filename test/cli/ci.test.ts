import { strict as assert } from 'node:assert';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotation, escapeData, escapeProperty } from '../../server/src/cli/report/github';
import { paint, ProgressBar, useColor } from '../../server/src/cli/progress';
import { inShard, parseShard, shardOf } from '../../server/src/cli/git/shard';
import { runCli } from '../support/cli';
import { assertNoRaw } from '../support/noRaw';
import { assertValidSarif } from '../support/sarif';
import { makeRng, synthBankCard, synthMobile, synthResidentId, synthUscc } from '../support/synth';

const KEY = 'hex:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';

describe('sdguard scan in CI: formats, colour, exit codes, fingerprints', function () {
  this.timeout(60_000);
  const rng = makeRng(7007);
  const id = synthResidentId(rng);
  const card = synthBankCard(rng, 'unionpay', { length: 19 });
  const mobile = synthMobile(rng);
  const mobile2 = synthMobile(rng);
  const uscc = synthUscc(rng);
  const raws = [id, card, mobile, mobile2, uscc];
  let dir: string;

  // errors: cn-resident-id, bank-card; warnings: cn-mobile, cn-uscc.
  const payroll = `姓名,身份证号,银行卡号,手机号\n张三,${id},${card},${mobile}\n`;
  const contacts = `name,mobile,credit_code\n"Li, Si",${mobile2},${uscc}\n`;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-ci-'));
    writeFileSync(join(dir, 'payroll.csv'), payroll);
    mkdirSync(join(dir, 'warn'));
    writeFileSync(join(dir, 'warn', 'contacts.csv'), contacts);
    writeFileSync(join(dir, 'clean.txt'), 'nothing here\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const assertNoRawValue = (...outputs: string[]): void => assertNoRaw(raws, outputs, 'a raw value leaked into the output');

  describe('--format github', () => {
    it('escapes data and properties as the Actions runner reads them', () => {
      assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
      assert.equal(escapeProperty('a:b,c%d\ne'), 'a%3Ab%2Cc%25d%0Ae');
      assert.equal(
        annotation('error', { file: 'dir,x/a:b.csv', line: 3, col: 4, endColumn: 22, title: 'cn-resident-id · 居民身份证号码' }, 'line1\nline2 50%'),
        '::error file=dir%2Cx/a%3Ab.csv,line=3,col=4,endColumn=22,title=cn-resident-id · 居民身份证号码::line1%0Aline2 50%25\n',
      );
      // Empty or missing properties are left out.
      assert.equal(annotation('notice', { file: 'a', line: undefined, title: '' }, 'm'), '::notice file=a::m\n');
    });

    it('writes one annotation per finding, with masked values, severities mapped to error/warning', () => {
      const r = runCli(['scan', '.', '--format', 'github'], { cwd: dir });
      assert.equal(r.status, 1, r.stderr);
      assertNoRawValue(r.stdout, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 5, r.stdout);
      for (const l of lines) assert.match(l, /^::(error|warning) file=[^,:]+,line=\d+,col=\d+,endColumn=\d+,title=[^:]+::.*\*{3,}/);
      const col = payroll.split('\n')[1].indexOf(id) + 1;
      assert.ok(lines.includes(`::error file=payroll.csv,line=2,col=${col},endColumn=${col + 18},title=cn-resident-id · Resident identity card number::Resident identity card number: ${id[0]}${'*'.repeat(16)}${id[17]} (confidence high)`), r.stdout);
      assert.ok(lines.some((l) => l.startsWith('::warning file=warn/contacts.csv,line=2,') && l.includes('title=cn-mobile')));
      // Titles follow --lang.
      const zh = runCli(['scan', 'payroll.csv', '--format', 'github', '--lang', 'zh-CN'], { cwd: dir });
      assert.match(zh.stdout, /title=cn-resident-id · 居民身份证号码::/);
    });

    it('annotates a configuration error at its file, line and column', () => {
      const broken = mkdtempSync(join(tmpdir(), 'sdguard-ci-config-'));
      try {
        writeFileSync(join(broken, '.sdguard.yaml'), 'rules:\n  cn-mobile: of\n');
        const r = runCli(['scan', '.', '--format', 'github'], { cwd: broken });
        assert.equal(r.status, 2);
        assert.match(r.stdout, /^::error file=\.sdguard\.yaml,line=2,col=3,title=sdguard::rules\.cn-mobile: must be off, on/m);
      } finally {
        rmSync(broken, { recursive: true, force: true });
      }
    });
  });

  describe('text colour', () => {
    it('is off when stdout is not a terminal, on with FORCE_COLOR, off again with NO_COLOR', () => {
      const piped = runCli(['scan', 'payroll.csv'], { cwd: dir, env: { FORCE_COLOR: undefined, NO_COLOR: undefined } });
      assert.equal(piped.status, 1);
      assert.ok(!piped.stdout.includes('\x1b['), 'colour codes in piped output');
      assert.ok(!piped.stderr.includes('\x1b['), 'progress or colour on a piped stderr');
      const forced = runCli(['scan', 'payroll.csv'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
      assert.match(forced.stdout, /\x1b\[1mpayroll\.csv:2:\d+\x1b\[22m {2}\x1b\[31merror\x1b\[39m {2}\x1b\[2mcn-resident-id\x1b\[22m/);
      assertNoRawValue(forced.stdout);
      const no = runCli(['scan', 'payroll.csv'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
      assert.ok(!no.stdout.includes('\x1b['));
      // Stripped of colour, the forced output is the plain one.
      assert.equal(forced.stdout.replace(/\x1b\[\d+m/g, ''), piped.stdout);
      // Never in a report file.
      const file = join(dir, '..', `${process.pid}-report.txt`);
      runCli(['scan', 'payroll.csv', '--output', file], { cwd: dir, env: { FORCE_COLOR: '1' } });
      assert.ok(!readFileSync(file, 'utf8').includes('\x1b['));
      rmSync(file);
    });

    it('follows NO_COLOR, FORCE_COLOR and the terminal', () => {
      assert.equal(useColor(true, {}), true);
      assert.equal(useColor(false, {}), false);
      assert.equal(useColor(undefined, {}), false);
      assert.equal(useColor(true, { NO_COLOR: '1' }), false);
      assert.equal(useColor(true, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count');
      assert.equal(useColor(false, { FORCE_COLOR: '1' }), true);
      assert.equal(useColor(false, { FORCE_COLOR: '' }), true);
      assert.equal(useColor(true, { FORCE_COLOR: '0' }), false);
      assert.equal(useColor(true, { FORCE_COLOR: 'false' }), false);
      assert.equal(useColor(true, { TERM: 'dumb' }), false);
      assert.equal(paint(false)('red', 'x'), 'x');
      assert.equal(paint(true).severity('warning', 'w'), '\x1b[33mw\x1b[39m');
    });
  });

  describe('progress bar', () => {
    it('draws on its stream after the start delay, throttled, and clears itself', () => {
      const log = join(dir, '..', `${process.pid}-progress.log`);
      const fd = openSync(log, 'w');
      const files = Array.from({ length: 50 }, (_, i) => ({ path: `f${i}`, abs: join(dir, 'payroll.csv') }));
      const bar = new ProgressBar(files, 'en', { fd, showAfterMs: 0, redrawMs: 60_000 });
      for (const f of files) bar.fileDone(f.path);
      bar.clear();
      bar.clear();
      closeSync(fd);
      const text = readFileSync(log, 'utf8');
      rmSync(log);
      // One draw (the redraw interval was not reached again), then one clear.
      assert.equal(text.split('\r').length - 1, 2, JSON.stringify(text));
      assert.match(text, /^\rScanning \[#*-*\] \d+% {2}1\/50 files {2}[\d.]+\/[\d.]+ MB\x1b\[K\r\x1b\[K$/);
      // Before the start delay nothing is drawn, and clearing a bar never drawn writes nothing.
      const quietLog = join(dir, '..', `${process.pid}-progress-quiet.log`);
      const quietFd = openSync(quietLog, 'w');
      try {
        const quiet = new ProgressBar(files, 'zh-CN', { fd: quietFd, showAfterMs: 60_000 });
        for (const f of files) quiet.fileDone(f.path);
        quiet.clear();
      } finally {
        closeSync(quietFd);
      }
      const quietText = readFileSync(quietLog, 'utf8');
      rmSync(quietLog);
      assert.equal(quietText, '', 'the bar was drawn before its start delay');
    });

    it('moves within a large file as it is read', () => {
      const log = join(dir, '..', `${process.pid}-progress-file.log`);
      const fd = openSync(log, 'w');
      const file = { path: 'payroll.csv', abs: join(dir, 'payroll.csv') };
      const size = statSync(file.abs).size;
      const bar = new ProgressBar([file], 'en', { fd, showAfterMs: 0, redrawMs: 0 });
      bar.fileProgress(Math.ceil(size / 4));
      bar.fileProgress(Math.ceil(size / 2));
      bar.fileDone(file.path);
      closeSync(fd);
      const draws = readFileSync(log, 'utf8').split('\r').filter(Boolean);
      rmSync(log);
      assert.deepEqual(
        draws.map((d) => / (\d+)% {2}(\d)\/1 files/.exec(d)?.slice(1).join(' ')),
        ['25 0', '50 0', '100 1'],
      );
    });
  });

  describe('--fail-on and exit codes', () => {
    it('0 clean, 1 for findings at or above the level (default: any), 2 for usage errors', () => {
      assert.equal(runCli(['scan', 'clean.txt'], { cwd: dir }).status, 0);
      // Only warnings (cn-mobile, cn-uscc) in warn/.
      assert.equal(runCli(['scan', 'warn'], { cwd: dir }).status, 1);
      assert.equal(runCli(['scan', 'warn', '--fail-on', 'info'], { cwd: dir }).status, 1);
      assert.equal(runCli(['scan', 'warn', '--fail-on', 'warning'], { cwd: dir }).status, 1);
      const errorsOnly = runCli(['scan', 'warn', '--fail-on', 'error'], { cwd: dir });
      assert.equal(errorsOnly.status, 0, errorsOnly.stderr);
      assert.equal(errorsOnly.stdout.trim().split('\n').length, 2, 'findings below the level are still reported');
      assert.equal(runCli(['scan', '.', '--fail-on', 'error'], { cwd: dir }).status, 1);
      assert.equal(runCli(['scan', '.', '--fail-on', 'error', '--format', 'sarif'], { cwd: dir }).status, 1);
      const bad = runCli(['scan', '.', '--fail-on', 'fatal'], { cwd: dir });
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--fail-on must be error, warning or info/);
      assert.equal(runCli(['scan', '.', '--format', 'xml'], { cwd: dir }).status, 2);
      assert.equal(runCli(['scan', '.', '--shard', '4/3'], { cwd: dir }).status, 2);
      assert.equal(runCli(['scan', '.', '--bogus'], { cwd: dir }).status, 2);
    });

    it('2 for a configuration error: a short key, a baseline that is not one', () => {
      const short = runCli(['scan', '.', '--format', 'sarif'], { cwd: dir, env: { SDGUARD_KEY: 'short' } });
      assert.equal(short.status, 2);
      assert.match(short.stderr, /at least 16/);
      writeFileSync(join(dir, '..', `${process.pid}-not-a-baseline.json`), '{"hello": 1}');
      const bad = runCli(['scan', '.', '--baseline', join(dir, '..', `${process.pid}-not-a-baseline.json`)], { cwd: dir, env: { SDGUARD_KEY: KEY } });
      rmSync(join(dir, '..', `${process.pid}-not-a-baseline.json`));
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /is not an sdguard baseline/);
    });
  });

  describe('SARIF partialFingerprints', () => {
    type SarifResult = { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] };
    const results = (stdout: string): SarifResult[] => JSON.parse(stdout).runs[0].results;

    it('without a key: a hash of the rule and masked value, stable across runs and line moves, n-th of its kind', () => {
      const a = runCli(['scan', '.', '--format', 'sarif'], { cwd: dir, env: { SDGUARD_KEY: undefined } });
      const b = runCli(['scan', '.', '--format', 'sarif', '--jobs', '1'], { cwd: dir, env: { SDGUARD_KEY: undefined } });
      assertValidSarif(JSON.parse(a.stdout));
      assertNoRawValue(a.stdout);
      const fa = results(a.stdout).map((r) => r.partialFingerprints);
      assert.deepEqual(fa, results(b.stdout).map((r) => r.partialFingerprints));
      for (const fp of fa) assert.match(fp['sdguardMasked/v1'], /^[0-9a-f]{14}:1$/);
      // Lines move: the fingerprints do not.
      const moved = join(dir, '..', `${process.pid}-moved`);
      mkdirSync(moved);
      writeFileSync(join(moved, 'payroll.csv'), `# exported 2026\n\n${payroll}`);
      const before = runCli(['scan', 'payroll.csv', '--format', 'sarif'], { cwd: dir, env: { SDGUARD_KEY: undefined } });
      const after = runCli(['scan', 'payroll.csv', '--format', 'sarif'], { cwd: moved, env: { SDGUARD_KEY: undefined } });
      rmSync(moved, { recursive: true });
      assert.deepEqual(
        results(after.stdout).map((r) => r.locations[0].physicalLocation.region.startLine),
        results(before.stdout).map((r) => r.locations[0].physicalLocation.region.startLine + 2),
      );
      assert.deepEqual(results(after.stdout).map((r) => r.partialFingerprints), results(before.stdout).map((r) => r.partialFingerprints));
    });

    it('with a key: keyed (HMAC of the value), stable across runs, different under another key, one per occurrence', () => {
      const twice = join(dir, '..', `${process.pid}-twice`);
      mkdirSync(twice);
      writeFileSync(join(twice, 'ids.csv'), `身份证号\n${id}\n${id}\n${synthResidentId(rng)}\n`);
      const run = (key: string) => runCli(['scan', '.', '--format', 'sarif'], { cwd: twice, env: { SDGUARD_KEY: key } });
      const a = run(KEY);
      const b = run(KEY);
      const other = run('hex:ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1eff');
      rmSync(twice, { recursive: true });
      assert.equal(a.status, 1, a.stderr);
      assertValidSarif(JSON.parse(a.stdout));
      assertNoRawValue(a.stdout);
      assert.ok(!a.stdout.includes(KEY.slice(4)), 'the key leaked');
      const fa = results(a.stdout).map((r) => r.partialFingerprints['sdguardValue/v1']);
      assert.equal(fa.length, 3);
      assert.deepEqual(fa, results(b.stdout).map((r) => r.partialFingerprints['sdguardValue/v1']));
      // The same value twice: one fingerprint, told apart by its occurrence.
      const [h1, n1] = fa[0].split(':');
      const [h2, n2] = fa[1].split(':');
      assert.equal(h1, h2);
      assert.deepEqual([n1, n2], ['1', '2']);
      assert.notEqual(fa[2].split(':')[0], h1);
      const fo = results(other.stdout).map((r) => r.partialFingerprints['sdguardValue/v1']);
      assert.notEqual(fo[0], fa[0]);
    });
  });

  describe('--shard', () => {
    it('parses I/N and splits paths deterministically', () => {
      assert.deepEqual(parseShard('2/5'), { index: 2, count: 5 });
      for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '1/3/4']) assert.throws(() => parseShard(bad), /--shard must be I\/N/);
      const paths = Array.from({ length: 300 }, (_, i) => `src/pkg${i % 13}/file${i}.ts`);
      const parts = [1, 2, 3].map((index) => paths.filter((p) => inShard(p, { index, count: 3 })));
      assert.equal(parts.flat().length, paths.length);
      assert.deepEqual(new Set(parts.flat()), new Set(paths));
      for (const part of parts) assert.ok(part.length > 60, `unbalanced: ${parts.map((p) => p.length)}`);
      assert.equal(shardOf('a/b.csv', 7), shardOf('a/b.csv', 7));
      assert.ok(inShard('x', undefined));
    });
  });
});
