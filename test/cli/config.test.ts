import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { assertNoRaw } from '../support/noRaw';
import { assertValidSarif } from '../support/sarif';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

interface JsonReport {
  files: { path: string; findings: { ruleId: string; severity?: string; line: number; masked: string }[]; counts: Record<string, number> }[];
  skipped: { path: string; reason: string }[];
  errors: { path: string; message: string }[];
}

const KEY = 'hex:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

describe('sdguard scan with .sdguard.yaml (CLI as a child process)', function () {
  this.timeout(60_000);
  const rng = makeRng(8181);
  const id = synthResidentId(rng);
  const id2 = synthResidentId(rng);
  const mobile = synthMobile(rng);
  const card = synthBankCard(rng, 'unionpay', { length: 19 });
  const raws = [id, id2, mobile, card];
  const payroll = `姓名,身份证号,手机号,银行卡号\n张三,${id},${mobile},${card}\n李四,${id2},,\n`;
  let dir: string;

  const write = (rel: string, text: string) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const scan = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['scan', ...args], { cwd: dir, env: { SDGUARD_KEY: '', ...env } });
  const json = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const r = scan(['--format', 'json', ...args], env);
    assertNoRaw(raws, [r.stdout, r.stderr], 'a raw value leaked');
    return { ...r, report: JSON.parse(r.stdout) as JsonReport };
  };
  const rulesIn = (report: JsonReport, path: string) => report.files.find((f) => f.path === path)?.findings.map((f) => f.ruleId).sort() ?? [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-cli-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the nearest configuration decides: rules off, severity, minConfidence', () => {
    write('.sdguard.yaml', 'rules:\n  cn-mobile: off\n  cn-resident-id: { severity: info }\n');
    write('team/.sdguard.yml', 'rules:\n  bank-card: off\n');
    write('strict/.sdguard.yaml', 'minConfidence: high\n');
    write('payroll.csv', payroll);
    write('team/payroll.csv', payroll);
    write('team/deep/er/payroll.csv', payroll);
    write('strict/notes.txt', `call ${mobile}\n`);
    write('loose.txt', `call ${mobile}\n`);
    const { status, report } = json(['.']);
    assert.equal(status, 1);
    assert.deepEqual(rulesIn(report, 'payroll.csv'), ['bank-card', 'cn-resident-id', 'cn-resident-id']);
    assert.ok(report.files.find((f) => f.path === 'payroll.csv')!.findings.every((f) => f.ruleId !== 'cn-resident-id' || f.severity === 'info'));
    // team/ has its own configuration: the root one does not apply there (no merging).
    assert.deepEqual(rulesIn(report, 'team/payroll.csv'), ['cn-mobile', 'cn-resident-id', 'cn-resident-id']);
    assert.deepEqual(rulesIn(report, 'team/deep/er/payroll.csv'), ['cn-mobile', 'cn-resident-id', 'cn-resident-id']);
    assert.equal(report.files.find((f) => f.path === 'team/payroll.csv')!.findings.find((f) => f.ruleId === 'cn-resident-id')!.severity, 'error');
    // A bare mobile number is medium: under minConfidence high it is not reported.
    assert.deepEqual(rulesIn(report, 'strict/notes.txt'), []);
    assert.deepEqual(rulesIn(report, 'loose.txt'), []);
    // An explicit --min-confidence wins over the configuration's.
    assert.deepEqual(rulesIn(json(['strict', '--min-confidence', 'medium']).report, 'strict/notes.txt'), ['cn-mobile']);
    // --no-config: the built-in rules everywhere.
    assert.deepEqual(rulesIn(json(['.', '--no-config']).report, 'payroll.csv'), ['bank-card', 'cn-mobile', 'cn-resident-id', 'cn-resident-id']);
  });

  it('severity overrides reach text and SARIF', () => {
    write('.sdguard.yaml', 'rules:\n  cn-resident-id: info\n');
    write('payroll.csv', payroll);
    const text = scan(['payroll.csv']);
    assert.match(text.stdout, /^payroll\.csv:2:4 {2}info {2}cn-resident-id /m);
    assert.match(text.stdout, /^payroll\.csv:2:35 {2}error {2}bank-card /m);
    const sarif = scan(['payroll.csv', '--format', 'sarif']);
    const log = JSON.parse(sarif.stdout);
    assertValidSarif(log);
    const results = log.runs[0].results as { ruleId: string; level: string }[];
    assert.ok(results.filter((r) => r.ruleId === 'cn-resident-id').every((r) => r.level === 'note'));
    assert.ok(results.filter((r) => r.ruleId === 'bank-card').every((r) => r.level === 'error'));
  });

  it('ignore paths: skipped in a walk, listed as skipped when named', () => {
    write('.sdguard.yaml', 'ignore: ["fixtures/", "*.min.js"]\n');
    write('fixtures/payroll.csv', payroll);
    write('fixtures/deeper/payroll.csv', payroll);
    write('app.min.js', `const id = "${id}";\n`);
    write('payroll.csv', payroll);
    const walked = json(['.']);
    assert.deepEqual(
      walked.report.files.map((f) => f.path),
      ['payroll.csv'],
    );
    assert.deepEqual(walked.report.skipped, []);
    const named = json(['fixtures/payroll.csv', 'payroll.csv']);
    assert.deepEqual(named.report.skipped, [{ path: 'fixtures/payroll.csv', reason: 'ignored by .sdguard.yaml' }]);
    assert.deepEqual(named.report.files.map((f) => f.path), ['payroll.csv']);
    assert.match(scan(['fixtures/payroll.csv']).stderr, /sdguard: skipped fixtures\/payroll\.csv: ignored by \.sdguard\.yaml/);
  });

  it('allow by value and by regular expression', () => {
    write('.sdguard.yaml', `allow:\n  - value: "${id.slice(0, 6)} ${id.slice(6)}"\n  - pattern: "^${card.slice(0, 6)}"\n`);
    write('payroll.csv', payroll);
    const { report } = json(['payroll.csv']);
    assert.deepEqual(rulesIn(report, 'payroll.csv'), ['cn-mobile', 'cn-resident-id']);
    assert.equal(report.files[0].findings.find((f) => f.ruleId === 'cn-resident-id')!.line, 3, 'the other ID is still found');
  });

  it('allow by keyed fingerprint: `sdguard fingerprint` prints it without echoing the value; scans need the key', () => {
    const fp = runCli(['fingerprint'], { cwd: dir, input: `${id}\n`, env: { SDGUARD_KEY: KEY } });
    assert.equal(fp.status, 0, fp.stderr);
    assert.match(fp.stdout, /^fp:[0-9a-f]{64}\n$/);
    assert.ok(!fp.stdout.includes(id) && !fp.stderr.includes(id), 'the value was echoed');
    assert.match(fp.stderr, /line 1: cn-resident-id /);
    // The same value written another way has the same fingerprint; without a key: a clear error.
    // This call set no LANG of its own: it keeps the inherited one (unset when there is none).
    const again = runCli(['fingerprint', '--rule', 'cn-resident-id'], { cwd: dir, input: `${id.slice(0, 6)} ${id.slice(6)}\n`, env: { LANG: process.env.LANG, SDGUARD_KEY: KEY } });
    assert.equal(again.stdout, fp.stdout);
    const noKey = runCli(['fingerprint'], { cwd: dir, input: `${id}\n`, env: { SDGUARD_KEY: '' } });
    assert.equal(noKey.status, 2);
    assert.match(noKey.stderr, /needs a key/);
    const unknown = runCli(['fingerprint'], { cwd: dir, input: 'hello\n', env: { SDGUARD_KEY: KEY } });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /line 1: no rule recognises this value/);

    write('.sdguard.yaml', `allow:\n  - fingerprint: "${fp.stdout.trim()}"\n`);
    write('payroll.csv', payroll);
    const keyed = json(['payroll.csv'], { SDGUARD_KEY: KEY });
    assert.deepEqual(rulesIn(keyed.report, 'payroll.csv'), ['bank-card', 'cn-mobile', 'cn-resident-id']);
    assert.equal(keyed.report.files[0].findings.find((f) => f.ruleId === 'cn-resident-id')!.line, 3);
    // Without the key the entry cannot apply: the value is reported, and we are told once.
    const bare = json(['payroll.csv', '.'], {});
    assert.equal(rulesIn(bare.report, 'payroll.csv').filter((r) => r === 'cn-resident-id').length, 2);
    assert.equal(bare.stderr.match(/the allow list has fingerprints but no key was given/g)?.length, 1, bare.stderr);
  });

  it('custom rules, with and without validator and context; they are listed in SARIF', () => {
    write(
      '.sdguard.yaml',
      [
        'customRules:',
        '  - id: employee-no',
        '    name: { en: Employee number, zh-CN: 工号 }',
        '    pattern: "^E\\\\d{6}$"',
        '    length: 7',
        '    context: { hotwords: [工号, employee], required: true }',
        '    severity: info',
        '    mask: { keepStart: 1, keepEnd: 2 }',
        '  - id: member-card',
        '    pattern: "^99\\\\d{14}$"',
        '    length: 16',
        '    charset: digits',
        '    validator: luhn',
        '',
      ].join('\n'),
    );
    write('staff.csv', '姓名,工号,会员卡\n张三,E123456,9900123456789017\n李四,E654321,9900123456789018\n');
    write('notes.txt', 'ref E123456 in the order log\n');
    const { report } = json(['.']);
    assert.deepEqual(rulesIn(report, 'staff.csv'), ['employee-no', 'employee-no', 'member-card']);
    assert.deepEqual(
      report.files.find((f) => f.path === 'staff.csv')!.findings.filter((f) => f.ruleId === 'employee-no').map((f) => f.masked),
      ['E****56', 'E****21'],
    );
    assert.deepEqual(rulesIn(report, 'notes.txt'), []);
    const text = scan(['staff.csv']);
    assert.match(text.stdout, /staff\.csv:2:4 {2}info {2}employee-no {2}Employee number: E\*\*\*\*56/);
    const log = JSON.parse(scan(['staff.csv', '--format', 'sarif']).stdout);
    assertValidSarif(log);
    const rules = log.runs[0].tool.driver.rules as { id: string }[];
    const results = log.runs[0].results as { ruleId: string; ruleIndex: number }[];
    for (const r of results) assert.equal(rules[r.ruleIndex].id, r.ruleId);
    assert.ok(rules.some((r) => r.id === 'employee-no'));
    // The summary names custom rules too.
    assert.match(scan(['staff.csv', '--summary']).stdout, /工号 \(B\): 2 × Employee number/);
  });

  it('a broken configuration: exit 2 with file:line:col: field: problem, nothing scanned under it, the rest scanned', () => {
    write('bad/.sdguard.yaml', 'rules:\n  cn-mobile: { severty: error }\n');
    write('bad/payroll.csv', payroll);
    write('bad/sub/payroll.csv', payroll);
    write('good/payroll.csv', payroll);
    const r = json(['.']);
    assert.equal(r.status, 2);
    assert.deepEqual(r.report.files.map((f) => f.path), ['good/payroll.csv']);
    assert.deepEqual(r.report.errors, [{ path: 'bad/.sdguard.yaml:2:16', message: 'rules.cn-mobile.severty: is not a known field (known fields: enabled, severity, minConfidence, mask, placeholder)' }]);
    const text = scan(['.']);
    assert.equal(text.status, 2);
    assert.equal(text.stderr.match(/sdguard: error: bad\/\.sdguard\.yaml:2:16: rules\.cn-mobile\.severty: is not a known field/g)?.length, 1, text.stderr);

    write('bad/.sdguard.yaml', 'rules: [\n');
    assert.match(scan(['bad']).stderr, /sdguard: error: bad\/\.sdguard\.yaml:2:1: YAML syntax error/);
    write('bad/.sdguard.yaml', 'minConfidence: 3\n');
    assert.match(scan(['bad']).stderr, /bad\/\.sdguard\.yaml:1:1: minConfidence: must be one of: low, medium, high/);
  });

  it('a regular expression that could backtrack catastrophically is refused with a clear message', () => {
    for (const pattern of ['(a+)+$', '(\\\\d|\\\\d)*x', '(.*a){12}']) {
      write('.sdguard.yaml', `allow:\n  - pattern: "${pattern}"\n`);
      write('payroll.csv', payroll);
      const r = scan(['payroll.csv']);
      assert.equal(r.status, 2, pattern);
      assert.match(r.stderr, /\.sdguard\.yaml:2:5: allow\[0\]\.pattern: unsafe regular expression \(catastrophic backtracking: matching could take exponential time\)/);
    }
    write('.sdguard.yaml', 'customRules:\n  - id: x-no\n    pattern: "^X(\\\\d+)+$"\n    length: 8\n');
    assert.match(scan(['payroll.csv']).stderr, /\.sdguard\.yaml:3:5: customRules\[0\]\.pattern: unsafe regular expression/);
    write('.sdguard.yaml', 'allow:\n  - pattern: "^TEST-\\\\d{1,8}$"\n');
    assert.equal(scan(['payroll.csv']).status, 1);
  });

  it('says what is wrong with a configuration in the user\'s language', () => {
    write('payroll.csv', payroll);
    const zh = (yaml: string) => {
      write('.sdguard.yaml', yaml);
      const r = scan(['--lang', 'zh-CN', 'payroll.csv']);
      assert.equal(r.status, 2, r.stderr);
      return r.stderr.split('\n')[0];
    };
    assert.equal(zh('rules:\n  cn-mobile: { severty: error }\n'), 'sdguard: 错误: .sdguard.yaml:2:16: rules.cn-mobile.severty: 不是可用的字段（可用字段：enabled, severity, minConfidence, mask, placeholder）');
    assert.equal(zh('minConfidence: 3\n'), 'sdguard: 错误: .sdguard.yaml:1:1: minConfidence: 必须是以下之一：low, medium, high');
    assert.equal(zh('rules:\n  cn-mobile: loud\n'), 'sdguard: 错误: .sdguard.yaml:2:3: rules.cn-mobile: 必须是 off、on、严重级别（error、warning、info、hint）或对象 { enabled, severity, minConfidence, mask, placeholder }');
    assert.equal(zh('rules:\n  no-such-rule: off\n'), 'sdguard: 错误: .sdguard.yaml:2:3: rules.no-such-rule: 未知规则“no-such-rule”（见 `sdguard rules list`；自定义规则请写在 customRules: 下）');
    assert.match(zh('allow:\n  - pattern: "(a+)+$"\n'), /^sdguard: 错误: \.sdguard\.yaml:2:5: allow\[0\]\.pattern: 正则表达式不安全（灾难性回溯：匹配耗时可能呈指数增长）：“\(a\+\)\+”（第 1 个字符）重复了“a\+”/);
    assert.match(zh('rules: [\n'), /^sdguard: 错误: \.sdguard\.yaml:2:1: YAML 语法错误：/);
    // A schema error ajv words itself: its Chinese from ajv-i18n.
    assert.match(zh('customRules:\n  - id: emp\n    pattern: "^E\\\\d{6}$"\n    length: 7\n    context: { hotwords: 3 }\n'), /^sdguard: 错误: \.sdguard\.yaml:5:16: customRules\[0\]\.context\.hotwords: 应当是 array 类型$/);
  });

  it('redact follows the configuration: rules off and allowed values stay, ignored files are not copied, its placeholder', () => {
    write('.sdguard.yaml', `rules:\n  cn-mobile: off\nallow:\n  - value: "${id2}"\nignore: ["fixtures/"]\nredact: { placeholder: "[X]" }\n`);
    write('data/payroll.csv', payroll);
    write('fixtures/payroll.csv', payroll);
    const r = runCli(['redact', 'data', 'fixtures', '--out', join(dir, 'out'), '--mode', 'redact', '--no-audit-log'], { cwd: dir, env: { SDGUARD_KEY: '' } });
    assert.equal(r.status, 0, r.stderr);
    const out = readFileSync(join(dir, 'out', 'data', 'payroll.csv'), 'utf8');
    assert.equal(out, payroll.replace(id, '[X]').replace(card, '[X]'));
    assert.ok(!existsSync(join(dir, 'out', 'fixtures')));
    assert.match(r.stderr, /skipped fixtures\/payroll\.csv: ignored by \.sdguard\.yaml, not copied to the output folder/);
    // A broken configuration: nothing under it is touched.
    write('.sdguard.yaml', 'rules: [\n');
    const broken = runCli(['redact', 'data', '--dry-run'], { cwd: dir });
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /sdguard: error: \.sdguard\.yaml:2:1: YAML syntax error/);
    assert.equal(broken.stdout, '');
  });

  it('worker threads get each configuration\'s rules: --jobs 3 gives what --jobs 1 gives', () => {
    write('a/.sdguard.yaml', `rules:\n  cn-mobile: off\nallow:\n  - value: "${id2}"\n`);
    write('b/.sdguard.yaml', 'customRules:\n  - id: employee-no\n    pattern: "^E\\\\d{6}$"\n    length: 7\n    context: { hotwords: [工号] }\n');
    for (let i = 0; i < 60; i++) {
      write(`a/${i}.csv`, payroll);
      write(`b/${i}.csv`, `${payroll}工号 E12345${i % 10}\n`);
      write(`c/${i}.csv`, payroll);
    }
    const one = json(['.', '--jobs', '1']);
    const three = json(['.', '--jobs', '3']);
    assert.deepEqual(three.report.files, one.report.files);
    assert.deepEqual(rulesIn(one.report, 'a/0.csv'), ['bank-card', 'cn-resident-id']);
    assert.deepEqual(rulesIn(one.report, 'b/7.csv'), ['bank-card', 'cn-mobile', 'cn-resident-id', 'cn-resident-id', 'employee-no']);
    assert.deepEqual(rulesIn(one.report, 'c/0.csv'), ['bank-card', 'cn-mobile', 'cn-resident-id', 'cn-resident-id']);
  });
});
