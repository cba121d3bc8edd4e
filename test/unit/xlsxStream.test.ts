import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { WorkbookCell } from '../../server/src/xlsx/cells';
import { readWorkbook, scanSheets } from '../support/exceljsReading';
import { HEADER_SEARCH_ROWS } from '../../server/src/xlsx/sheetScan';
import { streamWorkbook } from '../../server/src/xlsx/streamWorkbook';
import { damageOf } from '../../server/src/xlsx/damage';
import { readSheetRows, ROW_CELL_LIMIT, ROW_TEXT_LIMIT } from '../../server/src/xlsx/stream/sheetRows';
import { TEXT_LIMIT } from '../../server/src/xlsx/stream/xml';
import { dateStyles, HELD_PART_LIMIT, isDateFormat, sharedStrings, workbookParts } from '../../server/src/xlsx/stream/workbookParts';
import { ZipParts } from '../../server/src/xlsx/stream/zipParts';
import { builtinEngine } from '../support/engine';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';
import { zipOf } from '../support/zipWriter';
import { REL } from '../support/ooxml';

const engine = builtinEngine();
const rng = makeRng(20261124);
const ids = Array.from({ length: 6 }, () => synthResidentId(rng));
const card = synthBankCard(rng, 'unionpay', { length: 19 });
const mobile = synthMobile(rng);

/** Every sheet's cells as the streaming reader gives them: sheet name → cells. */
async function streamedCells(source: string | Buffer): Promise<[string, WorkbookCell[]][]> {
  const zip = await ZipParts.open(source);
  try {
    const parts = await workbookParts(zip);
    const context = { strings: await sharedStrings(zip, parts.sharedStrings), dateStyles: await dateStyles(zip, parts.styles) };
    const out: [string, WorkbookCell[]][] = [];
    for (const sheet of parts.sheets) {
      const cells: WorkbookCell[] = [];
      // What exceljs's cells say too (not where the streaming reader found the text).
      await readSheetRows(zip, sheet.path, { ...context, sheet: sheet.name }, (row) => cells.push(...row.map(({ row, column, text, numeric, mangled }) => ({ row, column, text, numeric, mangled }))));
      out.push([sheet.name, cells]);
    }
    return out;
  } finally {
    zip.close();
  }
}

/** The same, as exceljs reads the workbook whole (what `redact` reads). */
async function exceljsCells(source: string | Buffer): Promise<[string, WorkbookCell[]][]> {
  const { sheets } = await readWorkbook(source);
  return sheets.map((s) => [s.name, s.cells]);
}

