import { strict as assert } from 'node:assert';
import { nonOverlapping } from '../../server/src/engine/redact/operators';
import { findingPlace } from '../../server/src/xlsx/cells';
import { headerFooterFindings } from '../../server/src/xlsx/outsideCells';
import type { CellFinding } from '../../server/src/xlsx/sheetScan';
import { redactWorkbookStream } from '../../server/src/xlsx/streamRedact';
import { streamWorkbook } from '../../server/src/xlsx/streamWorkbook';
import { builtinEngine } from '../support/engine';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';
import { xlsxParts, xlsxText } from '../support/xlsxParts';
import { zipOf } from '../support/zipWriter';
import { DML, MAIN, PKG, REL, T } from '../support/ooxml';

const engine = builtinEngine();
const rng = makeRng(20261124);
const ids = Array.from({ length: 5 }, () => synthResidentId(rng));
const mobiles = Array.from({ length: 4 }, () => synthMobile(rng));
const card = synthBankCard(rng, 'unionpay', { length: 19 });
// In a hyperlink's address and tooltip, a defined name's constant, a text box and a chart's title.
const [linked, tipped, named, boxed, charted] = [synthResidentId(rng), synthMobile(rng), synthResidentId(rng), synthMobile(rng), synthResidentId(rng)];
// In a linked workbook's cells as this one keeps them: a card as text, a mobile as a number.
const [cachedCard, cachedMobile] = [synthBankCard(rng, 'unionpay', { length: 19 }), synthMobile(rng)];
// In a data validation's input message (an example typed for whoever fills the sheet in).
const prompted = synthResidentId(rng);
// In a picture's alternative text (a photo of an ID card, described), and in a text box drawn on the chart itself.
const [pictured, annotated] = [synthResidentId(rng), synthMobile(rng)];
const raws = [...ids, ...mobiles, card, linked, tipped, named, boxed, charted, cachedCard, cachedMobile, prompted, pictured, annotated];


/**
 * A workbook whose values are all outside its cells' values: in a formula's text (the cached
 * result shows none), a data validation's list, a hyperlink, the header, a note (an ID split
 * across rich text runs, with a phonetic guide) and a threaded comment, a text box and a chart's
 * title, a defined name, a linked workbook's cells kept in this one, and the document's properties
 * (core, extended, custom). The extended properties list the sheets' names, which are not read again.
 */
