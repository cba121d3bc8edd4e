import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, InitializeRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import ExcelJS from 'exceljs';
import { TestLspClient } from '../support/lspClient';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';
import type { WorkbookCommandResult } from '../../server/src/lsp/workbook';
import { xlsxParts, xlsxText } from '../support/xlsxParts';
import { zipOf } from '../support/zipWriter';

const rng = makeRng(909);
const ids = [synthResidentId(rng), synthResidentId(rng)];
const card = synthBankCard(rng, 'unionpay', { length: 19 });
const mobile = synthMobile(rng);
const raws = [...ids, card, mobile];

/** Our server sends plain-text messages. */
function messageOf(d: Diagnostic): string {
  assert.equal(typeof d.message, 'string');
  return d.message as string;
}

describe('language server: workbook commands (real LSP client)', function () {
  this.timeout(30_000);
  let dir: string;
  let book: string;
  let bookUri: string;
  let original: Buffer;
  let client: TestLspClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-lsp-xlsx-'));
    book = join(dir, 'payroll.xlsx');
    bookUri = pathToFileURL(book).href;
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Sheet1');
    sheet.addRow(['姓名', '身份证号', '银行卡号', '手机号']);
    sheet.addRow(['张三', ids[0], card, mobile]);
    sheet.addRow(['李四', ids[1], '', '']);
    await wb.xlsx.writeFile(book);
    original = readFileSync(book);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    client = new TestLspClient();
    await client.initialize('en');
  });
  afterEach(async () => client.dispose());

  function run(command: string, uri: string): Promise<WorkbookCommandResult> {
    return client.executeCommand(command, uri) as Promise<WorkbookCommandResult>;
  }

  it('advertises both commands', async () => {
    const fresh = new TestLspClient();
    try {
      const init = await fresh.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      const commands = init.capabilities.executeCommandProvider?.commands ?? [];
      assert.ok(commands.includes('sdguard.server.scanWorkbook') && commands.includes('sdguard.server.exportRedactedWorkbook'), commands.join());
    } finally {
      await fresh.dispose();
    }
    // A missing file answers with an error, not a crash.
    const r = await run('sdguard.server.scanWorkbook', pathToFileURL(join(dir, 'missing.xlsx')).href);
    assert.ok(r.error);
    assert.match(r.message, /^Cannot read the workbook missing\.xlsx: /);
  });

  it('scanWorkbook publishes one diagnostic per finding on its cell, naming it, masked', async () => {
    const r = await run('sdguard.server.scanWorkbook', bookUri);
    assert.equal(r.error, undefined, r.message);
    assert.deepEqual([r.findings, r.cells, r.sheets, r.published], [4, 4, 1, 4]);
    assert.equal(r.message, 'payroll.xlsx: 4 sensitive value(s) in 4 cell(s).');
    const diagnostics: Diagnostic[] = await client.diagnostics(bookUri, (d) => d.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]),
      [
        ['cn-resident-id', 1, 1, 1, 2],
        ['bank-card', 1, 2, 1, 3],
        ['cn-mobile', 1, 3, 1, 4],
        ['cn-resident-id', 2, 1, 2, 2],
      ],
    );
    const first = diagnostics[0];
    assert.equal(first.message, `Sheet1!B2: Resident identity card number: ${ids[0][0]}${'*'.repeat(16)}${ids[0][17]} (confidence high)`);
    assert.equal(first.source, 'sdguard');
    assert.equal(first.severity, DiagnosticSeverity.Error);
    assert.match(first.codeDescription!.href, /docs\/rules\/cn-resident-id\.md$/);
    for (const d of diagnostics) for (const raw of raws) assert.ok(!messageOf(d).includes(raw), 'raw value in a diagnostic');
    assert.ok(readFileSync(book).equals(original));
  });

  it('scanWorkbook keeps to sdguard.maxDiagnostics, with one notice for the rest', async () => {
    client.settings = { ...client.settings, maxDiagnostics: 2 };
    const r = await run('sdguard.server.scanWorkbook', bookUri);
    assert.deepEqual([r.findings, r.published], [4, 3]);
    const diagnostics = await client.diagnostics(bookUri, (d) => d.length > 0);
    assert.equal(diagnostics.length, 3);
    assert.equal(diagnostics[2].code, 'sdguard-more');
    assert.match(messageOf(diagnostics[2]), /^2 more sensitive value\(s\) in this workbook/);
  });

  it('exportRedactedWorkbook writes NAME.redacted.xlsx beside it with nothing left to find; the original is untouched', async () => {
    const r = await run('sdguard.server.exportRedactedWorkbook', bookUri);
    assert.equal(r.error, undefined, r.message);
    const output = join(dir, 'payroll.redacted.xlsx');
    assert.equal(r.output, output);
    assert.equal(r.outputUri, pathToFileURL(output).href);
    assert.deepEqual([r.findings, r.cells, r.sheets], [4, 4, 1]);
    assert.equal(r.message, `Wrote ${output}: 4 value(s) masked in 4 cell(s).`);
    assert.ok(readFileSync(book).equals(original), 'the original workbook changed');
    const xml = xlsxText(readFileSync(output));
    for (const raw of raws) assert.ok(!xml.includes(raw), 'raw value in the redacted copy');
    // The copy scanned again: nothing, and its diagnostics say so.
    const again = await run('sdguard.server.scanWorkbook', r.outputUri!);
    assert.deepEqual([again.findings, again.published], [0, 0]);
    assert.equal(again.message, 'payroll.redacted.xlsx: no sensitive values found.');
    assert.deepEqual(await client.diagnostics(r.outputUri!), []);
    // Exporting again replaces the previous copy.
    writeFileSync(output, 'stale');
    const twice = await run('sdguard.server.exportRedactedWorkbook', bookUri);
    assert.equal(twice.output, output);
    assert.ok(xlsxText(readFileSync(output)).includes('<sheetData>'));
  });

  it('a corrupt workbook or a URI that is no file gives an error result, and the server goes on', async () => {
    const bad = join(dir, 'broken.xlsx');
    writeFileSync(bad, 'PK\u0003\u0004 not a workbook');
    const r = await run('sdguard.server.exportRedactedWorkbook', pathToFileURL(bad).href);
    assert.ok(r.error);
    assert.match(r.message, /^Cannot read the workbook broken\.xlsx: /);
    assert.ok(!existsSync(join(dir, 'broken.redacted.xlsx')));
    const untitled = await run('sdguard.server.scanWorkbook', 'untitled:Untitled-1');
    assert.ok(untitled.error);
    const ok = await run('sdguard.server.scanWorkbook', bookUri);
    assert.equal(ok.findings, 4);
  });

  it('a sheet named by an ID: its name is a finding on the first cell, and every message names the sheet masked', async () => {
    const named = join(dir, 'per-person.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet(`张三${ids[1]}`).addRow(['手机号', mobile]);
    await wb.xlsx.writeFile(named);
    const uri = pathToFileURL(named).href;
    const r = await run('sdguard.server.scanWorkbook', uri);
    assert.deepEqual([r.findings, r.cells], [2, 1]);
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    const sheet = `张三${ids[1][0]}${'*'.repeat(16)}${ids[1][17]}`;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, messageOf(d).split(': ')[0]]),
      [
        ['cn-resident-id', 0, 0, `'${sheet}' (the sheet's name)`],
        ['cn-mobile', 0, 1, `'${sheet}'!B1`],
      ],
    );
    const exported = await run('sdguard.server.exportRedactedWorkbook', uri);
    assert.equal(exported.error, undefined, exported.message);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(exported.output!);
    assert.deepEqual(copy.worksheets.map((w) => w.name), [sheet.replace(/\*/g, '＊')]);
    for (const text of [...diagnostics.map(messageOf), r.message, exported.message, xlsxText(readFileSync(exported.output!))]) for (const raw of raws) assert.ok(!text.includes(raw), 'raw value shown');
  });

  it('a value in a note or the document\'s properties: a diagnostic on the note\'s cell (or the first cell), saying where; the export replaces it there', async () => {
    const noted = join(dir, 'noted.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.title = `工资表 ${ids[0]}`;
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['姓名', '备注']);
    ws.addRow(['张三', '见批注']);
    ws.getCell('B2').note = `银行卡 ${card}`;
    await wb.xlsx.writeFile(noted);
    const uri = pathToFileURL(noted).href;
    const r = await run('sdguard.server.scanWorkbook', uri);
    // No cell holds a value: the note and the title are not cells.
    assert.deepEqual([r.findings, r.cells], [2, 0]);
    assert.equal(r.message, 'noted.xlsx: 2 sensitive value(s), in 0 cell(s) and 2 other place(s) (sheet names, formulas, data validation messages, comments, hyperlinks, headers and footers, text boxes and charts, defined names, linked workbooks\', pivot tables\' and charts\' cached data, document properties).');
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, messageOf(d).split(': ')[0]]),
      [
        ['bank-card', 1, 1, 'Sheet1!B2 (a comment)'],
        ['cn-resident-id', 0, 0, 'the document property Title'],
      ],
    );
    const exported = await run('sdguard.server.exportRedactedWorkbook', uri);
    assert.equal(exported.error, undefined, exported.message);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(exported.output!);
    assert.equal(copy.getWorksheet('Sheet1')!.getCell('B2').note, `银行卡 ${card.slice(0, 6)}${'*'.repeat(9)}${card.slice(15)}`);
    for (const text of [...diagnostics.map(messageOf), r.message, exported.message, xlsxText(readFileSync(exported.output!))]) for (const raw of raws) assert.ok(!text.includes(raw), 'raw value shown');
  });

  it('a data model it cannot read: a warning on the first cell and in the message, the findings as usual; the export refuses it', async () => {
    const modelled = join(dir, 'modelled.xlsx');
    writeFileSync(modelled, zipOf([...xlsxParts(original), ['xl/model/item.data', Buffer.from([0x00, 0x9f, 0x42, 0x17])]]));
    const uri = pathToFileURL(modelled).href;
    const r = await run('sdguard.server.scanWorkbook', uri);
    assert.deepEqual([r.findings, r.published], [4, 5]);
    const unread = 'xl/model/item.data is a data model (tables loaded by Power Pivot or Power Query, kept compressed): its values cannot be read, so they were not scanned, and redact leaves the workbook unchanged';
    assert.equal(r.message, `modelled.xlsx: 4 sensitive value(s) in 4 cell(s). ${unread}`);
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    assert.deepEqual([diagnostics[0].code, diagnostics[0].severity, diagnostics[0].range.start.line, diagnostics[0].message], ['xlsx-unread', DiagnosticSeverity.Warning, 0, unread]);
    assert.deepEqual(diagnostics.slice(1).map((d) => d.code), ['cn-resident-id', 'bank-card', 'cn-mobile', 'cn-resident-id']);
    const exported = await run('sdguard.server.exportRedactedWorkbook', uri);
    assert.ok(exported.error);
    assert.match(exported.message, /^modelled\.xlsx: the workbook holds a data model \(xl\/model\/item\.data: /);
    assert.ok(!existsSync(join(dir, 'modelled.redacted.xlsx')));
  });

  it('speaks Chinese to a zh-CN client', async () => {
    await client.dispose();
    client = new TestLspClient();
    await client.initialize('zh-cn');
    const r = await run('sdguard.server.scanWorkbook', bookUri);
    assert.equal(r.message, 'payroll.xlsx：4 个单元格中有 4 处敏感信息。');
    // A zip bomb's refusal too (its directory claims 600 MiB of shared strings).
    const bomb = join(dir, 'bomb.xlsx');
    writeFileSync(bomb, zipOf([...xlsxParts(original)], { claimedSizes: { 'xl/sharedStrings.xml': 600 * 2 ** 20 } }));
    const refused = await run('sdguard.server.scanWorkbook', pathToFileURL(bomb).href);
    assert.ok(refused.error);
    assert.match(refused.message, /bomb\.xlsx.*xl\/sharedStrings\.xml 解压后有 600 MiB，超过此部分可占用内存的上限 512 MiB；未读取此工作簿/);
    const diagnostics = await client.diagnostics(bookUri, (d) => d.length > 0);
    assert.match(messageOf(diagnostics[0]), /^Sheet1!B2：居民身份证号码：\d\*{16}[\dX]（置信度：高）$/);
  });
});
