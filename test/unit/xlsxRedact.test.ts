import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { nonOverlapping } from '../../server/src/engine/redact/operators';
import { refusalMessage, refusalOf } from '../../server/src/xlsx/refusal';
import type { CellFinding } from '../../server/src/xlsx/sheetScan';
import { RawValues } from '../../server/src/xlsx/stream/rawValues';
import { redactWorkbookStream } from '../../server/src/xlsx/streamRedact';
import { streamWorkbook } from '../../server/src/xlsx/streamWorkbook';
import { builtinEngine } from '../support/engine';
import { makeRng, synthResidentId } from '../support/synth';
import { xlsxParts } from '../support/xlsxParts';
import { zipOf } from '../support/zipWriter';
import { MAIN, REL, T } from '../support/ooxml';

const engine = builtinEngine();
const rng = makeRng(20261125);
const ids = Array.from({ length: 4 }, () => synthResidentId(rng));
const masked = (id: string) => `${id[0]}${'*'.repeat(16)}${id[17]}`;


/**
 * A workbook with what a redaction must take care of: a formula whose result is an ID (and the
 * calcChain.xml that lists it), a shared string shown by two cells, a phonetic guide, prefixed
 * element names, a hyperlink and a comment holding a raw value.
 */
function workbook(sheetData: string, extra: [string, string][] = [], { clean = false } = {}): Buffer {
  // A clean workbook: no value in the comment, the link or the shared strings either.
  const comment = clean ? 'checked' : `was ${ids[1]} before`;
  const sharedId = clean ? '<t>李四</t>' : `<r><rPr><b/></rPr><t>${ids[0].slice(0, 6)}</t></r><r><t>${ids[0].slice(6)}</t></r>`;
  const person = clean ? 'li-si' : ids[1];
  return zipOf([
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${T('sheet.main')}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${T('worksheet')}"/><Override PartName="/xl/sharedStrings.xml" ContentType="${T('sharedStrings')}"/><Override PartName="/xl/calcChain.xml" ContentType="${T('calcChain')}"/><Override PartName="/xl/comments1.xml" ContentType="${T('comments')}"/></Types>`],
    ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}"><x:sheets><x:sheet name="工资表" sheetId="1" r:id="r1"/></x:sheets></x:workbook>`],
    ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="r3" Type="${REL}/calcChain" Target="calcChain.xml"/></Relationships>`],
    ['xl/worksheets/sheet1.xml', `<x:worksheet xmlns:x="${MAIN}" xmlns:r="${REL}"><x:sheetData>${sheetData}</x:sheetData><x:hyperlinks><x:hyperlink ref="B3" r:id="h1" display="${person}"/></x:hyperlinks></x:worksheet>`],
    ['xl/worksheets/_rels/sheet1.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="h1" Type="${REL}/hyperlink" Target="https://hr.example/people/${person}" TargetMode="External"/><Relationship Id="c1" Type="${REL}/comments" Target="../comments1.xml"/></Relationships>`],
    ['xl/sharedStrings.xml', `<sst xmlns="${MAIN}"><si><t>姓名</t></si><si><t>身份证号</t></si><si>${sharedId}</si><si><t>备注</t></si></sst>`],
    ['xl/calcChain.xml', `<calcChain xmlns="${MAIN}"><c r="B3" i="1"/></calcChain>`],
    ['xl/comments1.xml', `<comments xmlns="${MAIN}"><authors><author>HR</author></authors><commentList><comment ref="B3" authorId="0"><text><t>${comment}</t></text></comment></commentList></comments>`],
    ...extra,
  ]);
}

const SHEET = [
  `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>3</x:v></x:c></x:row>`,
  // The shared rich string (an ID) in two cells.
  `<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:r><x:t>山田</x:t></x:r><x:rPh sb="0" eb="2"><x:t>ヤマダ</x:t></x:rPh></x:is></x:c><x:c r="B2" t="s"><x:v>2</x:v></x:c><x:c r="C2" t="s"><x:v>2</x:v></x:c></x:row>`,
  `<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>李四</x:t></x:is></x:c><x:c r="B3" t="str"><x:f>TRIM(D3)</x:f><x:v>${ids[1]}</x:v></x:c></x:row>`,
  // No references: positions implied.
  `<x:row><x:c t="inlineStr"><x:is><x:t>王五</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>${ids[2]}</x:t></x:is></x:c></x:row>`,
].join('');

const mask = { minConfidence: 'medium' as const, redact: { operator: 'mask' as const, lang: 'en' as const }, select: (list: CellFinding[]) => nonOverlapping(list) };

