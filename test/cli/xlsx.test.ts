import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import { runCli } from '../support/cli';
import { assertNoRaw } from '../support/noRaw';
import { xlsxParts, xlsxText } from '../support/xlsxParts';
import { zipOf } from '../support/zipWriter';
import { digitsOnlyId, makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

describe('sdguard scan: XLSX workbooks (CLI as a child process)', function () {
  this.timeout(60_000);
  const rng = makeRng(5150);
  const ids = [synthResidentId(rng), synthResidentId(rng), synthResidentId(rng)];
  const cards = [synthBankCard(rng, 'unionpay', { length: 19 }), synthBankCard(rng, 'mastercard', { length: 16 })];
  const mobiles = [synthMobile(rng), synthMobile(rng)];
  // An 18-digit ID typed into a General cell: stored as a number, 15 significant digits kept.
  const numericId = digitsOnlyId(rng);
  const excelShown = `${numericId.slice(0, 15)}000`;
  const raws = [...ids, ...cards, ...mobiles, numericId, excelShown];
  let dir: string;

  async function writeBook(path: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const pay = wb.addWorksheet('Sheet1');
    pay.addRow(['姓名', '身份证号', '银行卡号', '手机号']);
    pay.addRow(['张三', ids[0], cards[0], mobiles[0]]);
    pay.addRow(['李四', ids[1], '', '']);
    pay.addRow(['王五', Number(numericId), cards[1], Number(mobiles[1])]);
    const other = wb.addWorksheet('客户 档案');
    other.getCell('A1').value = '客户';
    other.getCell('C1').value = '身份证号';
    other.getCell('C5').value = ids[2];
    await wb.xlsx.writeFile(path);
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-cli-xlsx-'));
    await writeBook(join(dir, 'payroll.xlsx'));
    writeFileSync(join(dir, 'notes.csv'), `姓名,手机号\n赵六,${mobiles[0]}\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const assertNoRawValue = (...outputs: string[]): void => assertNoRaw(raws, outputs, (raw) => `a raw value leaked into the output (#${raws.indexOf(raw)})`);

  const expected = [
    'payroll.xlsx Sheet1!B2 error cn-resident-id',
    'payroll.xlsx Sheet1!C2 error bank-card',
    'payroll.xlsx Sheet1!D2 warning cn-mobile',
    'payroll.xlsx Sheet1!B3 error cn-resident-id',
    'payroll.xlsx Sheet1!B4 warning excel-mangled',
    'payroll.xlsx Sheet1!C4 error bank-card',
    'payroll.xlsx Sheet1!D4 warning cn-mobile',
    "payroll.xlsx '客户 档案'!C5 error cn-resident-id",
    // Once for the column, as for a CSV: its header names an ID.
    'payroll.xlsx Sheet1!B warning excel-mangled',
  ];

  it('text: every sheet, each finding as `file Sheet!C5`, masked values only', () => {
    const r = runCli(['scan', 'payroll.xlsx'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(
      lines.map((l) => l.split('  ').slice(0, 3).join(' ')),
      expected,
    );
    assert.match(lines[4], /ID or card number damaged by Excel: \d\*{14}000 \(confidence high\)$/);
    assert.match(r.stderr, /8 finding\(s\) in 1 file\(s\) \(1 file\(s\) scanned\)/);
    assertNoRawValue(r.stdout, r.stderr);
  });

  it('json: the cell, its sheet, row and column, and the column header', () => {
    const r = runCli(['scan', 'payroll.xlsx', '--format', 'json'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assertNoRawValue(r.stdout);
    const report = JSON.parse(r.stdout);
    const findings = report.files[0].findings;
    assert.equal(report.files[0].path, 'payroll.xlsx');
    assert.deepEqual(
      findings.map((f: { cell: string; sheet: string; line: number; column: number; header?: string }) => [f.cell, f.sheet, f.line, f.column, f.header]),
      [
        ['Sheet1!B2', 'Sheet1', 2, 2, '身份证号'],
        ['Sheet1!C2', 'Sheet1', 2, 3, '银行卡号'],
        ['Sheet1!D2', 'Sheet1', 2, 4, '手机号'],
        ['Sheet1!B3', 'Sheet1', 3, 2, '身份证号'],
        ['Sheet1!B4', 'Sheet1', 4, 2, '身份证号'],
        ['Sheet1!C4', 'Sheet1', 4, 3, '银行卡号'],
        ['Sheet1!D4', 'Sheet1', 4, 4, '手机号'],
        ["'客户 档案'!C5", '客户 档案', 5, 3, '身份证号'],
      ],
    );
    assert.equal(findings[0].masked, `${ids[0][0]}${'*'.repeat(16)}${ids[0][17]}`);
    assert.deepEqual(report.files[0].counts, { 'cn-resident-id': 3, 'cn-mobile': 2, 'bank-card': 2, 'excel-mangled': 1 });
  });

  it('sarif: region row and column, the cell as a logical location, valid against the SARIF 2.1.0 schema', () => {
    const r = runCli(['scan', 'payroll.xlsx', '--format', 'sarif'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assertNoRawValue(r.stdout);
    const log = JSON.parse(r.stdout);
    const results = log.runs[0].results;
    assert.equal(results.length, 8);
    const mangled = results[4];
    assert.equal(mangled.ruleId, 'excel-mangled');
    const location = mangled.locations[0];
    assert.deepEqual(location.physicalLocation.artifactLocation, { uri: 'payroll.xlsx', uriBaseId: '%SRCROOT%' });
    const { startLine, startColumn, endLine, endColumn } = location.physicalLocation.region;
    assert.deepEqual([startLine, startColumn, endLine, endColumn], [4, 2, 4, 3]);
    assert.deepEqual(location.logicalLocations, [{ name: 'B4', fullyQualifiedName: 'Sheet1!B4', kind: 'element' }]);
    assert.equal(results[7].locations[0].logicalLocations[0].fullyQualifiedName, "'客户 档案'!C5");
    // The official SARIF 2.1.0 schema (draft-04), as shipped in @microsoft/jest-sarif.
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors));
  });

  it('--summary counts per rule', () => {
    const r = runCli(['scan', 'payroll.xlsx', '--summary'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^payroll\.xlsx: cn-resident-id 3, cn-mobile 2, bank-card 2, excel-mangled 1$/m);
  });

  it('a corrupt .xlsx is reported by name, the other files are still scanned', () => {
    const mixed = join(dir, 'mixed');
    mkdirSync(mixed);
    writeFileSync(join(mixed, 'broken.xlsx'), 'PK\u0003\u0004 this is no workbook');
    writeFileSync(join(mixed, 'notes.csv'), `姓名,手机号\n赵六,${mobiles[0]}\n`);
    // Excel's lock file beside an open workbook is no workbook either: skipped as binary.
    writeFileSync(join(mixed, '~$payroll.xlsx'), Buffer.from([0x05, 0x4a, 0x6f, 0, 0, 0x68, 0x6e]));
    const r = runCli(['scan', 'mixed', '--jobs', '1'], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /mixed\/broken\.xlsx: cannot read the workbook/);
    assert.ok(!r.stderr.includes('~$payroll.xlsx'), r.stderr);
    assert.match(r.stdout, /^mixed\/notes\.csv:2:4 {2}warning {2}cn-mobile/m);
    const json = JSON.parse(runCli(['scan', 'mixed', '--format', 'json'], { cwd: dir }).stdout);
    assert.deepEqual(
      json.errors.map((e: { path: string }) => e.path),
      ['mixed/broken.xlsx'],
    );
    assertNoRawValue(r.stdout, r.stderr);
  });

  it('a damaged workbook is named with what is wrong, in the user\'s language; the summary says files went unread', () => {
    const damaged = join(dir, 'damaged');
    mkdirSync(damaged);
    const parts = [...xlsxParts(readFileSync(join(dir, 'payroll.xlsx')))];
    const sheetName = 'xl/worksheets/sheet1.xml';
    const sheetXml = parts.find(([name]) => name === sheetName)![1];
    const rowEnd = sheetXml.indexOf('</row>') + '</row>'.length;
    // Broken XML after the header row; a part gone; a part whose deflated bytes are garbage; a CSV renamed .xlsx.
    writeFileSync(join(damaged, 'a-xml.xlsx'), zipOf(parts.map(([n, c]) => [n, n === sheetName ? `${sheetXml.slice(0, rowEnd)}<<${sheetXml.slice(rowEnd)}` : c])));
    writeFileSync(join(damaged, 'b-part.xlsx'), zipOf(parts.filter(([n]) => n !== 'xl/workbook.xml')));
    const garbled = zipOf(parts);
    const data = garbled.indexOf(Buffer.from(sheetName)) + sheetName.length;
    for (let i = data + 2; i < data + 40; i++) garbled[i] ^= 0x5a;
    writeFileSync(join(damaged, 'c-data.xlsx'), garbled);
    writeFileSync(join(damaged, 'd-csv.xlsx'), `姓名,手机号\n赵六,${mobiles[0]}\n`);
    // A name from the workbook's own bytes that holds an ID (a duplicate attribute's): starred out in the message.
    writeFileSync(join(damaged, 'e-name.xlsx'), zipOf(parts.map(([n, c]) => [n, n === sheetName ? c.replace('<sheetData>', `<sheetData><row r="1" a${ids[0]}="1" a${ids[0]}="2"/>`) : c])));
    const en = runCli(['scan', 'damaged', '--jobs', '1', '--lang', 'en'], { cwd: dir });
    assert.equal(en.status, 2, en.stderr);
    assert.match(en.stderr, /damaged\/a-xml\.xlsx: cannot read the workbook: xl\/worksheets\/sheet1\.xml is not well-formed XML: the workbook is damaged \(\d+:\d+: /);
    assert.match(en.stderr, /damaged\/b-part\.xlsx: cannot read the workbook: the workbook has no part xl\/workbook\.xml: it is damaged or not an Excel workbook/);
    assert.match(en.stderr, /damaged\/d-csv\.xlsx: cannot read the workbook: the file is not a zip archive, or it is cut short or damaged \(an old \.xls, or a CSV renamed \.xlsx, is not an \.xlsx workbook: save it as \.xlsx from Excel or WPS\) \(/);
    assert.match(en.stderr, /damaged\/e-name\.xlsx: cannot read the workbook: xl\/worksheets\/sheet1\.xml is not well-formed XML: the workbook is damaged \(\d+:\d+: duplicate attribute: a\*{15}/);
    assert.match(en.stderr, /\(0 file\(s\) scanned\)\. 5 file\(s\) could not be read, or only in part: see the error\(s\) above\.\n$/);
    const zh = runCli(['scan', 'damaged', '--jobs', '1', '--lang', 'zh-CN'], { cwd: dir });
    assert.equal(zh.status, 2, zh.stderr);
    assert.match(zh.stderr, /damaged\/a-xml\.xlsx: 无法读取工作簿：xl\/worksheets\/sheet1\.xml 不是格式正确的 XML：工作簿已损坏（\d+:\d+: /);
    assert.match(zh.stderr, /damaged\/b-part\.xlsx: 无法读取工作簿：工作簿缺少部件 xl\/workbook\.xml：文件已损坏，或不是 Excel 工作簿/);
    assert.match(zh.stderr, /damaged\/c-data\.xlsx: 无法读取工作簿：zip 中的 xl\/worksheets\/sheet1\.xml 已损坏（/);
    assert.match(zh.stderr, /damaged\/d-csv\.xlsx: 无法读取工作簿：文件不是 zip 压缩包，或已被截断、损坏（旧版 \.xls 或改名为 \.xlsx 的 CSV 都不是 \.xlsx 工作簿，请在 Excel 或 WPS 中另存为 \.xlsx）（/);
    assert.match(zh.stderr, /5 个文件无法读取或只读取了一部分，见上方的错误。\n$/);
    // redact names them the same way and writes none of them.
    const r = runCli(['redact', '--no-audit-log', '--out', join(dir, 'damaged-out'), '--lang', 'zh-CN', 'damaged'], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /a-xml\.xlsx: 无法读取工作簿：xl\/worksheets\/sheet1\.xml 不是格式正确的 XML/);
    assert.ok(!existsSync(join(dir, 'damaged-out')) || readdirSync(join(dir, 'damaged-out')).length === 0);
    assertNoRawValue(en.stdout, en.stderr, zh.stdout, zh.stderr, r.stdout, r.stderr);
  });

  it('an .xls or WPS .et workbook is named as a format not read, in scan and in every redact mode, not skipped silently', () => {
    const old = join(dir, 'old');
    mkdirSync(old);
    // An OLE2 compound file's signature and empty sectors: binary, as an Excel 97-2003 workbook is.
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]);
    writeFileSync(join(old, '工资表.xls'), ole);
    writeFileSync(join(old, 'clients.et'), ole);
    // A macro-enabled workbook (a zip, binary as such): named too, not passed over.
    writeFileSync(join(old, 'macro.xlsm'), readFileSync(join(dir, 'payroll.xlsx')));
    writeFileSync(join(old, 'image.bin'), ole);
    // Some packages export "xls" files that are tab-separated text: those are scanned as text.
    writeFileSync(join(old, 'export.xls'), `姓名\t手机号\n赵六\t${mobiles[0]}\n`);
    const scan = runCli(['scan', 'old', '--lang', 'en'], { cwd: dir });
    assert.equal(scan.status, 1, scan.stderr);
    assert.match(scan.stderr, /sdguard: skipped old\/工资表\.xls: a \.xls workbook, a format sdguard does not read \(it reads \.xlsx, \.csv and \.tsv\): save it as \.xlsx and run again/);
    assert.match(scan.stderr, /sdguard: skipped old\/clients\.et: a \.et workbook/);
    assert.match(scan.stderr, /sdguard: skipped old\/macro\.xlsm: a \.xlsm workbook/);
    assert.ok(!scan.stderr.includes('image.bin'), scan.stderr);
    assert.match(scan.stdout, /^old\/export\.xls:2:4 {2}warning {2}cn-mobile/m);
    const zh = runCli(['scan', 'old', '--lang', 'zh-CN'], { cwd: dir });
    assert.match(zh.stderr, /sdguard: 已跳过 old\/工资表\.xls：\.xls 格式的工作簿，sdguard 无法读取（支持 \.xlsx、\.csv、\.tsv）：请另存为 \.xlsx 后重新运行/);
    for (const mode of [['--in-place'], ['--dry-run'], ['--out', join(dir, 'old-out')]]) {
      const r = runCli(['redact', '--no-audit-log', '--lang', 'en', ...mode, 'old'], { cwd: dir });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /skipped old\/工资表\.xls: a \.xls workbook, a format sdguard does not read/, mode.join(' '));
      assert.match(r.stderr, /skipped old\/clients\.et: a \.et workbook/, mode.join(' '));
    }
    assert.ok(readFileSync(join(old, '工资表.xls')).equals(ole));
    assertNoRawValue(scan.stdout, scan.stderr, zh.stdout, zh.stderr);
  });

  it('a zip bomb is refused at once, by name and part, in the user\'s language; the other files are still scanned', async () => {
    const bombs = join(dir, 'bombs');
    mkdirSync(bombs);
    // Read from a real workbook, then its directory made to claim 600 MiB of shared strings.
    const parts = xlsxParts(readFileSync(join(dir, 'payroll.xlsx')));
    const claimed = zipOf([...parts], { claimedSizes: { 'xl/sharedStrings.xml': 600 * 2 ** 20 } });
    writeFileSync(join(bombs, 'bomb.xlsx'), claimed);
    writeFileSync(join(bombs, 'notes.csv'), `姓名,手机号\n赵六,${mobiles[0]}\n`);
    const en = runCli(['scan', 'bombs', '--jobs', '1', '--lang', 'en'], { cwd: dir });
    assert.equal(en.status, 2, en.stderr);
    assert.match(en.stderr, /bombs\/bomb\.xlsx: cannot read the workbook: xl\/sharedStrings\.xml inflates to 600 MiB, more than the 512 MiB this part may take in memory; the workbook is not read/);
    assert.match(en.stdout, /^bombs\/notes\.csv:2:4 {2}warning {2}cn-mobile/m);
    const zh = runCli(['scan', 'bombs', '--jobs', '1', '--lang', 'zh-CN'], { cwd: dir });
    assert.equal(zh.status, 2, zh.stderr);
    assert.match(zh.stderr, /bombs\/bomb\.xlsx: 无法读取工作簿：xl\/sharedStrings\.xml 解压后有 600 MiB，超过此部分可占用内存的上限 512 MiB；未读取此工作簿/);
    // redact leaves it as it is, with the same reason.
    const r = runCli(['redact', '--no-audit-log', '--out', join(dir, 'bombs-out'), '--lang', 'zh-CN', 'bombs'], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /解压后有 600 MiB/);
    assert.ok(!existsSync(join(dir, 'bombs-out', 'bomb.xlsx')));
    assertNoRawValue(en.stdout, en.stderr, zh.stdout, zh.stderr, r.stdout, r.stderr);
  });

  it('a data model or an embedded document is named as not read, in every format; redact leaves the workbook unchanged and says why', () => {
    const models = join(dir, 'models');
    mkdirSync(models);
    const parts = xlsxParts(readFileSync(join(dir, 'payroll.xlsx')));
    // Power Pivot's compressed tables (made-up bytes: sdguard reads neither).
    writeFileSync(join(models, 'model.xlsx'), zipOf([...parts, ['xl/model/item.data', Buffer.from([0x00, 0x9f, 0x42, 0x17])]]));
    writeFileSync(join(models, 'embeds.xlsx'), zipOf([...parts, ['xl/embeddings/oleObject1.bin', Buffer.from([0xd0, 0xcf, 0x11, 0xe0])]]));
    const notice = /^models\/model\.xlsx {2}warning {2}xlsx-unread {2}xl\/model\/item\.data is a data model \(tables loaded by Power Pivot or Power Query, kept compressed\): its values cannot be read, so they were not scanned, and redact leaves the workbook unchanged$/m;
    const text = runCli(['scan', 'models', '--jobs', '1'], { cwd: dir });
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, notice);
    assert.match(text.stdout, /^models\/embeds\.xlsx {2}warning {2}xlsx-unread {2}xl\/embeddings\/oleObject1\.bin is another document embedded in the workbook/m);
    // The cells are scanned all the same.
    assert.match(text.stdout, /^models\/model\.xlsx Sheet1!B2 {2}error {2}cn-resident-id/m);
    const zh = runCli(['scan', 'models/model.xlsx', '--lang', 'zh-CN', '--summary'], { cwd: dir });
    assert.match(zh.stdout, /^models\/model\.xlsx: xl\/model\/item\.data 是数据模型（Power Pivot 或 Power Query 加载的表，以压缩形式保存）：无法读取其中的内容，因此未扫描；脱敏时工作簿将保持不变$/m);
    const json = JSON.parse(runCli(['scan', 'models', '--jobs', '1', '--format', 'json'], { cwd: dir }).stdout);
    assert.deepEqual(
      json.files.map((f: { path: string; unread?: unknown }) => [f.path, f.unread]),
      [
        ['models/embeds.xlsx', [{ part: 'xl/embeddings/oleObject1.bin', kind: 'embedded' }]],
        ['models/model.xlsx', [{ part: 'xl/model/item.data', kind: 'dataModel' }]],
      ],
    );
    const sarif = JSON.parse(runCli(['scan', 'models/model.xlsx', '--format', 'sarif'], { cwd: dir }).stdout);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications.filter((n: { descriptor: { id: string } }) => n.descriptor.id === 'xlsx-unread');
    assert.deepEqual(notes.map((n: { locations: unknown }) => n.locations), [[{ physicalLocation: { artifactLocation: { uri: 'models/model.xlsx', uriBaseId: '%SRCROOT%' } } }]]);
    const r = runCli(['redact', '--no-audit-log', '--out', join(dir, 'models-out'), 'models'], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /models\/model\.xlsx: the workbook holds a data model \(xl\/model\/item\.data: tables loaded by Power Pivot or Power Query, kept compressed\), whose values cannot be checked; left unchanged/);
    assert.match(r.stderr, /models\/embeds\.xlsx: the workbook embeds another document \(xl\/embeddings\/oleObject1\.bin\)/);
    assert.ok(!existsSync(join(dir, 'models-out', 'model.xlsx')) && !existsSync(join(dir, 'models-out', 'embeds.xlsx')));
    assertNoRawValue(text.stdout, text.stderr, zh.stdout, JSON.stringify(json), JSON.stringify(sarif), r.stdout, r.stderr);
  });

  it('a crafted cell too long to hold is refused at once, by sheet and cell, in the user\'s language', () => {
    const crafted = join(dir, 'crafted');
    mkdirSync(crafted);
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    // 64 MiB of one letter in one cell: 65 KB zipped.
    const book = zipOf([
      ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
      ['xl/workbook.xml', `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets><sheet name="工资表" sheetId="1" r:id="r1"/></sheets></workbook>`],
      ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
      ['xl/worksheets/sheet1.xml', `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${ids[0]}</t></is></c></row><row r="2"><c r="C2" t="inlineStr"><is><t>${'a'.repeat(64 * 2 ** 20)}</t></is></c></row></sheetData></worksheet>`],
    ]);
    writeFileSync(join(crafted, 'long.xlsx'), book);
    writeFileSync(join(crafted, 'notes.csv'), `姓名,手机号\n赵六,${mobiles[0]}\n`);
    const en = runCli(['scan', 'crafted', '--jobs', '1', '--lang', 'en'], { cwd: dir });
    assert.equal(en.status, 2, en.stderr);
    assert.match(en.stderr, /crafted\/long\.xlsx: cannot read the workbook: cell 工资表!C2 holds more than 1,048,576 characters, far more than a cell can \(Excel allows 32,767\); the workbook is not read/);
    assert.match(en.stdout, /^crafted\/notes\.csv:2:4 {2}warning {2}cn-mobile/m);
    const zh = runCli(['scan', 'crafted/long.xlsx', '--lang', 'zh-CN'], { cwd: dir });
    assert.equal(zh.status, 2, zh.stderr);
    assert.match(zh.stderr, /crafted\/long\.xlsx: 无法读取工作簿：单元格 工资表!C2 有超过 1,048,576 个字符，远超单元格可容纳的长度（Excel 最多 32,767 个）；未读取此工作簿/);
    const r = runCli(['redact', '--no-audit-log', '--out', join(dir, 'crafted-out'), 'crafted/long.xlsx'], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /cell 工资表!C2 holds more than/);
    assert.ok(!existsSync(join(dir, 'crafted-out', 'long.xlsx')));
    assertNoRawValue(en.stdout, en.stderr, zh.stdout, zh.stderr, r.stdout, r.stderr);
  });

  it('worker threads (--jobs 3) read workbooks too, and report as one thread does', async () => {
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    for (let i = 0; i < 6; i++) {
      await writeBook(join(tree, `book${i}.xlsx`));
      writeFileSync(join(tree, `list${i}.csv`), `身份证号\n${ids[i % 3]}\n`);
    }
    writeFileSync(join(tree, 'zz-broken.xlsx'), 'not a zip');
    for (const format of ['text', 'json', 'sarif']) {
      const one = runCli(['scan', 'tree', '--format', format, '--jobs', '1'], { cwd: dir });
      const three = runCli(['scan', 'tree', '--format', format, '--jobs', '3'], { cwd: dir });
      assert.equal(one.status, 2, one.stderr);
      assert.equal(three.status, 2, three.stderr);
      assert.equal(three.stdout, one.stdout, `${format} differs`);
      assertNoRawValue(three.stdout);
    }
    const text = runCli(['scan', 'tree', '--jobs', '3'], { cwd: dir });
    // 8 findings and the column notice.
    assert.equal(text.stdout.split('\n').filter((l) => l.startsWith('tree/book5.xlsx ')).length, 9);
    assert.match(text.stderr, /tree\/zz-broken\.xlsx: cannot read the workbook/);
  });

  describe('a value in a sheet\'s name (a sheet per employee, named by ID or phone)', () => {
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const person = `张三${ids[0]}`;
    // Two IDs a mask shows alike (the first and last character kept): two sheets named by them would meet.
    const twins = (() => {
      const r = makeRng(99);
      const seen = new Map<string, string>();
      for (;;) {
        const id = synthResidentId(r);
        const key = id[0] + id[17];
        const other = seen.get(key);
        if (other && other !== id) return [other, id];
        seen.set(key, id);
      }
    })();
    const named = [...raws, ...twins];

    /** A workbook of sheets named `names`; the first holds an ID under a header, the second a formula naming the first. */
    function book(names: string[], options: { lose?: number } = {}): Buffer {
      const sheets = names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="s${i + 1}"/>`).join('');
      const rels = names.map((_, i) => `<Relationship Id="s${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
      const first = `<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>银行卡号</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>${cards[0]}</t></is></c></row></sheetData></worksheet>`;
      // A formula whose result is no value: the cell is left as it is, but its text names the first sheet.
      const other = `<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1"><f>LEN('${names[0]}'!A2)</f><v>2</v></c></row></sheetData></worksheet>`;
      const parts: [string, string][] = [
        ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="r2" Type="${rel}/extended-properties" Target="docProps/app.xml"/></Relationships>`],
        ['docProps/app.xml', `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${n}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts></Properties>`],
        ['xl/workbook.xml', `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${sheets}</sheets><definedNames><definedName name="工资">'${names[0]}'!$B$2</definedName></definedNames></workbook>`],
        ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`],
        ...names.map((_, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, i === 0 ? first : other]),
      ];
      return zipOf(parts.filter(([n]) => n !== `xl/worksheets/sheet${options.lose}.xml`));
    }

    it('scan reports the value, masked, at the sheet\'s name; every place that names the sheet shows it masked', () => {
      writeFileSync(join(dir, 'per-person.xlsx'), book([person, mobiles[1]]));
      const text = runCli(['scan', '--jobs', '1', 'per-person.xlsx'], { cwd: dir });
      assert.equal(text.status, 1, text.stderr);
      const masked = `张三${ids[0][0]}${'*'.repeat(16)}${ids[0][17]}`;
      assert.deepEqual(
        text.stdout.trim().split('\n').map((l) => l.split('  ').slice(0, 3).join(' ')),
        [
          `per-person.xlsx '${masked}' (the sheet's name) error cn-resident-id`,
          `per-person.xlsx '${masked}'!B2 error bank-card`,
          `per-person.xlsx '${mobiles[1].slice(0, 3)}****${mobiles[1].slice(7)}' (the sheet's name) warning cn-mobile`,
        ],
      );
      const zh = runCli(['scan', '--lang', 'zh-CN', 'per-person.xlsx'], { cwd: dir });
      assert.match(zh.stdout, new RegExp(`^per-person\\.xlsx '${masked.replace(/\*/g, '\\*')}'（工作表名称） {2}error {2}cn-resident-id {2}居民身份证号码`, 'm'));
      const json = JSON.parse(runCli(['scan', '--format', 'json', 'per-person.xlsx'], { cwd: dir }).stdout);
      assert.deepEqual(
        json.files[0].findings.map((f: { line: number; column: number; sheet: string }) => [f.line, f.column, f.sheet]),
        [[1, 1, masked], [2, 2, masked], [1, 1, `${mobiles[1].slice(0, 3)}****${mobiles[1].slice(7)}`]],
      );
      const sarif = runCli(['scan', '--format', 'sarif', 'per-person.xlsx'], { cwd: dir });
      // A sheet named by an ID whose part is gone: the damage names it masked.
      writeFileSync(join(dir, 'lost-person.xlsx'), book(['名单', person], { lose: 2 }));
      const lost = runCli(['scan', 'lost-person.xlsx'], { cwd: dir });
      assert.equal(lost.status, 2, lost.stderr);
      assert.ok(lost.stderr.includes(`the workbook lists sheet ${masked}, but its part xl/worksheets/sheet2.xml is not in the file`), lost.stderr);
      assertNoRaw(named, [text.stdout, text.stderr, zh.stdout, JSON.stringify(json), sarif.stdout, lost.stdout, lost.stderr]);
    });

    it('redact renames the sheet, in the workbook, its formulas, defined names and document properties; Excel\'s refused characters become full-width', async () => {
      writeFileSync(join(dir, 'per-person.xlsx'), book([person, mobiles[1]]));
      const r = runCli(['redact', '--out', 'renamed', 'per-person.xlsx'], { cwd: dir });
      assert.equal(r.status, 0, r.stderr);
      const copy = readFileSync(join(dir, 'renamed', 'per-person.xlsx'));
      const newName = `张三${ids[0][0]}${'＊'.repeat(16)}${ids[0][17]}`;
      const phone = `${mobiles[1].slice(0, 3)}＊＊＊＊${mobiles[1].slice(7)}`;
      const parts = xlsxParts(copy);
      assert.ok(parts.get('xl/workbook.xml')!.includes(`<sheet name="${newName}"`));
      assert.ok(parts.get('xl/workbook.xml')!.includes(`'${newName}'!$B$2</definedName>`));
      assert.ok(parts.get('xl/worksheets/sheet2.xml')!.includes(`<f>LEN('${newName}'!A2)</f><v>2</v>`));
      assert.ok(parts.get('docProps/app.xml')!.includes(`<vt:lpstr>${newName}</vt:lpstr><vt:lpstr>${phone}</vt:lpstr>`));
      // Excel's own reading: the sheets by their new names, the formula naming the first.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(copy as unknown as ArrayBuffer);
      assert.deepEqual(wb.worksheets.map((w) => w.name), [newName, phone]);
      assert.deepEqual(wb.worksheets[1].getCell('A1').value, { formula: `LEN('${newName}'!A2)`, result: 2 });
      const audit = readFileSync(join(dir, '.sdguard-audit.jsonl'), 'utf8');
      assert.ok(audit.includes(`"cell":"'张三${ids[0][0]}${'*'.repeat(16)}${ids[0][17]}' (the sheet's name)"`));
      const again = runCli(['scan', '--min-confidence', 'low', 'renamed/per-person.xlsx'], { cwd: dir });
      assert.equal(again.status, 0, again.stdout);
      assertNoRaw(named, [r.stdout, r.stderr, xlsxText(copy), audit]);
    });

    it('redact refuses, by the new name, a rename Excel would not take: two sheets alike, or a name too long', () => {
      writeFileSync(join(dir, 'twins.xlsx'), book([`员工${twins[0]}`, `员工${twins[1]}`]));
      const r = runCli(['redact', '--no-audit-log', '--out', 'twins-out', 'twins.xlsx'], { cwd: dir });
      assert.equal(r.status, 2, r.stderr);
      assert.ok(r.stderr.includes(`the sheet would be named 员工${twins[0][0]}${'＊'.repeat(16)}${twins[0][17]}, which is longer than Excel's 31 characters or another sheet's name`), r.stderr);
      assert.ok(!existsSync(join(dir, 'twins-out', 'twins.xlsx')));
      // A placeholder longer than the value: the sheet's new name would pass 31 characters.
      writeFileSync(join(dir, 'long.xlsx'), book([`${'工'.repeat(12)}${ids[1]}`]));
      const long = runCli(['redact', '--no-audit-log', '--lang', 'zh-CN', '--mode', 'redact', '--placeholder', '[REMOVED-RESIDENT-ID-NUMBER]', '--out', 'long-out', 'long.xlsx'], { cwd: dir });
      assert.equal(long.status, 2, long.stderr);
      assert.match(long.stderr, /工作表名称中含有敏感信息，替换后工作表将名为 工{12}［REMOVED-RESIDENT-ID-NUMBER］，超过 Excel 的 31 个字符上限/);
      assertNoRaw(named, [r.stdout, r.stderr, long.stdout, long.stderr]);
    });
  });

  describe('values outside cells\' values: a comment, a formula\'s text, a hyperlink, the header, document properties', () => {
    const [id, other, title, linked] = [synthResidentId(rng), synthResidentId(rng), synthResidentId(rng), synthResidentId(rng)];
    const [boss, author] = [synthMobile(rng), synthMobile(rng)];
    const hidden = [id, other, title, linked, boss, author, cards[1]];
    const mask18 = (v: string) => `${v[0]}${'*'.repeat(16)}${v[17]}`;
    const mask11 = (v: string) => `${v.slice(0, 3)}****${v.slice(7)}`;

    /** As Excel users leave them: a note on a cell, a formula comparing with a typed ID, a list, a link to a record, a header, the file's properties. */
    async function writeHidden(path: string): Promise<void> {
      const wb = new ExcelJS.Workbook();
      wb.creator = `会计 ${author}`;
      wb.title = `工资表 ${title}`;
      wb.company = '某某代理记账有限公司';
      const ws = wb.addWorksheet('工资');
      ws.addRow(['姓名', '本人']);
      ws.addRow(['张三', '']);
      ws.getCell('A2').note = `身份证号 ${id}`;
      ws.getCell('B2').value = { formula: `IF(A2="${other}","是","否")`, result: '否' };
      ws.getCell('C2').dataValidation = { type: 'list', allowBlank: true, formulae: [`"${cards[1]},现金"`] };
      ws.getCell('D2').value = { text: '档案', hyperlink: `https://hr.example/staff?id=${linked}` };
      ws.headerFooter.oddHeader = `&L制表 ${boss}&R第 &P 页`;
      await wb.xlsx.writeFile(path);
    }

    it('scan reports each where it is, in both languages and every format, masked', async () => {
      await writeHidden(join(dir, 'hidden.xlsx'));
      const text = runCli(['scan', '--jobs', '1', 'hidden.xlsx'], { cwd: dir });
      assert.equal(text.status, 1, text.stderr);
      assert.deepEqual(
        text.stdout.trim().split('\n').map((l) => l.split('  ').slice(0, 3).join(' ')),
        [
          'hidden.xlsx 工资!B2 (in its formula) error cn-resident-id',
          'hidden.xlsx 工资!C2 (in its formula) error bank-card',
          'hidden.xlsx 工资!D2 (its hyperlink) error cn-resident-id',
          'hidden.xlsx 工资 (the header or footer) warning cn-mobile',
          'hidden.xlsx 工资!A2 (a comment) error cn-resident-id',
          'hidden.xlsx the document property Author warning cn-mobile',
          'hidden.xlsx the document property Title error cn-resident-id',
        ],
      );
      assert.ok(text.stdout.includes(mask18(id)) && text.stdout.includes(mask11(boss)));
      const zh = runCli(['scan', '--lang', 'zh-CN', 'hidden.xlsx'], { cwd: dir });
      for (const place of ['工资!B2（公式中）', '工资（页眉或页脚）', '工资!A2（批注）', '文档属性“作者”', '文档属性“标题”']) assert.ok(zh.stdout.includes(`hidden.xlsx ${place}  `), place);
      const json = JSON.parse(runCli(['scan', '--format', 'json', 'hidden.xlsx'], { cwd: dir }).stdout);
      assert.deepEqual(
        json.files[0].findings.map((f: { within?: string; sheet?: string; line: number; column: number }) => [f.within, f.sheet, f.line, f.column]),
        [['formula', '工资', 2, 2], ['formula', '工资', 2, 3], ['hyperlink', '工资', 2, 4], ['headerFooter', '工资', 1, 1], ['comment', '工资', 2, 1], ['property', undefined, 1, 1], ['property', undefined, 1, 1]],
      );
      const summary = runCli(['scan', '--summary', 'hidden.xlsx'], { cwd: dir });
      assert.ok(summary.stdout.includes('cn-resident-id 4'), summary.stdout);
      const sarif = runCli(['scan', '--format', 'sarif', 'hidden.xlsx'], { cwd: dir });
      assert.equal(JSON.parse(sarif.stdout).runs[0].results.length, 7);
      assertNoRaw(hidden, [text.stdout, text.stderr, zh.stdout, JSON.stringify(json), summary.stdout, sarif.stdout]);
    });

    it('redact replaces each where it is written: the note, the formula (kept), the list, the link, the header, the properties', async () => {
      await writeHidden(join(dir, 'hidden.xlsx'));
      const r = runCli(['redact', '--out', 'hidden-out', 'hidden.xlsx'], { cwd: dir });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /hidden\.xlsx: 7 value\(s\) (masked|redacted)/);
      const copy = readFileSync(join(dir, 'hidden-out', 'hidden.xlsx'));
      // Excel's own reading of the copy.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(copy as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('工资')!;
      assert.equal(ws.getCell('A2').note, `身份证号 ${mask18(id)}`);
      assert.deepEqual(ws.getCell('B2').value, { formula: `IF(A2="${mask18(other)}","是","否")`, result: '否' });
      assert.deepEqual(ws.getCell('C2').dataValidation.formulae, [`"${cards[1].slice(0, 6)}${'*'.repeat(cards[1].length - 10)}${cards[1].slice(-4)},现金"`]);
      assert.equal(ws.headerFooter.oddHeader, `&L制表 ${mask11(boss)}&R第 &P 页`);
      assert.deepEqual(ws.getCell('D2').value, { text: '档案', hyperlink: `https://hr.example/staff?id=${mask18(linked)}` });
      assert.deepEqual([wb.creator, wb.title, wb.company], [`会计 ${mask11(author)}`, `工资表 ${mask18(title)}`, '某某代理记账有限公司']);
      const audit = readFileSync(join(dir, '.sdguard-audit.jsonl'), 'utf8');
      for (const place of ['工资!A2 (a comment)', '工资!B2 (in its formula)', 'the document property Title']) assert.ok(audit.includes(`"cell":"${place}"`), place);
      const again = runCli(['scan', '--min-confidence', 'low', 'hidden-out/hidden.xlsx'], { cwd: dir });
      assert.equal(again.status, 0, again.stdout);
      assertNoRaw(hidden, [r.stdout, r.stderr, xlsxText(copy), audit]);
    });
  });

  describe('values the sheets do not show: a filter\'s criteria, a conditional format, a string no cell shows, a data connection, a change history, a scenario, custom XML', () => {
    // B2 shows `current`; the filter keeps `filtered`, a rule looks for `ruled`, the string table
    // keeps `stale`, a connection's query names `queried`, the change history B2's `before`, a
    // what-if scenario puts `planned` in B2, and a program's custom XML keeps `custom`.
    const [current, filtered, stale, queried, before, planned, custom] = [synthResidentId(rng), synthResidentId(rng), synthResidentId(rng), synthResidentId(rng), synthResidentId(rng), synthResidentId(rng), synthResidentId(rng)];
    const ruled = synthMobile(rng);
    const kept = [current, filtered, stale, queried, before, ruled, planned, custom];
    const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

    function writeKept(path: string): void {
      writeFileSync(path, zipOf([
        ['[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'],
        ['_rels/.rels', `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
        ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="工资" sheetId="1" r:id="r1"/></sheets></workbook>`],
        ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="r3" Type="${REL}/connections" Target="connections.xml"/><Relationship Id="r4" Type="${REL}/revisionHeaders" Target="revisions/revisionHeaders.xml"/></Relationships>`],
        ['xl/sharedStrings.xml', `<sst xmlns="${MAIN}"><si><t>姓名</t></si><si><t>身份证号</t></si><si><t>手机</t></si><si><t>${current}</t></si><si><t>${stale}</t></si></sst>`],
        ['xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="s"><v>3</v></c></row></sheetData><autoFilter ref="A1:C2"><filterColumn colId="1"><filters><filter val="${filtered}"/></filters></filterColumn></autoFilter><conditionalFormatting sqref="C2:C9"><cfRule type="cellIs" dxfId="0" priority="1" operator="equal"><formula>"${ruled}"</formula></cfRule></conditionalFormatting><scenarios current="0"><scenario name="调整" count="1" user="会计"><inputCells r="B2" val="${planned}"/></scenario></scenarios></worksheet>`],
        ['xl/connections.xml', `<connections xmlns="${MAIN}"><connection id="1" name="员工查询" type="1" refreshedVersion="6"><dbPr connection="DSN=HR;" command="SELECT * FROM staff WHERE id_card='${queried}'"/></connection></connections>`],
        ['xl/revisions/revisionHeaders.xml', `<headers xmlns="${MAIN}" xmlns:r="${REL}" guid="{00000000-0000-0000-0000-000000000001}" shared="1"><header guid="{00000000-0000-0000-0000-000000000002}" dateTime="2026-11-20T09:00:00" maxSheetId="2" userName="会计" r:id="rId1"><sheetIdMap count="1"><sheetId val="1"/></sheetIdMap></header></headers>`],
        ['xl/revisions/_rels/revisionHeaders.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/revisionLog" Target="revisionLog1.xml"/></Relationships>`],
        ['xl/revisions/revisionLog1.xml', `<revisions xmlns="${MAIN}"><rcc rId="1" sId="1"><oc r="B2" t="inlineStr"><is><t>${before}</t></is></oc><nc r="B2" t="inlineStr"><is><t>${current}</t></is></nc></rcc></revisions>`],
        ['customXml/item1.xml', `<员工><证件号>${custom}</证件号><当前>${current}</当前></员工>`],
      ]));
    }

    it('scan reports each where it is kept, masked, in both languages; redact replaces each there, and the copy holds none', () => {
      writeKept(join(dir, 'kept.xlsx'));
      const json = runCli(['scan', '--format', 'json', 'kept.xlsx'], { cwd: dir });
      assert.equal(json.status, 1, json.stderr);
      assert.deepEqual(
        JSON.parse(json.stdout).files[0].findings.map((f: { within?: string; cell: string; ruleId: string }) => [f.within, f.cell, f.ruleId]),
        [
          [undefined, '工资!B2', 'cn-resident-id'],
          ['filter', "工资!B1 (a filter's criteria)", 'cn-resident-id'],
          ['conditionalFormat', "工资!C2 (a conditional format's rule)", 'cn-mobile'],
          ['scenario', '工资!B2 (a what-if scenario)', 'cn-resident-id'],
          ['sharedString', 'the shared string #5, which no cell shows', 'cn-resident-id'],
          ['connection', 'the data connection 员工查询', 'cn-resident-id'],
          ['revision', "工资!B2 (a shared workbook's change history)", 'cn-resident-id'],
          ['part', "customXml/item1.xml (inside the workbook's file, outside its sheets)", 'cn-resident-id'],
        ],
      );
      const zh = runCli(['scan', '--lang', 'zh-CN', 'kept.xlsx'], { cwd: dir });
      for (const place of ['工资!B1（筛选条件）', '工资!C2（条件格式的规则）', '未被任何单元格使用的共享字符串 #5', '数据连接“员工查询”', '工资!B2（共享工作簿的修订记录）', '工资!B2（模拟分析中的方案）', 'customXml/item1.xml（工作簿文件内部，不在工作表中）']) assert.ok(zh.stdout.includes(`kept.xlsx ${place}  `), place);
      const r = runCli(['redact', '--out', 'kept-out', '--audit-log', 'kept-audit.jsonl', 'kept.xlsx'], { cwd: dir });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /kept\.xlsx: 8 value\(s\) (masked|redacted)/);
      const copy = readFileSync(join(dir, 'kept-out', 'kept.xlsx'));
      const audit = readFileSync(join(dir, 'kept-audit.jsonl'), 'utf8');
      assert.ok(audit.includes('"cell":"工资!B1 (a filter\'s criteria)"'), audit);
      const again = runCli(['scan', '--min-confidence', 'low', 'kept-out/kept.xlsx'], { cwd: dir });
      assert.equal(again.status, 0, again.stdout);
      assertNoRaw(kept, [json.stdout, json.stderr, zh.stdout, r.stdout, r.stderr, audit, xlsxText(copy)]);
    });
  });

  it('a workbook exceljs would misread (a phonetic guide) is scanned and redacted whole: no row dropped', () => {
    // An inline string with a phonetic guide in row 2: exceljs, which redact once wrote with, drops every row after it.
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const rows = ids.map((id, i) => `<row r="${i + 3}"><c r="A${i + 3}" t="inlineStr"><is><t>员工${i}</t></is></c><c r="B${i + 3}" t="inlineStr"><is><t>${id}</t></is></c></row>`).join('');
    const book = zipOf([
      ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
      ['xl/workbook.xml', `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets><sheet name="名单" sheetId="1" r:id="r1"/></sheets></workbook>`],
      ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
      ['xl/worksheets/sheet1.xml', `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><r><t>山田</t></r><rPh sb="0" eb="2"><t>ヤマダ</t></rPh></is></c></row>${rows}</sheetData></worksheet>`],
    ]);
    const odd = join(dir, 'phonetic.xlsx');
    writeFileSync(odd, book);
    const scan = runCli(['scan', '--format', 'json', 'phonetic.xlsx'], { cwd: dir });
    assert.deepEqual(JSON.parse(scan.stdout).files[0].findings.map((f: { cell: string }) => f.cell), ['名单!B3', '名单!B4', '名单!B5']);
    const copy = runCli(['redact', '--lang', 'zh-CN', '--out', 'copy', '--no-audit-log', 'phonetic.xlsx'], { cwd: dir });
    assert.equal(copy.status, 0, copy.stderr);
    assert.deepEqual(readFileSync(odd), book, 'the original changed');
    const inPlace = runCli(['redact', '--in-place', '--no-audit-log', 'phonetic.xlsx'], { cwd: dir });
    assert.equal(inPlace.status, 0, inPlace.stderr);
    assertNoRaw(raws, [copy.stdout, copy.stderr, inPlace.stdout, inPlace.stderr, xlsxText(readFileSync(odd)), xlsxText(readFileSync(join(dir, 'copy', 'phonetic.xlsx')))]);
    for (const file of ['phonetic.xlsx', 'copy/phonetic.xlsx']) {
      // Every row is still there: the names of all of them, the IDs masked, the phonetic guide kept where nothing was replaced.
      const again = runCli(['scan', '--format', 'json', '--min-confidence', 'low', file], { cwd: dir });
      assert.equal(again.status, 0, again.stdout);
      const xml = xlsxText(readFileSync(join(dir, file)));
      for (let i = 0; i < ids.length; i++) assert.ok(xml.includes(`员工${i}`) && xml.includes(`${ids[i][0]}${'*'.repeat(16)}${ids[i][17]}`), `${file}: row ${i + 3}`);
      assert.ok(xml.includes('ヤマダ'), file);
    }
  });
});