/** Findings of both readers, as comparable lines. */
async function bothFindings(source: string | Buffer): Promise<[string[], string[]]> {
  const line = (f: { ref: string; ruleId: string; confidence: string; start: number; end: number; masked: string; header?: string }) =>
    `${f.ref} ${f.ruleId} ${f.confidence} ${f.start}-${f.end} ${f.masked} ${f.header ?? ''}`;
  const streamed: string[] = [];
  // The cells' findings: exceljs reads nothing else (a shared string no cell shows, say).
  await streamWorkbook(source, engine, 'low', (f) => f.within === undefined && streamed.push(line(f)));
  const whole = scanSheets((await readWorkbook(source)).sheets, engine, 'low').map(line);
  return [streamed, whole];
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
// The tabs: 名单 first although its sheetId is 2, and its part is named with an absolute target.
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets><sheet name="名单" sheetId="2" r:id="rId2"/><sheet name="Data &amp; more" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
// Style 1: built-in date (14); 2: a custom date format; 3: a custom number format with a quoted "d";
// 4: the East Asian built-in date 31, which exceljs reads as a number.
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0&quot;d&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="31" applyNumberFormat="1"/></cellXfs></styleSheet>`;
// 0 姓名, 1 身份证号, 2 a rich-text ID with a phonetic guide, 3 手机号, 4 an ID with entities around it.
const SHARED = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5"><si><t>姓名</t></si><si><t>身份证号</t></si><si><r><rPr><b/></rPr><t>${ids[0].slice(0, 6)}</t></r><r><t xml:space="preserve">${ids[0].slice(6)}</t></r><rPh sb="0" eb="1"><t>シメイ</t></rPh></si><si><t>手机号</t></si><si><t>&lt;id&gt; ${ids[1]} &amp; more</t></si></sst>`;
// Sheet 1: a header, shared and inline strings, formulas, dates, booleans, errors, a tab and a
// line break inside a cell, a number Excel has cut.
const SHEET1 = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F9"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="s"><v>2</v></c><c r="C2"><v>${mobile}</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><r><t>李</t></r><r><t>四</t></r></is></c><c r="B3" t="s"><v>4</v></c><c r="C3" t="str"><f>TRIM(X3)</f><v>${ids[2]}</v></c></row>
<row r="4"><c r="A4" t="str"><v>王五</v></c><c r="B4" t="str"><f>A9</f><v>${ids[3]}</v></c><c r="C4"><f>A1*1</f><v>13800000000</v></c></row>
<row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5" t="e"><v>#N/A</v></c><c r="C5" s="1"><v>45000</v></c><c r="D5" s="2"><v>45001</v></c><c r="E5" s="3"><v>45002</v></c><c r="F5" t="d"><v>2024-01-02T00:00:00</v></c></row>
<row r="6"><c r="A6" t="inlineStr"><is><t>赵六</t></is></c><c r="B6" t="inlineStr"><is><t>${ids[4]}</t></is></c></row>
<row r="7"><c r="A7" t="inlineStr"><is><t xml:space="preserve">tab	here
and a line "quoted"</t></is></c><c r="B7"><v>110105199003071234</v></c><c r="C7" t="inlineStr"><is><t></t></is></c><c r="D7"><v>1.5E+3</v></c></row>
<row r="9"><c r="A9" t="inlineStr"><is><t>卡号 ${card}</t></is></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="D7:E7"/></mergeCells></worksheet>`;
// Sheet 2: a title row above the header.
const SHEET2 = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>2025年名单</t></is></c></row>
<row r="3"><c r="B3" t="inlineStr"><is><t>姓名</t></is></c><c r="C3" t="inlineStr"><is><t>证件号码</t></is></c></row>
<row r="4"><c r="B4" t="inlineStr"><is><t>孙七</t></is></c><c r="C4" t="inlineStr"><is><t>${ids[5]}</t></is></c></row>
</sheetData></worksheet>`;

/** Sheet 1 with what exceljs cannot read: a phonetic guide in an inline string (exceljs drops every row from there on), cells without a reference (it throws), CDATA (it reads nothing). */
const odd = (xml: string) =>
  xml
    .replace('<t>卡号 ${card}</t>', `<t><![CDATA[卡号 ${card}]]></t>`)
    .replace('<r><t>四</t></r></is>', '<r><t>四</t></r><rPh><t>リ</t></rPh></is>').replace('<c r="A6" t=', '<c t=').replace('<c r="B6" t=', '<c t=');

/** Sheet 2 with prefixed element names, as some writers make them (exceljs cannot read those). */
const prefixed = (xml: string) => xml.replace(/<(\/?)(?!\?)([a-zA-Z]+)/g, '<$1x:$2').replace('xmlns=', 'xmlns:x=');

/** A workbook as Excel lays out its zip: sheets before the shared strings. */
function handWrittenParts(sheet1 = SHEET1, sheet2 = SHEET2, shared = SHARED): [string, string][] {
  return [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', WORKBOOK],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
    ['xl/worksheets/sheet1.xml', sheet1],
    ['xl/worksheets/sheet2.xml', sheet2],
    ['xl/styles.xml', STYLES],
    ['xl/sharedStrings.xml', shared],
  ];
}

function handWritten(sheet1 = SHEET1, sheet2 = SHEET2, claimedSizes?: Record<string, number>, shared = SHARED): Buffer {
  return zipOf(handWrittenParts(sheet1, sheet2, shared), { claimedSizes });
}

describe('XLSX: the streaming workbook reader', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'sdguard-xlsx-stream-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a hand-written workbook cell for cell as exceljs does (tab order, shared and inline strings, formulas, dates, booleans, errors)', async () => {
    const book = handWritten();
    const streamed = await streamedCells(book);
    assert.deepEqual(streamed, await exceljsCells(book));
    assert.deepEqual(streamed.map(([name]) => name), ['名单', 'Data & more']);
    const data = new Map(streamed[1][1].map((c) => [`${c.column},${c.row}`, c.text]));
    // The rich text joined without its phonetic guide; entities decoded.
    assert.equal(data.get('2,2'), ids[0]);
    assert.equal(data.get('1,3'), '李四');
    assert.equal(data.get('2,3'), `<id> ${ids[1]} & more`);
    assert.equal(data.get('1,9'), `卡号 ${card}`);
    // A formula's cached result; cells without a reference take the next column.
    assert.equal(data.get('3,3'), ids[2]);
    assert.equal(data.get('3,4'), '13800000000');
    assert.equal(data.get('2,6'), ids[4]);
    // Dates (built-in and custom formats), booleans, errors and empty strings say nothing; a
    // format with a quoted "d" is no date.
    for (const key of ['1,5', '2,5', '3,5', '4,5', '3,7']) assert.equal(data.get(key), undefined, key);
    assert.equal(data.get('5,5'), '45002');
    assert.equal(data.get('4,7'), '1500');
    const cut = streamed[1][1].find((c) => c.column === 2 && c.row === 7)!;
    assert.deepEqual([cut.text, cut.numeric, cut.mangled], ['110105199003071000', true, true]);
  });

  it('finds the same values as a scan of exceljs\'s reading, with the header and the label to the left', async () => {
    const [streamed, whole] = await bothFindings(handWritten());
    assert.deepEqual(streamed, whole);
    for (const ref of ["'Data & more'!B2 cn-resident-id", "'Data & more'!B3 cn-resident-id", "'Data & more'!C3 cn-resident-id", "'Data & more'!B4 cn-resident-id", "'Data & more'!B6 cn-resident-id", "'Data & more'!A9 bank-card", '名单!C4 cn-resident-id', "'Data & more'!B7 excel-mangled"]) {
      assert.ok(streamed.some((l) => l.startsWith(`${ref} `)), ref);
    }
    // The title row above 名单's table is passed over: the ID's header is 证件号码.
    assert.match(streamed.find((l) => l.startsWith('名单!C4'))!, /证件号码$/);
  });

  it('finds the same values as exceljs\'s reading in a large workbook written by exceljs, chunk after chunk', async function () {
    this.timeout(120000);
    const book = join(dir, 'large.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工资表');
    ws.getCell('A1').value = '2025年工资表';
    ws.mergeCells('A1:E1');
    ws.addRow(['姓名', '身份证号', '银行卡号', '手机号', '备注']);
    for (let i = 0; i < 6000; i++) {
      const note = i % 7 === 0 ? { richText: [{ text: '证件 ' }, { text: synthResidentId(rng) }] } : i % 11 === 0 ? { formula: 'B3', result: synthResidentId(rng) } : `第${i}行\t"备注"`;
      ws.addRow([`员工${i}`, synthResidentId(rng), synthBankCard(rng, 'unionpay', { length: 19 }), i % 3 ? synthMobile(rng) : Number(synthMobile(rng)), note]);
    }
    const other = wb.addWorksheet('Sheet2');
    for (let i = 1; i <= HEADER_SEARCH_ROWS + 5; i++) other.getCell(`A${i}`).value = i % 50 ? `line ${i}` : synthResidentId(rng);
    await wb.xlsx.writeFile(book);
    const [streamed, whole] = await bothFindings(book);
    assert.ok(streamed.length > 6000 * 3, String(streamed.length));
    assert.deepEqual(streamed, whole);
  });

  it('reads what exceljs cannot: prefixed element names, a phonetic guide in an inline string, cells without a reference', async () => {
    assert.deepEqual(await streamedCells(handWritten(odd(SHEET1), prefixed(SHEET2))), await streamedCells(handWritten()));
    await assert.rejects(exceljsCells(handWritten(SHEET1, prefixed(SHEET2))));
    // exceljs stops at the phonetic guide (and drops the rest of the sheet without a word), which
    // is why redaction no longer writes through it.
    const book = handWritten(odd(SHEET1).replace('<c t="inlineStr"><is><t>赵六', '<c r="A6" t="inlineStr"><is><t>赵六').replace('</c><c t="inlineStr">', '</c><c r="B6" t="inlineStr">'));
    const { sheets } = await readWorkbook(book);
    const read = sheets.reduce((n, s) => n + s.cells.length, 0);
    const cells = (await streamedCells(book)).reduce((n, [, c]) => n + c.length, 0);
    assert.ok(read < cells - 10, `${read} of ${cells}`);
  });

  it('agrees with exceljs on rows and cells out of order and on East Asian date styles', async () => {
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="4"><c r="B4" t="inlineStr"><is><t>${ids[1]}</t></is></c><c r="A4" t="inlineStr"><is><t>y</t></is></c></row><row r="3"><c r="C3"><v>5</v></c><c r="A3" s="4"><v>45000</v></c><c r="B3" t="inlineStr"><is><t>${ids[0]}</t></is></c></row></sheetData></worksheet>`;
    const book = handWritten(sheet);
    const data = (await streamedCells(book))[1][1];
    assert.deepEqual(data.map((c) => `${c.column},${c.row}`), ['1,1', '2,1', '1,4', '2,4', '1,3', '2,3', '3,3']);
    assert.equal(data[4].text, '45000');
    const [streamed, whole] = await bothFindings(book);
    assert.deepEqual(streamed.sort(), whole.sort());
    const found: string[] = [];
    await streamWorkbook(book, engine, 'low', (f) => found.push(`${f.ref} ${f.header}`));
    assert.deepEqual(found.filter((f) => f.includes('Data & more')), ["'Data & more'!B4 身份证号", "'Data & more'!B3 身份证号"]);
  });

  it('tells a date format from a number format as exceljs does', () => {
    assert.ok(isDateFormat('yyyy-mm-dd'));
    assert.ok(isDateFormat('yyyy"年"m"月"d"日"'));
    assert.ok(isDateFormat('[$-409]h:mm AM/PM'));
    assert.ok(!isDateFormat('0.00'));
    assert.ok(!isDateFormat('#,##0"d"'));
    assert.ok(!isDateFormat('[Red]0.00'));
  });

  it('a sheet whose XML breaks is an error naming the part and the place; the rows before it were scanned', async () => {
    const broken = SHEET1.replace('<row r="6">', '<row r="6"><c r="A6"><v>1</v></row>');
    const found: string[] = [];
    await assert.rejects(
      streamWorkbook(handWritten(broken), engine, 'low', (f) => found.push(f.ref)),
      (e: Error) => damageOf(e)?.kind === 'badXml' && /^xl\/worksheets\/sheet1\.xml is not well-formed XML: the workbook is damaged \(\d+:\d+: /.test(e.message),
    );
    assert.ok(found.includes("'Data & more'!B2"), found.join(' '));
    assert.ok(found.includes('名单!C4'), found.join(' '));
  });

  it('a sheet or the shared strings missing from the zip is an error naming them, after the sheets that are there were scanned', async () => {
    const without = (...names: string[]) => zipOf(handWrittenParts().filter(([name]) => !names.includes(name)));
    const found: string[] = [];
    // 名单 (sheet2.xml) is gone: Data & more is scanned all the same, then the loss is named.
    await assert.rejects(
      streamWorkbook(without('xl/worksheets/sheet2.xml'), engine, 'low', (f) => found.push(f.ref)),
      (e: Error) => damageOf(e)?.kind === 'missingSheet' && e.message === 'the workbook lists sheet 名单, but its part xl/worksheets/sheet2.xml is not in the file: the workbook is damaged',
    );
    assert.ok(found.includes("'Data & more'!B2"), found.join(' '));
    assert.ok(!found.some((f) => f.startsWith('名单')), found.join(' '));
    await assert.rejects(
      streamWorkbook(without('xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml'), engine, 'low', () => undefined),
      (e: Error) => e.message === 'the workbook lists sheet 名单, but its part xl/worksheets/sheet2.xml is not in the file (nor those of 1 more sheet(s)): the workbook is damaged',
    );
    // A sheet no relationship names; a chart sheet (another type) is no loss.
    const rels = WORKBOOK_RELS.replace(/<Relationship Id="rId1"[^>]*\/>/, `<Relationship Id="rId1" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/>`);
    const orphan = WORKBOOK.replace('</sheets>', '<sheet name="Extra" sheetId="3" r:id="rId9"/></sheets>');
    const parts = (replace: Record<string, string>) => zipOf(handWrittenParts().map(([name, text]) => [name, replace[name] ?? text]));
    await assert.rejects(streamWorkbook(parts({ 'xl/workbook.xml': orphan }), engine, 'low', () => undefined), (e: Error) => damageOf(e)?.kind === 'missingSheet' && /lists sheet Extra, but no part for it: the workbook is damaged$/.test(e.message));
    assert.equal((await streamWorkbook(parts({ 'xl/_rels/workbook.xml.rels': rels }), engine, 'low', () => undefined)).sheets, 1);
    // No shared strings: the text cells read as empty, so the numbers are all that is found.
    const numbers: string[] = [];
    await assert.rejects(
      streamWorkbook(without('xl/sharedStrings.xml'), engine, 'low', (f) => numbers.push(f.ref)),
      (e: Error) => damageOf(e)?.kind === 'missingPart' && /^the workbook has no part xl\/sharedStrings\.xml/.test(e.message),
    );
    assert.ok(numbers.length > 0 && numbers.length < found.length, numbers.join(' '));
  });

  it('a zip that is no workbook, or no zip at all, is an error that says so', async () => {
    await assert.rejects(streamWorkbook(zipOf([['hello.txt', 'hi']]), engine, 'low', () => undefined), (e) => damageOf(e)?.kind === 'missingPart' && /no part xl\/workbook\.xml/.test(String(e)));
    const notZip = join(dir, 'not.xlsx');
    writeFileSync(notZip, 'PK\u0003\u0004 no workbook');
    await assert.rejects(streamWorkbook(notZip, engine, 'low', () => undefined), (e) => damageOf(e)?.kind === 'notZip' && /not a zip archive.*central directory/i.test(String(e)));
    // A file that cannot be opened is not called damaged.
    await assert.rejects(streamWorkbook(join(dir, 'missing.xlsx'), engine, 'low', () => undefined), (e) => damageOf(e) === undefined && /ENOENT/.test(String(e)));
  });

  it('refuses a part held in memory that inflates beyond the limit, and any part that inflates beyond what the zip says (zip bombs)', async () => {
    const found: string[] = [];
    const collect = (f: { ruleId: string }) => found.push(f.ruleId);
    // The shared strings held whole: refused before a byte is inflated.
    const huge = handWritten(SHEET1, SHEET2, { 'xl/sharedStrings.xml': HELD_PART_LIMIT + 1 });
    await assert.rejects(streamWorkbook(huge, engine, 'low', collect), /^Error: xl\/sharedStrings\.xml inflates to 512 MiB, more than the 512 MiB this part may take in memory; the workbook is not read$/);
    assert.deepEqual(found, []);
    // A sheet streams, whatever its size: no limit, but it may not inflate to more than the zip says.
    const lying = handWritten(SHEET1, SHEET2, { 'xl/worksheets/sheet1.xml': 100 });
    await assert.rejects(streamWorkbook(lying, engine, 'low', collect), /^Error: xl\/worksheets\/sheet1\.xml inflates to more than the 100 bytes the zip's directory gives it \(a damaged zip, or a zip bomb\); the workbook is not read$/);
    // The first tab (sheet2.xml) was scanned before the second broke, as for any sheet that breaks.
    assert.ok(found.length > 0);
    assert.equal((await streamWorkbook(handWritten(SHEET1, SHEET2, { 'xl/worksheets/sheet1.xml': 2 ** 32 - 1 }), engine, 'low', () => undefined)).sheets, 2);
  });

  it('refuses a text too long for a cell, and a row too long or too wide to hold, naming where; a cell past Excel\'s limit but within ours is read', async () => {
    const tooLong = `holds more than ${TEXT_LIMIT.toLocaleString('en-US')} characters, far more than a cell can \\(Excel allows 32,767\\); the workbook is not read$`;
    const withRow = (cells: string) => handWritten(SHEET1.replace('</sheetData>', `<row r="10">${cells}</row></sheetData>`));
    const inline = (text: string, ref = '') => `<c${ref && ` r="${ref}"`} t="inlineStr"><is>${text}</is></c>`;
    const scan = (book: Buffer) => streamWorkbook(book, engine, 'low', () => undefined);
    const big = 'a'.repeat(TEXT_LIMIT + 1);
    // One text node (the parser holds it whole) and many runs (each short): the cell is named either way.
    await assert.rejects(scan(withRow(inline(`<t>${big}</t>`, 'B10'))), new RegExp(`^Error: cell 'Data & more'!B10 ${tooLong}`));
    const runs = Array.from({ length: 17 }, () => `<r><t>${'a'.repeat(2 ** 16)}</t></r>`).join('');
    await assert.rejects(scan(withRow(inline(runs, 'C10'))), new RegExp(`^Error: cell 'Data & more'!C10 ${tooLong}`));
    // Text outside any cell, gathered over more than one chunk (the parser is given a MiB at a time): its line.
    await assert.rejects(scan(handWritten(SHEET1.replace('<sheetData>', `<sheetData><!--${big}${big}-->`))), new RegExp(`^Error: xl/worksheets/sheet1\\.xml, line 2 ${tooLong}`));
    // A shared string of many runs, by its index.
    const shared = SHARED.replace('</sst>', `<si>${runs}</si></sst>`);
    await assert.rejects(scan(handWritten(SHEET1, SHEET2, undefined, shared)), new RegExp(`^Error: xl/sharedStrings\\.xml, shared string 5 ${tooLong}`));
    // Rows: more cells than a sheet has columns; more text in all than a row may hold.
    await assert.rejects(scan(withRow(inline('<t>x</t>').repeat(ROW_CELL_LIMIT + 1))), /^Error: row 10 of sheet "Data & more" has more than 16,384 cells, more than a sheet has columns; the workbook is not read$/);
    const cell = inline(`<t>${'a'.repeat(TEXT_LIMIT)}</t>`);
    await assert.rejects(scan(withRow(cell.repeat(ROW_TEXT_LIMIT / TEXT_LIMIT + 1))), /^Error: row 10 of sheet "Data & more" holds more than 16,777,216 characters in all; the workbook is not read$/);
    // At the limits, and a cell longer than Excel allows: read, and the ID at its end found.
    const found: string[] = [];
    await streamWorkbook(withRow(inline(`<t>${'a '.repeat(20_000)}${ids[5]}</t>`, 'A10') + cell.repeat(ROW_TEXT_LIMIT / TEXT_LIMIT - 1) + inline('<t>x</t>').repeat(ROW_CELL_LIMIT - 16)), engine, 'low', (f) => found.push(`${f.ref} ${f.ruleId}`));
    assert.ok(found.includes("'Data & more'!A10 cn-resident-id"), found.join(' '));
  });

  it('reads stored (uncompressed) parts too', async () => {
    const book = zipOf(
      [
        ['_rels/.rels', ROOT_RELS],
        ['xl/workbook.xml', WORKBOOK],
        ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
        ['xl/worksheets/sheet1.xml', SHEET1],
        ['xl/worksheets/sheet2.xml', SHEET2],
        ['xl/styles.xml', STYLES],
        ['xl/sharedStrings.xml', SHARED],
      ],
      { stored: true },
    );
    assert.deepEqual(await streamedCells(book), await streamedCells(handWritten()));
  });
});
