import { strict as assert } from 'node:assert';
import { nonOverlapping } from '../../server/src/engine/redact/operators';
import { findingPlace, renderNumber } from '../../server/src/xlsx/cells';
import { sourceRange } from '../../server/src/xlsx/chartCacheScan';
import { redactWorkbookStream } from '../../server/src/xlsx/streamRedact';
import { builtinEngine } from '../support/engine';
import { digitsOnlyId, makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';
import { xlsxParts, xlsxText } from '../support/xlsxParts';
import { zipOf } from '../support/zipWriter';
import { MAIN, PKG, REL } from '../support/ooxml';
import { workbookFindings } from '../support/workbookFindings';

const engine = builtinEngine();
const rng = makeRng(20261124);
// In the sheet and the first chart: ids[0..1], mobiles[0..1]. Only in the charts: a row deleted
// from the sheet since the chart was drawn (ids[2], mobiles[2]), and ids[3] in a chartEx part.
const ids = Array.from({ length: 4 }, () => synthResidentId(rng));
const mobiles = Array.from({ length: 3 }, () => synthMobile(rng));
// In a chart on a chart sheet, whose source sheet is gone: a card as a typed series name, another
// in a two-level category, and an ID typed as a number (Excel kept 15 digits; cached in full).
const cards = [synthBankCard(rng, 'unionpay', { length: 19 }), synthBankCard(rng, 'unionpay', { length: 16 })];
const numericId = digitsOnlyId(rng);
// The chart sheet's chart's title, and a text box drawn on that chart: read as a worksheet's chart's are.
const titled = synthMobile(rng);
const noted = synthResidentId(rng);
const cachedNumber = String(Number(numericId));
const raws = [...ids, ...mobiles, ...cards, cachedNumber, renderNumber(Number(numericId)).text, titled, noted];

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const CX = 'http://schemas.microsoft.com/office/drawing/2014/chartex';
const T = (type: string) => `application/vnd.openxmlformats-officedocument.${type}+xml`;

const strCache = (values: string[]) => `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('')}</c:strCache>`;
const numCache = (values: string[]) => `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('')}</c:numCache>`;

/** A payroll sheet with a chart of pay by ID and by mobile; a chart sheet's chart of a deleted sheet; a chartEx part. */
function workbook(): Buffer {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const sheet = `<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>
<row r="1">${cell('A1', '姓名')}${cell('B1', '身份证号')}${cell('C1', '手机')}${cell('D1', '工资')}</row>
<row r="2">${cell('A2', '张三')}${cell('B2', ids[0])}<c r="C2"><v>${mobiles[0]}</v></c><c r="D2"><v>8500</v></c></row>
<row r="3">${cell('A3', '李四')}${cell('B3', ids[1])}<c r="C3"><v>${mobiles[1]}</v></c><c r="D3"><v>9000</v></c></row>
</sheetData><drawing r:id="d1"/></worksheet>`;
  const series = (k: number, cat: string) => `<c:ser><c:idx val="${k}"/><c:order val="${k}"/><c:tx><c:strRef><c:f>工资!$D$1</c:f>${strCache(['工资'])}</c:strRef></c:tx><c:cat>${cat}</c:cat><c:val><c:numRef><c:f>工资!$D$2:$D$4</c:f>${numCache(['8500', '9000', '7000'])}</c:numRef></c:val></c:ser>`;
  const chart1 = `<c:chartSpace xmlns:c="${C}"><c:chart><c:plotArea><c:barChart><c:barDir val="col"/>${series(0, `<c:strRef><c:f>工资!$B$2:$B$4</c:f>${strCache(ids.slice(0, 3))}</c:strRef>`)}${series(1, `<c:numRef><c:f>工资!$C$2:$C$4</c:f>${numCache(mobiles)}</c:numRef>`)}</c:barChart></c:plotArea></c:chart></c:chartSpace>`;
  const multi = `<c:multiLvlStrRef><c:f>'明细 表'!$A$2:$B$3</c:f><c:multiLvlStrCache><c:ptCount val="2"/><c:lvl><c:pt idx="0"><c:v>工资卡</c:v></c:pt><c:pt idx="1"><c:v>${cards[1]}</c:v></c:pt></c:lvl><c:lvl><c:pt idx="0"><c:v>王五</c:v></c:pt><c:pt idx="1"><c:v>赵六</c:v></c:pt></c:lvl></c:multiLvlStrCache></c:multiLvlStrRef>`;
  const chart2 = `<c:chartSpace xmlns:c="${C}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>联系 ${titled}</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:lineChart><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${cards[0]}</c:v></c:tx><c:cat>${multi}</c:cat><c:val><c:numRef><c:f>'明细 表'!$C$2:$C$3</c:f>${numCache([cachedNumber, '12'])}</c:numRef></c:val></c:ser></c:lineChart></c:plotArea></c:chart></c:chartSpace>`;
  const chartEx = `<cx:chartSpace xmlns:cx="${CX}"><cx:chartData><cx:data id="0"><cx:strDim type="cat"><cx:f>工资!$B$2:$B$5</cx:f><cx:lvl ptCount="4"><cx:pt idx="0">${ids[0]}</cx:pt><cx:pt idx="3">${ids[3]}</cx:pt></cx:lvl></cx:strDim><cx:numDim type="val"><cx:f>工资!$D$2:$D$5</cx:f><cx:lvl ptCount="4" formatCode="General"><cx:pt idx="0">8500</cx:pt><cx:pt idx="3">6000</cx:pt></cx:lvl></cx:numDim></cx:data></cx:chartData><cx:chart><cx:plotArea><cx:plotAreaRegion><cx:series layoutId="treemap"><cx:dataId val="0"/></cx:series></cx:plotAreaRegion></cx:plotArea></cx:chart></cx:chartSpace>`;
  const drawing = `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}"><xdr:twoCellAnchor><xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" r:id="c1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
  return zipOf([
    ['[Content_Types].xml', `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${T('spreadsheetml.sheet.main')}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${T('spreadsheetml.worksheet')}"/><Override PartName="/xl/chartsheets/sheet1.xml" ContentType="${T('spreadsheetml.chartsheet')}"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="${T('drawing')}"/><Override PartName="/xl/drawings/drawing2.xml" ContentType="${T('drawing')}"/><Override PartName="/xl/charts/chart1.xml" ContentType="${T('drawingml.chart')}"/><Override PartName="/xl/charts/chart2.xml" ContentType="${T('drawingml.chart')}"/><Override PartName="/xl/charts/chartEx1.xml" ContentType="application/vnd.ms-office.chartex+xml"/></Types>`],
    ['_rels/.rels', `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="工资" sheetId="1" r:id="r1"/><sheet name="图表" sheetId="2" r:id="r2"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r2" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`],
    ['xl/worksheets/sheet1.xml', sheet],
    ['xl/worksheets/_rels/sheet1.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="d1" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`],
    ['xl/drawings/drawing1.xml', drawing],
    ['xl/drawings/_rels/drawing1.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="c1" Type="${REL}/chart" Target="../charts/chart1.xml"/></Relationships>`],
    ['xl/chartsheets/sheet1.xml', `<chartsheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="d2"/></chartsheet>`],
    ['xl/chartsheets/_rels/sheet1.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="d2" Type="${REL}/drawing" Target="../drawings/drawing2.xml"/></Relationships>`],
    ['xl/drawings/drawing2.xml', drawing.replace('r:id="c1"', 'r:id="c2"')],
    ['xl/drawings/_rels/drawing2.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="c2" Type="${REL}/chart" Target="../charts/chart2.xml"/></Relationships>`],
    ['xl/charts/chart1.xml', chart1],
    ['xl/charts/chart2.xml', chart2],
    ['xl/charts/_rels/chart2.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="u1" Type="${REL}/chartUserShapes" Target="../drawings/drawing3.xml"/></Relationships>`],
    ['xl/drawings/drawing3.xml', `<c:userShapes xmlns:c="${C}" xmlns:cdr="http://schemas.openxmlformats.org/drawingml/2006/chartDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><cdr:relSizeAnchor><cdr:from><cdr:x>0.1</cdr:x><cdr:y>0.1</cdr:y></cdr:from><cdr:to><cdr:x>0.4</cdr:x><cdr:y>0.2</cdr:y></cdr:to><cdr:sp><cdr:nvSpPr><cdr:cNvPr id="2" name="文本框 1"/><cdr:cNvSpPr txBox="1"/></cdr:nvSpPr><cdr:spPr/><cdr:txBody><a:bodyPr/><a:p><a:r><a:t>经办人身份证 ${noted}</a:t></a:r></a:p></cdr:txBody></cdr:sp></cdr:relSizeAnchor></c:userShapes>`],
    ['xl/charts/chartEx1.xml', chartEx],
    // A chart's style holds no data: nothing read there.
    ['xl/charts/style1.xml', `<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" id="201"/>`],
  ]);
}

describe("XLSX: a chart's cache (its copy of the cells it draws)", () => {
  it('finds each value no cell holds, at the source cell it was copied from: a deleted row\'s, a gone sheet\'s, a typed name\'s, a chartEx part\'s', async () => {
    const all = await workbookFindings(workbook());
    // The cells' values, once each: their copies in the chart are not reported again.
    assert.deepEqual(all.filter((f) => !f.within).map((f) => f.ref), ['工资!B2', '工资!C2', '工资!B3', '工资!C3']);
    const list = all.filter((f) => f.within === 'chartCache');
    assert.deepEqual(
      list.map((f) => [f.ref, f.ruleId, findingPlace(f, 'en')]),
      [
        // Categories: the row deleted from the sheet since the chart was drawn, as text and as a number.
        ['工资!B4', 'cn-resident-id', "工资!B4 (a chart's cached copy of its data)"],
        ['工资!C4', 'cn-mobile', "工资!C4 (a chart's cached copy of its data)"],
        // A series' name typed in the chart: the chart sheet it is drawn on.
        ['图表', 'bank-card', "图表 (a chart's cached copy of its data)"],
        // The innermost level of two is the range's last column.
        ["'明细 表'!B3", 'bank-card', "'明细 表'!B3 (a chart's cached copy of its data)"],
        // A number of more digits than Excel keeps: damaged, as in a cell.
        ["'明细 表'!C2", 'excel-mangled', "'明细 表'!C2 (a chart's cached copy of its data)"],
        ['工资!B5', 'cn-resident-id', "工资!B5 (a chart's cached copy of its data)"],
      ],
    );
    // The chart sheet's chart's title and the text box drawn on it, as a worksheet's chart's are read (with its drawings).
    assert.deepEqual(
      all.filter((f) => f.within === 'drawing').map((f) => [f.ref, f.ruleId, findingPlace(f, 'en')]),
      [
        ['图表', 'cn-mobile', '图表 (a text box, shape, picture or chart)'],
        ['图表', 'cn-resident-id', '图表 (a text box, shape, picture or chart)'],
      ],
    );
    // The values' series name is their header.
    assert.equal(list[4].header, undefined);
    assert.equal(findingPlace(list[0], 'zh-CN'), '工资!B4（图表缓存的数据副本）');
    const shown = JSON.stringify(list);
    for (const raw of raws) assert.ok(!shown.includes(raw), `raw value #${raws.indexOf(raw)} shown`);
  });

  it('reads a source range as a sheet and corners, quoted or not, and nothing else', () => {
    assert.deepEqual(sourceRange('工资!$B$2:$B$9'), { sheet: '工资', top: 2, left: 2, bottom: 9, right: 2 });
    assert.deepEqual(sourceRange("'O''Brien 表'!A1"), { sheet: "O'Brien 表", top: 1, left: 1, bottom: 1, right: 1 });
    assert.deepEqual(sourceRange('[1]明细!$C$5:$A$2'), { sheet: '[1]明细', top: 2, left: 1, bottom: 5, right: 3 });
    for (const ref of ['(工资!$B$2,工资!$B$4)', '销售额', '工资!$B:$B']) assert.equal(sourceRange(ref), undefined, ref);
  });

  for (const operator of ['mask', 'redact'] as const) {
    it(`a redaction (${operator}) replaces each cached text (the cells' copies too) and drops each cached number replaced`, async () => {
      const r = await redactWorkbookStream(workbook(), engine, { minConfidence: 'medium', redact: { operator, lang: 'zh-CN' }, select: (l) => nonOverlapping(l) });
      assert.deepEqual(r.residual, []);
      const text = xlsxText(r.bytes!);
      for (const raw of raws) assert.ok(!text.includes(raw), `raw value #${raws.indexOf(raw)} left`);
      const parts = xlsxParts(r.bytes!);
      const chart1 = parts.get('xl/charts/chart1.xml')!;
      const id = (k: number) => (operator === 'mask' ? `${ids[k][0]}${'*'.repeat(16)}${ids[k][17]}` : '[身份证号]');
      assert.ok(chart1.includes(strCache([id(0), id(1), id(2)])), chart1);
      // The mobiles' number cache keeps its count and format, without the points; the pay is as it was.
      assert.ok(chart1.includes('<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/></c:numCache>'), chart1);
      assert.equal(chart1.split(numCache(['8500', '9000', '7000'])).length, 3);
      for (const [v] of chart1.matchAll(/<c:numCache>.*?<\/c:numCache>/g)) for (const [, n] of v.matchAll(/<c:v>([^<]*)<\/c:v>/g)) assert.ok(Number.isFinite(Number(n)), n);
      const chart2 = parts.get('xl/charts/chart2.xml')!;
      assert.ok(chart2.includes(`<c:f>'明细 表'!$C$2:$C$3</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="2"/><c:pt idx="1"><c:v>12</c:v></c:pt></c:numCache>`), chart2);
      const chartEx = parts.get('xl/charts/chartEx1.xml')!;
      assert.ok(chartEx.includes(`<cx:pt idx="0">${id(0)}</cx:pt><cx:pt idx="3">${id(3)}</cx:pt>`), chartEx);
      assert.ok(chartEx.includes('<cx:pt idx="0">8500</cx:pt><cx:pt idx="3">6000</cx:pt>'), chartEx);
      assert.deepEqual(await workbookFindings(r.bytes!), []);
    });
  }

  it('a chart with nothing to replace is copied byte for byte', async () => {
    const book = workbook();
    const r = await redactWorkbookStream(book, engine, { minConfidence: 'medium', redact: { operator: 'mask', lang: 'en' }, select: (l) => l.filter((f) => !f.within && f.ref === '工资!C2') });
    const before = xlsxParts(book);
    const after = xlsxParts(r.bytes!);
    // Only mobiles[0] is replaced: its point goes from the first chart; the others do not change at all.
    assert.equal(after.get('xl/charts/chart2.xml'), before.get('xl/charts/chart2.xml'));
    assert.equal(after.get('xl/charts/chartEx1.xml'), before.get('xl/charts/chartEx1.xml'));
    assert.equal(after.get('xl/charts/chart1.xml'), before.get('xl/charts/chart1.xml')!.replace(`<c:pt idx="0"><c:v>${mobiles[0]}</c:v></c:pt>`, ''));
  });
});