function workbook(): Buffer {
  const sheet = `<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>是否本人</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="str"><f>IF(C2="${ids[0]}","是","否")</f><v>否</v></c><c r="C2"><f>A2*${mobiles[3]}</f><v>0</v></c></row>
</sheetData><dataValidations count="1"><dataValidation type="list" sqref="D2:D20 F2" showInputMessage="1" promptTitle="身份证号" prompt="请填写 18 位号码，例如 ${prompted}"><formula1>"${card},现金"</formula1></dataValidation></dataValidations>
<hyperlinks><hyperlink ref="A2" r:id="h1" tooltip="致电 ${tipped}"/><hyperlink ref="A1" location="工资!A1"/></hyperlinks>
<headerFooter><oddHeader>&amp;L&amp;"宋体,加粗"制表 ${mobiles[0]}&amp;R第 &amp;P 页</oddHeader><oddFooter>&amp;C 审核人身份证 ${ids[1]}</oddFooter></headerFooter></worksheet>`;
  return zipOf([
    ['[Content_Types].xml', `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${T('sheet.main')}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${T('worksheet')}"/><Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="${T('externalLink')}"/></Types>`],
    ['_rels/.rels', `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="r2" Type="${PKG}/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="r3" Type="${REL}/extended-properties" Target="docProps/app.xml"/><Relationship Id="r4" Type="${REL}/custom-properties" Target="docProps/custom.xml"/></Relationships>`],
    ['docProps/core.xml', `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>工资表 ${ids[2]}</dc:title><dc:creator>张三 ${mobiles[1]}</dc:creator><dc:subject></dc:subject><dcterms:created>2026-11-24T00:00:00Z</dcterms:created></cp:coreProperties>`],
    ['docProps/app.xml', `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>工资</vt:lpstr></vt:vector></TitlesOfParts><Company>某某代理记账 ${mobiles[2]}</Company></Properties>`],
    ['docProps/custom.xml', `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="法人 ${ids[3]}"><vt:lpwstr>见附件</vt:lpwstr></property></Properties>`],
    ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="工资" sheetId="1" r:id="r1"/></sheets><externalReferences><externalReference r:id="r9"/></externalReferences><definedNames><definedName name="审核人">"${named}"</definedName><definedName name="_xlnm.Print_Area" localSheetId="0">工资!$A$1:$D$20</definedName></definedNames></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r9" Type="${REL}/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>`],
    // VLOOKUP over a staff list in another workbook keeps the cells it read: a card as text, a mobile as a number, an amount.
    ['xl/externalLinks/externalLink1.xml', `<externalLink xmlns="${MAIN}" xmlns:r="${REL}"><externalBook r:id="rId1"><sheetNames><sheetName val="员工"/><sheetName val="部门"/></sheetNames><sheetDataSet><sheetData sheetId="0"/><sheetData sheetId="1"><row r="2"><cell r="A2" t="str"><v>${cachedCard}</v></cell><cell r="B2"><v>${cachedMobile}</v></cell><cell r="C2"><v>8500.5</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`],
    ['xl/externalLinks/_rels/externalLink1.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/externalLinkPath" Target="file:///C:/HR/%E5%91%98%E5%B7%A5%E4%BF%A1%E6%81%AF.xlsx" TargetMode="External"/></Relationships>`],
    ['xl/worksheets/sheet1.xml', sheet],
    ['xl/worksheets/_rels/sheet1.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="h1" Type="${REL}/hyperlink" Target="https://hr.example/staff?id=${linked}&amp;tab=1" TargetMode="External"/><Relationship Id="c1" Type="${REL}/comments" Target="../comments1.xml"/><Relationship Id="d1" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/><Relationship Id="c2" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>`],
    ['xl/drawings/drawing1.xml', `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${DML}"><xdr:oneCellAnchor><xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="1" cy="1"/><xdr:sp><xdr:txBody><a:bodyPr/><a:p><a:r><a:rPr b="1"/><a:t>制表人电话 </a:t></a:r><a:r><a:t>${boxed}</a:t></a:r></a:p><a:p><a:r><a:t>仅供内部使用</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:oneCellAnchor><xdr:oneCellAnchor><xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="1" cy="1"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="3" name="图片 2" descr="身份证正面 ${pictured}"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill/><xdr:spPr/></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>`],
    ['xl/drawings/_rels/drawing1.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="g1" Type="${REL}/chart" Target="../charts/chart1.xml"/></Relationships>`],
    // The chart's title names an employee; its cached category is a copy of A2 (caches: xlsxChartCache.test.ts).
    ['xl/charts/_rels/chart1.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="u1" Type="${REL}/chartUserShapes" Target="../drawings/drawing2.xml"/></Relationships>`],
    ['xl/drawings/drawing2.xml', `<c:userShapes xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:cdr="http://schemas.openxmlformats.org/drawingml/2006/chartDrawing" xmlns:a="${DML}"><cdr:relSizeAnchor><cdr:from><cdr:x>0.1</cdr:x><cdr:y>0.1</cdr:y></cdr:from><cdr:to><cdr:x>0.4</cdr:x><cdr:y>0.2</cdr:y></cdr:to><cdr:sp><cdr:nvSpPr><cdr:cNvPr id="2" name="文本框 1"/><cdr:cNvSpPr txBox="1"/></cdr:nvSpPr><cdr:spPr/><cdr:txBody><a:bodyPr/><a:p><a:r><a:t>核对人电话 ${annotated}</a:t></a:r></a:p></cdr:txBody></cdr:sp></cdr:relSizeAnchor></c:userShapes>`],
    ['xl/charts/chart1.xml', `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="${DML}"><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>员工 ${charted} 工资</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:barChart><c:ser><c:cat><c:strRef><c:f>工资!$A$2</c:f><c:strCache><c:pt idx="0"><c:v>张三</c:v></c:pt></c:strCache></c:strRef></c:cat></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>`],
    ['xl/comments1.xml', `<comments xmlns="${MAIN}"><authors><author>HR</author></authors><commentList><comment ref="A2" authorId="0"><text><r><rPr><b/></rPr><t>HR:</t></r><r><t xml:space="preserve"> 身份证 ${ids[4].slice(0, 6)}</t></r><r><t>${ids[4].slice(6)}</t></r><rPh sb="0" eb="1"><t>${mobiles[2]}</t></rPh></text></comment></commentList></comments>`],
    ['xl/threadedComments/threadedComment1.xml', `<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="B2" dT="2026-11-24T09:00:00.00" personId="{0}" id="{1}"><text>请核对手机 ${mobiles[0]}</text></threadedComment></ThreadedComments>`],
  ]);
}

const found = async (book: Buffer, min: 'low' | 'medium' = 'medium') => {
  const out: { f: CellFinding; sheet: number }[] = [];
  await streamWorkbook(book, engine, min, (f, _cell, sheet) => out.push({ f, sheet }));
  return out;
};

describe('XLSX: values outside cells\' values (formulas, lists, links, headers, comments, drawings, names, document properties)', () => {
  it('finds each, placed and named where it is, in the order of the sheets then the properties; no raw value shown', async () => {
    const list = await found(workbook());
    assert.deepEqual(
      list.map(({ f, sheet }) => [sheet, f.within, f.ref, f.row, f.column, f.ruleId, findingPlace(f, 'en')]),
      [
        [0, 'formula', '工资!B2', 2, 2, 'cn-resident-id', '工资!B2 (in its formula)'],
        // The list's input message, then the list itself.
        [0, 'validationMessage', '工资!D2', 2, 4, 'cn-resident-id', "工资!D2 (its data validation's input message or error alert)"],
        // The list applies to D2:D20 and F2: placed on D2.
        [0, 'formula', '工资!D2', 2, 4, 'bank-card', '工资!D2 (in its formula)'],
        // The link's address, then its tooltip.
        [0, 'hyperlink', '工资!A2', 2, 1, 'cn-resident-id', '工资!A2 (its hyperlink)'],
        [0, 'hyperlink', '工资!A2', 2, 1, 'cn-mobile', '工资!A2 (its hyperlink)'],
        [0, 'headerFooter', '工资', 1, 1, 'cn-mobile', '工资 (the header or footer)'],
        [0, 'headerFooter', '工资', 1, 1, 'cn-resident-id', '工资 (the header or footer)'],
        // The ID split across runs is read whole; the phonetic guide is not the comment's text.
        [0, 'comment', '工资!A2', 2, 1, 'cn-resident-id', '工资!A2 (a comment)'],
        [0, 'comment', '工资!B2', 2, 2, 'cn-mobile', '工资!B2 (a comment)'],
        [0, 'drawing', '工资', 1, 1, 'cn-mobile', '工资 (a text box, shape, picture or chart)'],
        // The picture's alternative text.
        [0, 'drawing', '工资', 1, 1, 'cn-resident-id', '工资 (a text box, shape, picture or chart)'],
        [0, 'drawing', '工资', 1, 1, 'cn-resident-id', '工资 (a text box, shape, picture or chart)'],
        // A text box drawn on the chart.
        [0, 'drawing', '工资', 1, 1, 'cn-mobile', '工资 (a text box, shape, picture or chart)'],
        [-1, 'definedName', '审核人', 1, 1, 'cn-resident-id', 'the defined name 审核人'],
        // The linked workbook's cells, named as a formula names them (the file's name decoded); the amount is nothing.
        [-1, 'externalLink', "'[员工信息.xlsx]部门'!A2", 1, 1, 'bank-card', "'[员工信息.xlsx]部门'!A2 (a linked workbook's cell, cached in this one)"],
        [-1, 'externalLink', "'[员工信息.xlsx]部门'!B2", 1, 1, 'cn-mobile', "'[员工信息.xlsx]部门'!B2 (a linked workbook's cell, cached in this one)"],
        [-1, 'property', 'title', 1, 1, 'cn-resident-id', 'the document property Title'],
        [-1, 'property', 'creator', 1, 1, 'cn-mobile', 'the document property Author'],
        [-1, 'property', 'Company', 1, 1, 'cn-mobile', 'the document property Company'],
        // A custom property's name holds the ID: shown masked wherever the property is named.
        [-1, 'property', `法人 ${ids[3][0]}${'*'.repeat(16)}${ids[3][17]}`, 1, 1, 'cn-resident-id', `the document property 法人 ${ids[3][0]}${'*'.repeat(16)}${ids[3][17]}`],
      ],
    );
    const placeIn = (within: string) => findingPlace(list.find(({ f }) => f.within === within)!.f, 'zh-CN');
    assert.deepEqual(
      ['property', 'comment', 'hyperlink', 'definedName', 'formula', 'headerFooter', 'drawing', 'externalLink', 'validationMessage'].map(placeIn),
      ['文档属性“标题”', '工资!A2（批注）', '工资!A2（超链接）', '名称“审核人”', '工资!B2（公式中）', '工资（页眉或页脚）', '工资（文本框、形状、图片或图表）', "'[员工信息.xlsx]部门'!A2（外部链接工作簿的缓存值）", '工资!D2（数据验证的输入信息或出错警告）'],
    );
    const shown = JSON.stringify(list.map(({ f }) => f));
    for (const raw of raws) assert.ok(!shown.includes(raw), `raw value #${raws.indexOf(raw)} shown`);
    // A number in a formula (C2's) is left alone, whatever the confidence.
    assert.ok(!(await found(workbook(), 'low')).some(({ f }) => f.ref === '工资!C2'));
  });

  it('a header\'s codes are not read as part of a value; `&&` is a plain ampersand', () => {
    const mobile = mobiles[0];
    for (const text of [`&L${mobile}`, `&"Arial,Bold"${mobile}&R&P`, `&B&I${mobile}&&`]) {
      assert.deepEqual(headerFooterFindings(engine, text, 'low').map((f) => text.slice(f.start, f.end)), [mobile], text);
    }
  });

  for (const operator of ['mask', 'redact'] as const) {
    it(`a redaction (${operator}) replaces each where it is written, leaves the formula working, and the copy holds none`, async () => {
      const book = workbook();
      const r = await redactWorkbookStream(book, engine, { minConfidence: 'medium', redact: { operator, lang: 'zh-CN' }, select: (l) => nonOverlapping(l) });
      assert.equal(r.replaced, 20);
      // No cell's value changed: every value was elsewhere.
      assert.equal(r.cells, 0);
      assert.deepEqual(r.residual, []);
      const text = xlsxText(r.bytes!);
      for (const raw of raws.filter((v) => v !== mobiles[3])) assert.ok(!text.includes(raw), `raw value #${raws.indexOf(raw)} left`);
      const parts = xlsxParts(r.bytes!);
      const sheet = parts.get('xl/worksheets/sheet1.xml')!;
      // The formula stays, with its text replaced; its result and the number formula are as they were.
      const literal = operator === 'mask' ? `${ids[0][0]}${'*'.repeat(16)}${ids[0][17]}` : '[身份证号]';
      assert.ok(sheet.includes(`<f>IF(C2="${literal}","是","否")</f><v>否</v>`), sheet);
      assert.ok(sheet.includes(`<f>A2*${mobiles[3]}</f>`));
      assert.ok(parts.get('docProps/custom.xml')!.includes('<vt:lpwstr>见附件</vt:lpwstr>'));
      // The link still opens its page, with the ID replaced; the print area is as it was.
      assert.ok(parts.get('xl/worksheets/_rels/sheet1.xml.rels')!.includes(`Target="https://hr.example/staff?id=${operator === 'mask' ? `${linked[0]}${'*'.repeat(16)}${linked[17]}` : '[身份证号]'}&amp;tab=1"`));
      assert.ok(parts.get('xl/workbook.xml')!.includes('工资!$A$1:$D$20</definedName>'));
      // The note's ID spanned two runs: replaced as the note reads; a mask keeps the runs (and the bold author).
      const note = parts.get('xl/comments1.xml')!;
      const noteText = operator === 'mask' ? `<r><rPr><b/></rPr><t xml:space="preserve">HR:</t></r><r><t xml:space="preserve"> 身份证 ${ids[4][0]}*****</t></r>` : `<t xml:space="preserve">HR: 身份证 [身份证号]</t>`;
      assert.ok(note.includes(noteText), note);
      // The linked workbook's cells: each value replaced, a number's cell made a text cell (a number holds no placeholder); the amount as it was.
      const cached = parts.get('xl/externalLinks/externalLink1.xml')!;
      const replaced = (v: string, label: string) => (operator === 'mask' ? `${v.slice(0, v.length === 11 ? 3 : 6)}${'*'.repeat(v.length - (v.length === 11 ? 7 : 10))}${v.slice(-4)}` : label);
      assert.ok(cached.includes(`<cell r="A2" t="str"><v>${replaced(cachedCard, '[银行卡号]')}</v></cell><cell r="B2" t="str"><v>${replaced(cachedMobile, '[手机号]')}</v></cell><cell r="C2"><v>8500.5</v></cell>`), cached);
      // What is left to find in the copy: nothing at all.
      assert.deepEqual(await found(r.bytes!), []);
    });
  }
});