describe('XLSX: the streaming redaction', () => {
  it('replaces each value where it is stored and wherever else it appears; keeps every row and part', async () => {
    const book = workbook(SHEET);
    const heard: CellFinding[] = [];
    const r = await redactWorkbookStream(book, engine, { ...mask, onReplaced: (f) => heard.push(f) });
    // B3's comment and hyperlink hold the value too: findings of their own.
    assert.deepEqual(heard.map((f) => (f.within ? `${f.ref} ${f.within}` : f.ref)).sort(), ['工资表!B2', '工资表!B3', '工资表!B3 comment', '工资表!B3 hyperlink', '工资表!B4', '工资表!C2']);
    assert.equal(r.replaced, heard.length);
    assert.equal(r.cells, 4);
    assert.deepEqual(r.residual, []);
    const parts = xlsxParts(r.bytes!);
    const all = [...parts.values()].join('\n');
    for (const id of ids.slice(0, 3)) assert.ok(!all.includes(id), `a raw value is left (#${ids.indexOf(id)})`);
    // The shared rich string rewritten once, its runs kept (the mask keeps the length).
    const sst = parts.get('xl/sharedStrings.xml')!;
    assert.ok(sst.includes(`<r><rPr><b/></rPr><t xml:space="preserve">${masked(ids[0]).slice(0, 6)}</t></r>`), sst);
    assert.ok(sst.includes('<si><t>姓名</t></si>') && sst.includes('<si><t>备注</t></si>'));
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    // The formula cell: its masked value, no formula; calcChain.xml goes, with what names it.
    assert.ok(sheet.includes(`<x:c r="B3" t="inlineStr"><x:is><x:t xml:space="preserve">${masked(ids[1])}</x:t></x:is></x:c>`), sheet);
    assert.ok(!sheet.includes('TRIM(D3)'));
    assert.ok(!parts.has('xl/calcChain.xml') && !all.includes('calcChain'));
    // A cell without a reference, found by position; the phonetic guide of a cell left alone is kept.
    assert.ok(sheet.includes(`<x:c t="inlineStr"><x:is><x:t xml:space="preserve">${masked(ids[2])}</x:t></x:is></x:c>`), sheet);
    assert.ok(sheet.includes('ヤマダ'));
    // The same value elsewhere: the hyperlink's text and target, the comment.
    assert.ok(sheet.includes(`display="${masked(ids[1])}"`));
    assert.ok(parts.get('xl/worksheets/_rels/sheet1.xml.rels')!.includes(`people/${masked(ids[1])}"`));
    assert.ok(parts.get('xl/comments1.xml')!.includes(`was ${masked(ids[1])} before`));
    // Every cell still read: the same cells, with nothing left to find.
    const cells = async (b: Buffer) => (await streamWorkbook(b, engine, 'low', () => undefined)).cells;
    assert.equal(await cells(r.bytes!), await cells(book));
  });

  it('plans without writing (a dry run), and leaves a workbook with nothing to replace alone', async () => {
    const planned = await redactWorkbookStream(workbook(SHEET), engine, { ...mask, planOnly: true });
    assert.equal(planned.replaced, 6);
    assert.equal(planned.bytes, undefined);
    const clean = await redactWorkbookStream(workbook(`<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>`, [], { clean: true }), engine, mask);
    assert.deepEqual([clean.replaced, clean.bytes], [0, undefined]);
  });

  it('a value standing as a number in a formula (a cell\'s, a conditional format\'s, a validation\'s, a defined name\'s) becomes its replacement in quotes: the formula still reads', async () => {
    const mobile = '13912345678';
    const sheet = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>手机 ${mobile}</t></is></c><c r="B1"><f>IF(C1=${mobile},"VIP","")</f><v>0</v></c></row></sheetData>`
      + `<conditionalFormatting sqref="C1:C9"><cfRule type="expression" priority="1"><formula>C1=${mobile}</formula></cfRule></conditionalFormatting>`
      + `<dataValidations count="1"><dataValidation type="whole" sqref="D1"><formula1>${mobile}</formula1></dataValidation></dataValidations></worksheet>`;
    const book = zipOf([
      ['[Content_Types].xml', `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${T('sheet.main')}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${T('worksheet')}"/></Types>`],
      ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
      ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="工资" sheetId="1" r:id="r1"/></sheets><definedNames><definedName name="客户">${mobile}</definedName></definedNames></workbook>`],
      ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
      ['xl/worksheets/sheet1.xml', sheet],
    ]);
    const r = await redactWorkbookStream(book, engine, mask);
    const parts = xlsxParts(r.bytes!);
    const copy = parts.get('xl/worksheets/sheet1.xml')!;
    assert.ok(copy.includes('<f>IF(C1="139****5678","VIP","")</f><v>0</v>'), copy);
    assert.ok(copy.includes('<formula>C1="139****5678"</formula>') && copy.includes('<formula1>"139****5678"</formula1>'), copy);
    assert.ok(parts.get('xl/workbook.xml')!.includes('<definedName name="客户">"139****5678"</definedName>'));
    assert.ok(![...parts.values()].some((p) => p.includes(mobile)));
  });

  it('refuses what it cannot replace safely: an embedded document, a data model, the first cell of a shared formula', async () => {
    const embedded = workbook(SHEET, [['xl/embeddings/oleObject1.bin', 'binary']]);
    await assert.rejects(redactWorkbookStream(embedded, engine, mask), (e) => refusalOf(e)?.reason === 'embeds' && refusalOf(e)?.where === 'xl/embeddings/oleObject1.bin');
    // Power Pivot's tables, compressed: a payroll loaded there would stay whole in the copy.
    for (const part of ['xl/model/item.data', 'xl/customData/item1.data']) {
      const model = workbook(SHEET, [[part, 'binary']]);
      await assert.rejects(redactWorkbookStream(model, engine, mask), (e) => refusalOf(e)?.reason === 'dataModel' && refusalOf(e)?.where === part);
    }
    assert.match(refusalMessage('zh-CN', { reason: 'dataModel', where: 'xl/model/item.data' }), /^工作簿包含数据模型（xl\/model\/item\.data：Power Pivot 或 Power Query 加载的表/);
    const shared = workbook(SHEET.replace('<x:f>TRIM(D3)</x:f>', '<x:f t="shared" ref="B3:B9" si="0">TRIM(D3)</x:f>'));
    await assert.rejects(redactWorkbookStream(shared, engine, mask), (e) => refusalOf(e)?.reason === 'sharedFormula' && refusalOf(e)?.where === 'B3');
  });
});

describe('XLSX: raw values replaced in other parts', () => {
  const raw = new RawValues();
  raw.add('110105194912310025', 'A&B');
  raw.add('13800000000', '138****0000');

  it('matches whole tokens only', () => {
    assert.equal(raw.replaceAll('x 13800000000, 913800000000 13800000000a 13800000000'), 'x 138****0000, 913800000000 13800000000a 138****0000');
    assert.equal(raw.countIn('id=110105194912310025&tel=13800000000'), 2);
  });

  it('in a formula: a value standing as a number becomes its replacement in quotes; in a text in quotes, quotes doubled; in a name or reference, as it is', () => {
    const quoted = new RawValues();
    quoted.add('13800000000', '138****0000');
    quoted.add('110105194912310025', '[ID "A"]');
    assert.equal(quoted.replaceInFormula('IF(C1=13800000000,"VIP","")'), 'IF(C1="138****0000","VIP","")');
    assert.equal(quoted.replaceInFormula('COUNTIF(C:C,13800000000)+13800000000'), 'COUNTIF(C:C,"138****0000")+"138****0000"');
    assert.equal(quoted.replaceInFormula('IF(B2="110105194912310025",1,0)'), 'IF(B2="[ID ""A""]",1,0)');
    // A sheet's name (quoted or not) and a defined name are names: the sheet is renamed (renameSheets), not quoted.
    assert.equal(quoted.replaceInFormula("'张三 13800000000'!B2+张三13800000000!B2"), "'张三 138****0000'!B2+张三138****0000!B2");
    // A quote left open loses nothing.
    assert.equal(quoted.replaceInFormula('A1&"13800000000'), 'A1&"138****0000');
    // Part of a longer number or of a name: not this value. A decimal that begins with it is a number holding it.
    assert.equal(quoted.replaceInFormula('913800000000+x13800000000+13800000000.5'), '913800000000+x13800000000+"138****0000.5"');
  });

  it('finds values across chunks, and escapes a replacement for XML', async () => {
    const text = `<t>${'x'.repeat(5)} 110105194912310025</t><t>13800000000</t>`;
    // One byte at a time: every value crosses a chunk boundary.
    const chunks = [...Buffer.from(text)].map((b) => Buffer.from([b]));
    let found = 0;
    const out: Buffer[] = [];
    for await (const c of Readable.from(chunks).pipe(raw.replaceStream((n) => (found += n)))) out.push(c as Buffer);
    assert.equal(Buffer.concat(out).toString(), `<t>${'x'.repeat(5)} A&amp;B</t><t>138****0000</t>`);
    assert.equal(found, 2);
  });
});
