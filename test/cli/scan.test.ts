import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineIndex } from '../../server/src/engine/text/lineIndex';
import { runCli } from '../support/cli';
import { assertNoRaw } from '../support/noRaw';
import { assertValidSarif } from '../support/sarif';
import { builtinEngine } from '../support/engine';
import { makeRng, synthBankCard, synthMobile, synthResidentId, synthUscc } from '../support/synth';

describe('sdguard scan (CLI as a child process)', () => {
  const rng = makeRng(2026);
  let dir: string;
  const id = synthResidentId(rng);
  const card = synthBankCard(rng, 'unionpay', { length: 19 });
  const grouped = synthBankCard(rng, 'visa', { length: 16 }).replace(/(\d{4})(?=\d)/g, '$1 ');
  const mobile = synthMobile(rng);
  const uscc = synthUscc(rng);
  const raws = [id, card, grouped, grouped.replace(/ /g, ''), mobile, uscc];

  // Lines with known UTF-16 columns: an emoji (2 code units) and CJK (1 each) before values.
  const payroll = [`姓名,身份证号,银行卡号,手机号`, `张三,${id},${card},${mobile}`, `😀李四,,"${grouped}",`].join('\n') + '\n';
  const code = `const supplier = { creditCode: '${uscc}' };\n// ${id} sdguard-ignore-line\n`;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-cli-'));
    writeFileSync(join(dir, 'payroll.csv'), payroll);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'seed.ts'), code);
    writeFileSync(join(dir, 'clean.txt'), 'nothing to see: order 2026-11-23, total 1234.56\n');
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'build', 'copy.csv'), payroll);
    writeFileSync(join(dir, '.gitignore'), 'build/\n');
    writeFileSync(join(dir, 'image.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const assertNoRawValue = (...outputs: string[]): void => assertNoRaw(raws, outputs, 'a raw value leaked into the output');

  it('exits 0 and says so when nothing is found', () => {
    const r = runCli(['scan', 'clean.txt'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /No sensitive values found \(1 file\(s\) scanned\)/);
  });

  it('exits 1 with findings, walks folders, honours .gitignore, skips binaries', () => {
    const r = runCli(['scan', '.'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(
      lines.map((l) => l.split('  ').slice(0, 3).join(' ')),
      [
        'payroll.csv:2:4 error cn-resident-id',
        `payroll.csv:2:23 error bank-card`,
        `payroll.csv:2:43 warning cn-mobile`,
        `payroll.csv:3:8 error bank-card`,
        `src/seed.ts:1:${code.indexOf(uscc) + 1} warning cn-uscc`,
      ],
    );
    assert.ok(!r.stdout.includes('build/'), 'ignored folder was scanned');
    assert.match(r.stderr, /5 finding\(s\) in 2 file\(s\) \(4 file\(s\) scanned\)/);
    assertNoRawValue(r.stdout, r.stderr);
  });

  it('writes SARIF 2.1.0 with exact UTF-16 positions, rule metadata and masked snippets only', () => {
    // The report goes outside the scanned folder, so later scans do not read it.
    const report = join(`${dir}-out`, 'report.sarif');
    const r = runCli(['scan', '.', '--format', 'sarif', '--output', report], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    const text = readFileSync(report, 'utf8');
    rmSync(`${dir}-out`, { recursive: true, force: true });
    assertNoRawValue(r.stdout, r.stderr, text);
    const log = JSON.parse(text);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(
      run.tool.driver.rules.map((x: { id: string }) => x.id),
      builtinEngine().rules.map((r) => r.id),
    );
    assert.ok(run.tool.driver.rules.every((x: { help: { text: string } }) => /[\u4e00-\u9fff]/.test(x.help.text)), 'rule help lacks Chinese');
    const regions = run.results.map((res: any) => {
      const loc = res.locations[0].physicalLocation;
      return [res.ruleId, loc.artifactLocation.uri, loc.artifactLocation.uriBaseId, loc.region.startLine, loc.region.startColumn, loc.region.endColumn];
    });
    const line2 = payroll.split('\n')[1];
    const line3 = payroll.split('\n')[2];
    const col = (line: string, value: string) => line.indexOf(value) + 1;
    assert.deepEqual(regions, [
      ['cn-resident-id', 'payroll.csv', '%SRCROOT%', 2, col(line2, id), col(line2, id) + 18],
      ['bank-card', 'payroll.csv', '%SRCROOT%', 2, col(line2, card), col(line2, card) + card.length],
      ['cn-mobile', 'payroll.csv', '%SRCROOT%', 2, col(line2, mobile), col(line2, mobile) + 11],
      // 😀 is two UTF-16 code units: the column counts them both.
      ['bank-card', 'payroll.csv', '%SRCROOT%', 3, col(line3, grouped), col(line3, grouped) + grouped.length],
      ['cn-uscc', 'src/seed.ts', '%SRCROOT%', 1, code.indexOf(uscc) + 1, code.indexOf(uscc) + 19],
    ]);
    assert.equal(col(line3, grouped), 8);
    for (const res of run.results) assert.match(res.locations[0].physicalLocation.region.snippet.text, /\*{3,}/);
  });

  it('words SARIF messages as the JSON report does, in both languages, in tables, code and workbooks, with worker threads too', () => {
    // SARIF writes a message from its rule's text around the masked value; the JSON report gets it whole from the scan.
    const workbook = join(__dirname, '..', '..', 'examples', 'payroll.xlsx');
    for (const lang of ['en', 'zh-CN']) {
      for (const jobs of ['1', '2']) {
        const args = ['scan', '.', workbook, '--lang', lang, '--jobs', jobs];
        const json = JSON.parse(runCli([...args, '--format', 'json'], { cwd: dir }).stdout);
        const sarif = runCli([...args, '--format', 'sarif'], { cwd: dir }).stdout;
        assertNoRawValue(sarif);
        const expected = json.files.flatMap((f: { findings: { message: string }[] }) => f.findings.map((x) => x.message));
        const messages = JSON.parse(sarif).runs[0].results.map((r: { message: { text: string } }) => r.message.text);
        assert.ok(json.files.some((f: { path: string; findings: unknown[] }) => f.path.endsWith('payroll.xlsx') && f.findings.length > 10), 'the workbook has findings');
        assert.deepEqual(messages, expected, `${lang}, --jobs ${jobs}`);
        assert.ok(messages.every((m: string) => (lang === 'en' ? /confidence/ : /置信度/).test(m)), lang);
      }
    }
  });

  it('produces SARIF that the SARIF 2.1.0 schema accepts', () => {
    const r = runCli(['scan', 'payroll.csv', '--format', 'sarif'], { cwd: dir });
    assertValidSarif(JSON.parse(r.stdout));
  });

  it('JSON report: masked values, confidence, column header', () => {
    const r = runCli(['scan', 'payroll.csv', '--format', 'json'], { cwd: dir });
    assert.equal(r.status, 1);
    assertNoRawValue(r.stdout, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.summary.findings, 4);
    const first = report.files[0].findings[0];
    assert.deepEqual([first.ruleId, first.line, first.column, first.header, first.confidence], ['cn-resident-id', 2, 4, '身份证号', 'high']);
    assert.equal(first.masked, `${id[0]}${'*'.repeat(16)}${id[17]}`);
  });

  it('--summary prints per-file, per-rule counts, and per column in a table', () => {
    const r = runCli(['scan', '.', '--summary'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      [
        'payroll.csv: cn-resident-id 1, cn-mobile 1, bank-card 2',
        '  身份证号 (B): 1 × Resident identity card number',
        '  银行卡号 (C): 2 × Payment card number',
        '  手机号 (D): 1 × Mainland mobile phone number',
        'src/seed.ts: cn-uscc 1',
        'total: cn-resident-id 1, cn-mobile 1, bank-card 2, cn-uscc 1',
        '',
      ].join('\n'),
    );
  });

  it('speaks Chinese with --lang zh-CN or LANG=zh_CN', () => {
    const a = runCli(['scan', 'payroll.csv', '--lang', 'zh-CN'], { cwd: dir });
    assert.match(a.stdout, /居民身份证号码：\d\*+\d/);
    const b = runCli(['scan', 'payroll.csv'], { cwd: dir, env: { LANG: 'zh_CN.UTF-8' } });
    assert.match(b.stderr, /发现 4 处敏感信息/);
  });

  it('speaks the user\'s language in its help and its usage errors, parseArgs\'s own included', () => {
    const help = runCli(['--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^用法：sdguard <命令> \[选项\]\n/);
    assert.match(help.stdout, /退出码：0 未发现，1 报告了发现/);
    assert.match(runCli(['--help']).stdout, /^Usage: sdguard <command> \[options\]\n/);
    const cases: [string[], string, string][] = [
      [['scan', '--jobs', '0', '.'], '--jobs 必须是不小于 1 的整数，而不是“0”', '--jobs must be a whole number of at least 1, not "0"'],
      [['scan', '--bogus', '.'], '未知选项 --bogus', 'unknown option --bogus'],
      [['scan', '.', '--format'], '选项 --format 需要一个值', 'option --format needs a value'],
      [['scan', '--summary=yes', '.'], '选项 --summary 不接受值', 'option --summary takes no value'],
      [['frobnicate'], '未知命令“frobnicate”', 'unknown command "frobnicate"'],
      [['redact', '.'], 'redact 要么写出副本（--out DIR），要么改写文件本身（--in-place）', 'redact writes either a copy (--out DIR) or the files themselves (--in-place)'],
    ];
    for (const [args, zh, en] of cases) {
      // --lang anywhere on the line (either form) wins over LANG, even before the command reads it.
      const inZh = runCli([...args, '--lang=zh-CN'], { cwd: dir });
      assert.equal(inZh.status, 2, args.join(' '));
      assert.ok(inZh.stderr.startsWith(`sdguard: ${zh}`), inZh.stderr);
      assert.match(inZh.stderr, /\n\n用法：sdguard/);
      const inEn = runCli(args, { cwd: dir, env: { LANG: 'en_US.UTF-8' } });
      assert.ok(inEn.stderr.startsWith(`sdguard: ${en}`), inEn.stderr);
    }
    // Not a usage error, so no help after it: a baseline that is not there, in Chinese.
    const baseline = runCli(['scan', '--baseline', 'none.json', '--lang', 'zh-CN', '.'], { cwd: dir, env: { SDGUARD_KEY: 'hex:00112233445566778899aabbccddeeff' } });
    assert.equal(baseline.status, 2);
    assert.match(baseline.stderr, /^sdguard: 无法读取基线 .*none\.json：文件不存在（可用 sdguard baseline 生成）\n$/);
  });

  it('exits 2 on usage errors and missing paths, still scanning the rest', () => {
    assert.equal(runCli(['scan'], { cwd: dir }).status, 2);
    const bad = runCli(['scan', 'payroll.csv', '--format', 'xml'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format must be text, json, sarif or github/);
    const missing = runCli(['scan', 'nope.csv', 'payroll.csv'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.csv: no such file or folder/);
    assert.equal(missing.stdout.trim().split('\n').length, 4, 'the other file was not scanned');
    assert.equal(runCli(['frobnicate']).status, 2);
  });

  it('rules test runs the examples of a project pack, showing failures masked', () => {
    const good = readFileSync(join(__dirname, '..', '..', 'rules', 'cn-mainland.yaml'), 'utf8');
    // Turn one invalid example (a wrong check character) into a "valid" one: the pack must fail.
    const broken = good.replace("      valid:\n        - '110105199003071239'", "      valid:\n        - '110105199003071238'");
    assert.notEqual(broken, good);
    writeFileSync(join(dir, 'mine.yaml'), broken);
    const r = runCli(['rules', 'test', 'mine.yaml'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^FAIL cn-resident-id: valid example #1 \(1\*{16}8\) should give one finding, gave 0$/m);
    assert.ok(!r.stdout.includes('110105199003071238'), 'raw example printed');
    assert.match(r.stdout, /\d+ passed, 1 failed/);
    const ok = runCli(['rules', 'test']);
    assert.equal(ok.status, 0, ok.stdout);
  });

  it('lists the rules', () => {
    const r = runCli(['rules']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^cn-resident-id +id-number +error +Resident identity card number \/ 居民身份证号码/m);
    assert.match(r.stdout, /^bank-card +bank-account +error +Payment card number .*validator: bank-card/m);
  });
});

describe('sdguard scan: big files and many files', function () {
  this.timeout(60_000);
  const rng = makeRng(77);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-cli-big-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('streams a file of several chunks and reports exactly what a scan in one piece finds', () => {
    // ~3 MB: more than two 1 MB read chunks, with CJK text so bytes and UTF-16 offsets differ.
    const rows = ['姓名,身份证号,银行卡号,手机号,备注'];
    for (let i = 0; rows.length < 40_000; i++) rows.push(`员工${i},${synthResidentId(rng)},${synthBankCard(rng)},${synthMobile(rng)},😀 备注 ${i}`);
    const text = rows.join('\n') + '\n';
    writeFileSync(join(dir, 'big.csv'), text);
    const r = runCli(['scan', 'big.csv', '--format', 'json', '--jobs', '1'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    const reported = JSON.parse(r.stdout).files[0].findings.map((f: { ruleId: string; line: number; column: number; endColumn: number }) => `${f.ruleId} ${f.line}:${f.column}-${f.endColumn}`);
    const engine = builtinEngine();
    const lines = new LineIndex(text);
    const expected = engine.scan(text, { kind: 'csv' }).map((f) => {
      const p = lines.positionAt(f.start);
      return `${f.ruleId} ${p.line + 1}:${p.character + 1}-${p.character + 1 + f.end - f.start}`;
    });
    assert.equal(expected.length, 3 * 39_999);
    assert.deepEqual(reported, expected);
  });

  it('--jobs 2 reports the same, in the same order, as --jobs 1', () => {
    const tree = join(dir, 'tree');
    for (let i = 0; i < 60; i++) {
      mkdirSync(join(tree, `pkg${i % 7}`), { recursive: true });
      const body = i % 2 ? `id,${synthResidentId(rng)}\nm,${synthMobile(rng)}\n` : `const card = '${synthBankCard(rng)}';\n`;
      writeFileSync(join(tree, `pkg${i % 7}`, `f${i}.${i % 2 ? 'csv' : 'ts'}`), body);
    }
    for (const format of ['text', 'json', 'sarif']) {
      const one = runCli(['scan', 'tree', '--format', format, '--jobs', '1'], { cwd: dir });
      const two = runCli(['scan', 'tree', '--format', format, '--jobs', '2'], { cwd: dir });
      assert.equal(one.status, 1);
      assert.equal(two.status, 1);
      assert.equal(two.stdout, one.stdout, `${format} differs`);
    }
  });

  it('--output to a device writes into it and never replaces it', () => {
    const r = runCli(['scan', 'tree', '--format', 'sarif', '--output', '/dev/null'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.ok(statSync('/dev/null').isCharacterDevice(), '/dev/null was replaced');
  });

  it('rejects a bad --jobs value', () => {
    const r = runCli(['scan', '.', '--jobs', '0'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--jobs must be a whole number of at least 1/);
  });
});
