import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { assertNoRaw } from '../support/noRaw';
import { assertValidSarif } from '../support/sarif';
import { makeRng, synthBankCard, synthMobile, synthResidentId, synthUscc } from '../support/synth';
import { synthBankAccount } from '../support/synthCn';

describe('sdguard scan on spreadsheet exports (CLI as a child process)', () => {
  const rng = makeRng(2027);
  let dir: string;
  const raws: string[] = [];
  const keep = <T extends string>(v: T): T => (raws.push(v), v);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-tables-'));
    // Quoted fields with commas, doubled quotes and line breaks before the values (CRLF, as Excel writes).
    const quoted = ['姓名,"地址, 备注",身份证号,银行卡号,对公账号,手机号'];
    for (let i = 0; i < 3; i++) {
      quoted.push(`张${i},"北京市\r\n朝阳区 ""A座""",${keep(synthResidentId(rng))},${keep(synthBankCard(rng))},${keep(synthBankAccount(rng))},${keep(synthMobile(rng))}`);
    }
    writeFileSync(join(dir, 'quoted.csv'), quoted.join('\r\n') + '\r\n');
    writeFileSync(join(dir, 'semicolon.csv'), ['Name;Amount;Account No', `A;1,50;${keep(synthBankAccount(rng))}`, `B;2,75;${keep(synthBankAccount(rng))}`].join('\n') + '\n');
    writeFileSync(join(dir, 'payroll.tsv'), ['姓名\t开户账号\t证件号码', `李\t${keep(synthBankAccount(rng))}\t${keep(synthResidentId(rng))}`].join('\n') + '\n');
    // A valid ID under an order-number header is not an ID; under an ID header it is.
    writeFileSync(join(dir, 'orders.csv'), ['订单号,金额,身份证号', `${keep(synthResidentId(rng))},12.00,${keep(synthResidentId(rng))}`].join('\n') + '\n');
    writeFileSync(join(dir, 'mangled.csv'), ['姓名,身份证号,手机号', 'a,1.10105E+17,' + keep(synthMobile(rng)), 'b,4.40301E+17,' + keep(synthMobile(rng))].join('\n') + '\n');
    writeFileSync(join(dir, 'broken.csv'), ['姓名,身份证号,手机号', `a,"${keep(synthResidentId(rng))},${keep(synthMobile(rng))}`, `b,${keep(synthResidentId(rng))},${keep(synthMobile(rng))}`].join('\n') + '\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const assertNoRawValue = (...outputs: string[]): void => assertNoRaw(raws, outputs, 'a raw value was printed');

  it('reads an export with lone CR line ends (Excel\'s "CSV (Macintosh)") as rows: the same report as with LF; redact keeps the CRs', () => {
    const rows = ['姓名,证件号码,对公账号'];
    for (let i = 0; i < 4; i++) rows.push(`员工${i},${keep(synthResidentId(rng))},${keep(synthBankAccount(rng))}`);
    // A folder of its own: the other tests scan `dir` as it is.
    const own = mkdtempSync(join(tmpdir(), 'sdguard-mac-'));
    try {
      writeFileSync(join(own, 'mac.csv'), rows.join('\r') + '\r');
      writeFileSync(join(own, 'unix.csv'), rows.join('\n') + '\n');
      const mac = runCli(['scan', 'mac.csv'], { cwd: own });
      const unix = runCli(['scan', 'unix.csv'], { cwd: own });
      assert.equal(mac.status, 1, mac.stderr);
      assert.equal(mac.stdout.replaceAll('mac.csv', 'unix.csv'), unix.stdout);
      // Every account is found at the default threshold, on its own line: the header speaks for it.
      assert.equal((mac.stdout.match(/cn-bank-account/g) ?? []).length, 4);
      assert.match(mac.stdout, /^mac\.csv:5:/m);
      assertNoRawValue(mac.stdout, mac.stderr);
      const r = runCli(['redact', 'mac.csv', '--out', 'out', '--no-audit-log'], { cwd: own });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /mac\.csv: 8 value\(s\) redacted/);
      const out = readFileSync(join(own, 'out', 'mac.csv'), 'utf8');
      assert.equal(out.split('\r').length, rows.length + 1);
      assert.ok(!out.includes('\n'));
      assertNoRawValue(out);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('finds values after multi-line quoted fields at their real line and column, with their column header', () => {
    const r = runCli(['scan', 'quoted.csv', '--format', 'json'], { cwd: dir });
    assertNoRawValue(r.stdout, r.stderr);
    const file = JSON.parse(r.stdout).files[0];
    const ids = file.findings.filter((f: { ruleId: string }) => f.ruleId === 'cn-resident-id');
    // Row i starts on line 2 + 2i; its second line is `朝阳区 "A座"",ID,…`: the ID starts after 13 code units.
    assert.deepEqual(
      ids.map((f: { line: number; column: number; header: string }) => [f.line, f.column, f.header]),
      [
        [3, 13, '身份证号'],
        [5, 13, '身份证号'],
        [7, 13, '身份证号'],
      ],
    );
    assert.deepEqual(
      file.columns.map((c: { letter: string; header: string; counts: object }) => [c.letter, c.header, c.counts]),
      [
        ['C', '身份证号', { 'cn-resident-id': 3 }],
        ['D', '银行卡号', { 'bank-card': 3 }],
        ['E', '对公账号', { 'cn-bank-account': 3 }],
        ['F', '手机号', { 'cn-mobile': 3 }],
      ],
    );
    assert.equal(file.structure, undefined);
  });

  it('a list with no header row, whose first row reads as one (no cell of digits alone), names its columns with the values masked', () => {
    // A credit code with a letter in it: the first row then has no cell of digits alone.
    let first = synthUscc(rng);
    while (!/[A-Z]/.test(first)) first = synthUscc(rng);
    const rows = [`某某商贸有限公司,${keep(first)},北京市朝阳区`];
    for (let i = 0; i < 3; i++) rows.push(`客户${i},${keep(synthUscc(rng))},上海市`);
    const own = mkdtempSync(join(tmpdir(), 'sdguard-noheader-'));
    try {
      writeFileSync(join(own, 'clients.csv'), rows.join('\n') + '\n');
      const outputs = [['json'], ['sarif'], ['text'], ['github'], ['text', '--summary']].map(([format, ...more]) => runCli(['scan', 'clients.csv', '--format', format, ...more], { cwd: own }));
      for (const r of outputs) assert.equal(r.status, 1, r.stderr);
      assertNoRawValue(...outputs.flatMap((r) => [r.stdout, r.stderr]));
      const file = JSON.parse(outputs[0].stdout).files[0];
      const masked = file.findings[0].masked;
      assert.ok(masked.includes('*'), masked);
      // The column is named by the first row's cell as the reports show a value: masked.
      assert.deepEqual(file.columns.map((c: { letter: string; header: string }) => [c.letter, c.header]), [['B', masked]]);
      assert.ok(file.findings.every((f: { header?: string }) => f.header === masked));
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('reads semicolon CSV and TSV; account columns are found by their header', () => {
    const r = runCli(['scan', 'semicolon.csv', 'payroll.tsv', '--summary'], { cwd: dir });
    assertNoRawValue(r.stdout, r.stderr);
    assert.equal(
      r.stdout,
      [
        'semicolon.csv: cn-bank-account 2',
        '  Account No (C): 2 × Bank account number',
        'payroll.tsv: cn-resident-id 1, cn-bank-account 1',
        '  开户账号 (B): 1 × Bank account number',
        '  证件号码 (C): 1 × Resident identity card number',
        'total: cn-bank-account 3, cn-resident-id 1',
        '',
      ].join('\n'),
    );
  });

  it('a column header lowers confidence too: an order-number column holds no IDs', () => {
    const r = runCli(['scan', 'orders.csv', '--format', 'json'], { cwd: dir });
    const findings = JSON.parse(r.stdout).files[0].findings;
    assert.deepEqual(
      findings.map((f: { ruleId: string; column: number; header: string }) => [f.ruleId, f.column, f.header]),
      [['cn-resident-id', 26, '身份证号']],
    );
    const low = JSON.parse(runCli(['scan', 'orders.csv', '--format', 'json', '--min-confidence', 'low'], { cwd: dir }).stdout).files[0].findings;
    assert.deepEqual(
      low.map((f: { confidence: string; header: string }) => [f.header, f.confidence]),
      [
        ['订单号', 'low'],
        ['身份证号', 'high'],
      ],
    );
  });

  it('says once per column that Excel damaged an ID column, besides each cell, in text, summary and Chinese', () => {
    const text = runCli(['scan', 'mangled.csv'], { cwd: dir });
    assertNoRawValue(text.stdout, text.stderr);
    const lines = text.stdout.trim().split('\n');
    assert.equal(lines.filter((l) => / excel-mangled .*Resident|ID or card number damaged/.test(l)).length, 2);
    assert.deepEqual(
      lines.filter((l) => l.includes('were damaged by Excel')),
      ['mangled.csv:1:4  warning  excel-mangled  身份证号 (B): 2 value(s) were damaged by Excel (scientific notation or cut to 15 digits) and the lost digits cannot be recovered. Export the column formatted as Text.'],
    );
    const zh = runCli(['scan', 'mangled.csv', '--summary', '--lang', 'zh-CN'], { cwd: dir });
    assert.match(zh.stdout, /^ {2}身份证号 \(B\)：2 个被 Excel 损坏的证件号或卡号$/m);
    assert.match(zh.stdout, /^ {2}! 身份证号 \(B\)：有 2 个值已被 Excel 损坏/m);
  });

  it('a broken table is still scanned, with one notice where the structure breaks (text, JSON, SARIF)', () => {
    const text = runCli(['scan', 'broken.csv'], { cwd: dir });
    assert.equal(text.status, 1);
    assertNoRawValue(text.stdout, text.stderr);
    assert.equal(text.stdout.split('\n').filter((l) => l.includes('csv-structure')).length, 1);
    assert.match(text.stdout, /^broken\.csv:2:3 {2}warning {2}csv-structure {2}CSV structure: the quote opened here \(row 2\) is never closed/m);
    assert.equal(text.stdout.split('\n').filter((l) => l.includes('cn-resident-id')).length, 2);

    const json = JSON.parse(runCli(['scan', 'broken.csv', '--format', 'json'], { cwd: dir }).stdout);
    assert.deepEqual(
      (({ kind, line, character, row }) => ({ kind, line, character, row }))(json.files[0].structure),
      { kind: 'unclosed-quote', line: 2, character: 3, row: 2 },
    );

    const sarif = runCli(['scan', 'broken.csv', 'mangled.csv', '--format', 'sarif'], { cwd: dir });
    assertNoRawValue(sarif.stdout);
    const log = JSON.parse(sarif.stdout);
    assertValidSarif(log);
    const notes = log.runs[0].invocations[0].toolExecutionNotifications;
    assert.deepEqual(
      notes.map((n: { descriptor: { id: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => [
        n.descriptor.id,
        n.locations[0].physicalLocation.artifactLocation.uri,
        n.locations[0].physicalLocation.region.startLine,
        n.locations[0].physicalLocation.region.startColumn,
      ]),
      [
        ['csv-structure', 'broken.csv', 2, 3],
        ['excel-mangled', 'mangled.csv', 1, 4],
      ],
    );
    assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
  });

  it('a ragged row gets the notice in the summary too, without changing the exit code of a clean file', () => {
    writeFileSync(join(dir, 'ragged.csv'), 'a,b,c\n1,2,3\n4,5\n');
    const r = runCli(['scan', 'ragged.csv', '--summary'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'ragged.csv:3:1: CSV structure: row 3 has 2 field(s) where the first row has 3; the columns of later rows may be off. Check the delimiter and the quotes.\n');
  });
});
