import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { scanFile, type ReportedFinding } from '../../server/src/cli/scanFile';
import { cellRef, columnName, renderNumber } from '../../server/src/xlsx/cells';
import { isWorkbookPath, loadXlsx } from '../../server/src/xlsx/load';
import { readWorkbook } from '../support/exceljsReading';
import { redactedPath, redactWorkbookFile } from '../../server/src/xlsx/redactWorkbook';
import { streamWorkbook } from '../../server/src/xlsx/streamWorkbook';
import type { CellFinding } from '../../server/src/xlsx/sheetScan';
import { builtinEngine } from '../support/engine';
import { xlsxText } from '../support/xlsxParts';
import { digitsOnlyId, makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';
import { synthBankAccount } from '../support/synthCn';

/** Every finding of the workbook, and its number of sheets. */
async function scanWorkbookFile(source: string, engine: ReturnType<typeof builtinEngine>, minConfidence: 'low' | 'medium'): Promise<{ findings: CellFinding[]; sheets: number }> {
  const findings: CellFinding[] = [];
  const { sheets } = await streamWorkbook(source, engine, minConfidence, (f) => findings.push(f));
  return { findings, sheets };
}

describe('XLSX workbooks', () => {
  describe('cells', () => {
    it('renders numbers as Excel shows them: 15 significant digits, zeros after', () => {
      assert.deepEqual(renderNumber(110105199003071234), { text: '110105199003071000', numeric: true, mangled: true });
      assert.deepEqual(renderNumber(6222021234567890123), { text: '6222021234567890000', numeric: true, mangled: true });
      assert.deepEqual(renderNumber(1e15), { text: '1000000000000000', numeric: true, mangled: true });
      assert.deepEqual(renderNumber(13800138000), { text: '13800138000', numeric: true, mangled: false });
      assert.deepEqual(renderNumber(110105199003071), { text: '110105199003071', numeric: true, mangled: false });
      assert.equal(renderNumber(0.1 + 0.2).text, '0.3');
      assert.equal(renderNumber(-1234.5).text, '-1234.5');
      assert.equal(renderNumber(1.2345678901234567e25).text, '1.23456789012346E+25');
    });

    it('names cells as Excel formulas do, quoting sheet names that need it', () => {
      assert.deepEqual([1, 3, 26, 27, 52, 703, 16384].map(columnName), ['A', 'C', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
      assert.equal(cellRef('Sheet1', 'C5'), 'Sheet1!C5');
      assert.equal(cellRef('工资表', 'B2'), '工资表!B2');
      assert.equal(cellRef('My Sheet', 'C5'), "'My Sheet'!C5");
      assert.equal(cellRef("O'Brien", 'A1'), "'O''Brien'!A1");
      assert.equal(cellRef('2024', 'A1'), "'2024'!A1");
      assert.equal(cellRef('AB12', 'A1'), "'AB12'!A1");
    });

    it('knows a workbook path, and leaves out the lock files Excel writes beside open workbooks', () => {
      assert.ok(isWorkbookPath('/data/payroll.xlsx'));
      assert.ok(isWorkbookPath('C:\\data\\PAYROLL.XLSX'));
      assert.ok(!isWorkbookPath('/data/~$payroll.xlsx'));
      assert.ok(!isWorkbookPath('/data/payroll.xls'));
      assert.ok(!isWorkbookPath('/data/payroll.csv'));
    });
  });

  describe('scanning and redacting a workbook written with exceljs', () => {
    const rng = makeRng(20251123);
    const engine = builtinEngine();
    const ids = [synthResidentId(rng), synthResidentId(rng), synthResidentId(rng)];
    const cards = [synthBankCard(rng, 'unionpay', { length: 19 }), synthBankCard(rng, 'visa', { length: 16 })];
    const mobiles = [synthMobile(rng), synthMobile(rng)];
    const accounts = [synthBankAccount(rng, { length: 19 }), synthBankAccount(rng, { length: 17 }), synthBankAccount(rng, { length: 20 })];
    const numericId = digitsOnlyId(rng);
    const labelled = synthResidentId(rng);
    const richId = synthResidentId(rng);
    const linkedCard = synthBankCard(rng, 'unionpay', { length: 16 });
    const formulaId = synthResidentId(rng);
    // Everything reported at medium (the bare account number in E9 is not: see below).
    const raws = [...ids, ...cards, ...mobiles, accounts[0], accounts[1], numericId, labelled, richId, linkedCard, formulaId];
    let dir: string;
    let book: string;
    let original: Buffer;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'sdguard-xlsx-'));
      book = join(dir, 'payroll.xlsx');
      const wb = new ExcelJS.Workbook();
      const pay = wb.addWorksheet('工资表');
      // A title merged across the table, then the header row, then the data.
      pay.getCell('A1').value = '2025年11月工资表';
      pay.mergeCells('A1:F1');
      pay.addRow(['姓名', '身份证号', '银行卡号', '手机号', '对公账号', '金额']);
      pay.getRow(2).font = { bold: true };
      pay.addRow(['张三', ids[0], cards[0], mobiles[0], accounts[0], 8000.5]);
      pay.addRow(['李四', ids[1], cards[1], Number(mobiles[1]), accounts[1], 1234567890123456]);
      // An 18-digit ID stored as a number: Excel has already cut it to 15 significant digits.
      pay.addRow(['王五', Number(numericId), '', '', '', 1]);
      pay.getColumn(2).width = 24;
      const form = wb.addWorksheet('My Sheet');
      // A two-column form: the label sits in the cell to the left; no header names the column.
      form.getCell('B2').value = '备注';
      form.getCell('C2').value = 'nothing here';
      form.getCell('B3').value = '身份证号';
      form.getCell('C3').value = labelled;
      form.getCell('B4').value = '开户账号';
      form.getCell('C4').value = { richText: [{ text: 'ID ', font: { italic: true } }, { text: richId.slice(0, 6), font: { bold: true } }, { text: richId.slice(6) }] };
      form.getCell('C5').value = { text: linkedCard, hyperlink: `https://bank.example/cards/${linkedCard}` };
      form.getCell('C6').value = { formula: 'TRIM(C3)', result: formulaId };
      form.getCell('B7').value = '对公账号';
      form.getCell('C7').value = accounts[1];
      // A long account number with no label or header: context-only, not reported.
      form.getCell('E9').value = accounts[2];
      await wb.xlsx.writeFile(book);
      original = readFileSync(book);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('reports each finding with its sheet, row, column and reference', async () => {
      const scan = await scanWorkbookFile(book, engine, 'medium');
      assert.equal(scan.sheets, 2);
      const got = scan.findings.map((f) => `${f.ref}${f.within ? ` (${f.within})` : ''} ${f.ruleId} ${f.confidence}`);
      assert.deepEqual(got, [
        '工资表!B3 cn-resident-id high',
        '工资表!C3 bank-card high',
        '工资表!D3 cn-mobile high',
        '工资表!E3 cn-bank-account medium',
        '工资表!B4 cn-resident-id high',
        '工资表!C4 bank-card high',
        '工资表!D4 cn-mobile high',
        '工资表!E4 cn-bank-account medium',
        '工资表!B5 excel-mangled high',
        "'My Sheet'!C3 cn-resident-id high",
        "'My Sheet'!C4 cn-resident-id high",
        "'My Sheet'!C5 bank-card high",
        "'My Sheet'!C6 cn-resident-id high",
        "'My Sheet'!C7 cn-bank-account medium",
        // C5's card is in its link's address too: a second place it is written.
        "'My Sheet'!C5 (hyperlink) bank-card high",
      ]);
      const b3 = scan.findings[0];
      assert.deepEqual([b3.sheet, b3.row, b3.column, b3.address, b3.header, b3.start, b3.end], ['工资表', 3, 2, 'B3', '身份证号', 0, 18]);
      assert.equal(b3.masked, `${ids[0][0]}${'*'.repeat(16)}${ids[0][17]}`);
      // In rich text the offsets are in the joined text of the runs.
      const rich = scan.findings.find((f) => f.ref === "'My Sheet'!C4")!;
      assert.deepEqual([rich.start, rich.end], [3, 21]);
      // The mangled number is shown as Excel keeps it, and masked.
      const mangled = scan.findings.find((f) => f.ruleId === 'excel-mangled')!;
      assert.equal(mangled.masked, `${numericId[0]}${'*'.repeat(14)}000`);
      for (const f of scan.findings) for (const raw of raws) assert.ok(!f.masked.includes(raw));
    });

    it('gives the column header and the label to the left the weight a CSV header has', async () => {
      const { sheets } = await readWorkbook(book);
      const scan = (await scanWorkbookFile(book, engine, 'low')).findings;
      const at = (ref: string) => scan.filter((f) => f.ref === ref).map((f) => `${f.ruleId} ${f.confidence}`);
      // An account number (a context-only type) is medium under its header (对公账号 column) or
      // after its label (the cell to its left), low in a bare cell.
      assert.deepEqual(at('工资表!E3'), ['cn-bank-account medium']);
      assert.deepEqual(at("'My Sheet'!C7"), ['cn-bank-account medium']);
      assert.deepEqual(at("'My Sheet'!E9"), ['cn-bank-account low']);
      // The merged title's other cells are not read again.
      assert.equal(sheets[0].cells.filter((c) => c.row === 1).length, 1);
      // An amount of 16 digits under 金额 is no damaged ID.
      assert.ok(!scan.some((f) => f.ref === '工资表!F4' && f.confidence !== 'low'));
    });

    it('writes NAME.redacted.xlsx with every value masked, the rest unchanged, and never touches the original', async () => {
      const out = await redactWorkbookFile(book, engine, { minConfidence: 'medium' });
      assert.equal(out.output, join(dir, 'payroll.redacted.xlsx'));
      assert.equal(out.output, redactedPath(book));
      // The 14 cells' values, and C5's link.
      assert.equal(out.findings, 15);
      assert.equal(out.elsewhere, 1);
      assert.equal(out.cells, 14);
      assert.ok(readFileSync(book).equals(original), 'the original workbook changed');

      // Nothing left to find in the copy, at any confidence that was masked.
      const again = await scanWorkbookFile(out.output, engine, 'medium');
      assert.deepEqual(again.findings.map((f) => f.ref), []);
      const bytes = readFileSync(out.output);
      // In the XML of every part of the copy (shared strings, sheets…), not only in its cells.
      const xml = xlsxText(bytes);
      assert.ok(xml.includes('张三') && xml.includes('<sheetData>'), 'the parts were read');
      for (const raw of raws) assert.ok(!xml.includes(raw), `a raw value is left in the copy (#${raws.indexOf(raw)})`);
      assert.ok(!xml.includes(numericId.slice(0, 15)), 'the digits Excel kept of the mangled ID are masked too');
      assert.ok(!xml.includes('TRIM(C3)'), 'a formula whose result was masked is replaced by the masked value');
      assert.ok(raws.some((raw) => xlsxText(original).includes(raw)), 'the original holds them (the check above can see them)');

      // Same sheets, rows and columns; other cells, merges, styles and widths as they were.
      const before = new ExcelJS.Workbook();
      await before.xlsx.load(original as never);
      const after = new ExcelJS.Workbook();
      await after.xlsx.load(bytes as never);
      assert.deepEqual(
        after.worksheets.map((s) => [s.name, s.rowCount, s.columnCount]),
        before.worksheets.map((s) => [s.name, s.rowCount, s.columnCount]),
      );
      const pay = after.getWorksheet('工资表')!;
      assert.equal(pay.getCell('A3').value, '张三');
      assert.equal(pay.getCell('F3').value, 8000.5);
      assert.equal(pay.getCell('B3').value, `${ids[0][0]}${'*'.repeat(16)}${ids[0][17]}`);
      assert.equal(pay.getCell('B5').value, `${numericId[0]}${'*'.repeat(14)}000`, 'a mangled number becomes masked text');
      assert.equal(pay.getCell('B2').font?.bold, true);
      assert.equal(pay.getColumn(2).width, 24);
      assert.ok(pay.getCell('B1').isMerged);
      const form = after.getWorksheet('My Sheet')!;
      const rich = form.getCell('C4').value as ExcelJS.CellRichTextValue;
      assert.deepEqual(
        rich.richText.map((r) => [r.text.length, !!r.font?.bold]),
        [
          [3, false],
          [6, true],
          [12, false],
        ],
        'rich text keeps its runs',
      );
      const link = form.getCell('C5').value as ExcelJS.CellHyperlinkValue;
      assert.ok(!link.hyperlink.includes(linkedCard) && link.hyperlink.startsWith('https://bank.example/cards/'));
      assert.equal(form.getCell('C2').value, 'nothing here');
      assert.equal(form.getCell('E9').value, accounts[2], 'a value nobody reported stays');

      // A second export replaces the first copy; the original can never be the target.
      writeFileSync(out.output, 'stale');
      const twice = await redactWorkbookFile(book, engine, { minConfidence: 'medium' });
      assert.equal(twice.output, out.output);
      assert.notEqual(readFileSync(out.output, 'utf8'), 'stale');
      await assert.rejects(redactWorkbookFile(book, engine, { minConfidence: 'medium', output: book }), /refusing to overwrite the original/);
      assert.ok(readFileSync(book).equals(original));
    });

    it('goes through the lazy loader and scanFile from the sources (as under tsx)', async () => {
      assert.equal(typeof loadXlsx().streamWorkbook, 'function');
      const items: ReportedFinding[] = [];
      const pending = scanFile(book, 'payroll.xlsx', engine, { minConfidence: 'medium', lang: 'en', detail: true }, (f) => items.push(f));
      assert.ok(pending instanceof Promise, 'a workbook is scanned asynchronously');
      const result = await pending;
      assert.equal(result.status, 'scanned');
      assert.equal(result.counts['cn-resident-id'], 5);
      assert.equal(result.counts['excel-mangled'], 1);
      const first = items[0];
      assert.deepEqual([first.cell, first.sheet, first.line, first.column, first.endLine, first.endColumn, first.header], ['工资表!B3', '工资表', 3, 2, 3, 3, '身份证号']);
    });

    it('a corrupt workbook is an error result naming it, not an exception', async () => {
      const bad = join(dir, 'broken.xlsx');
      writeFileSync(bad, 'PK\u0003\u0004 not really a zip');
      await assert.rejects(scanWorkbookFile(bad, engine, 'medium'));
      const result = await scanFile(bad, 'broken.xlsx', engine, { minConfidence: 'medium', lang: 'en', detail: true }, () => assert.fail('no findings expected'));
      assert.equal(result.status, 'error');
      assert.equal(result.path, 'broken.xlsx');
      assert.match(result.message!, /cannot read the workbook/);
      assert.ok(!existsSync(redactedPath(bad)));
      await assert.rejects(redactWorkbookFile(bad, engine, { minConfidence: 'medium' }));
      assert.ok(!existsSync(redactedPath(bad)), 'no copy of a workbook that could not be read');
    });
  });
});
