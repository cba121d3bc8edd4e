import { strict as assert } from 'node:assert';
import { nonOverlapping } from '../../server/src/engine/redact/operators';
import { findingPlace } from '../../server/src/xlsx/cells';
import { markupBlanked } from '../../server/src/xlsx/stream/otherParts';
import { XmlTokenizer } from '../../server/src/xlsx/stream/xmlTokenizer';
import { redactWorkbookStream } from '../../server/src/xlsx/streamRedact';
import { streamWorkbook } from '../../server/src/xlsx/streamWorkbook';
import { builtinEngine } from '../support/engine';
import { MAIN, oneSheetBook, PKG, REL } from '../support/ooxml';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';
import { workbookFindings } from '../support/workbookFindings';
import { xlsxParts, xlsxText } from '../support/xlsxParts';
import { zipOf } from '../support/zipWriter';
import { assertNoRaw } from '../support/noRaw';

const engine = builtinEngine();
const rng = makeRng(20261124);
// In a cell, and copied into custom XML; a table's totals label; a pivot table's caption; custom
// XML's own; a scenario's value for a cell, and its comment.
const [inCell, totals, caption, custom, scenario] = [synthResidentId(rng), synthResidentId(rng), synthResidentId(rng), synthResidentId(rng), synthResidentId(rng)];
const card = synthBankCard(rng, 'unionpay', { length: 19 });
const mobile = synthMobile(rng);
const raws = [inCell, totals, caption, custom, scenario, card, mobile];

function workbook(claimedSizes?: Record<string, number>): Buffer {
  const sheet = `<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>${inCell}</t></is></c></row>
</sheetData>
<scenarios current="0" show="0"><scenario name="调薪" count="1" user="hr" comment="联系 ${mobile}"><inputCells r="B2" val="${scenario}"/></scenario></scenarios>
<tableParts count="1"><tablePart r:id="t1"/></tableParts></worksheet>`;
  const table = `<table xmlns="${MAIN}" id="1" name="员工" displayName="员工" ref="A1:B3" totalsRowCount="1"><autoFilter ref="A1:B2"/><tableColumns count="2"><tableColumn id="1" name="姓名" totalsRowLabel="身份证 ${totals}"/><tableColumn id="2" name="身份证号"/></tableColumns></table>`;
  const pivot = `<pivotTableDefinition xmlns="${MAIN}" name="透视表1" cacheId="1" dataCaption="值"><location ref="D1:E3" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="1"><pivotField axis="axisRow" showAll="0"><items count="2"><item n="${caption}" x="0"/><item t="default"/></items></pivotField></pivotFields></pivotTableDefinition>`;
  return zipOf([
    ...oneSheetBook({ others: [['/xl/tables/table1.xml', 'table'], ['/xl/pivotTables/pivotTable1.xml', 'pivotTable']] }),
    ['xl/worksheets/sheet1.xml', sheet],
    ['xl/worksheets/_rels/sheet1.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="t1" Type="${REL}/table" Target="../tables/table1.xml"/></Relationships>`],
    ['xl/tables/table1.xml', table],
    ['xl/pivotTables/pivotTable1.xml', pivot],
    ['customXml/item1.xml', `<?xml version="1.0" encoding="UTF-8"?><员工 证件="${custom}"><!-- 卡号 ${card} --><复核>${inCell}</复核></员工>`],
  ], { claimedSizes });
}

describe('XLSX: the parts no other reader reads whole', () => {
  it('markupBlanked keeps a text\'s length and its values where they were, blanking the markup', () => {
    const xml = `<?xml version="1.0"?><a b="x1" c='y2'>text<!-- note --><![CDATA[raw]]></a>`;
    const blanked = markupBlanked(xml);
    assert.equal(blanked.length, xml.length);
    for (const kept of ['1.0', 'x1', 'y2', 'text', 'note', 'raw']) assert.equal(blanked.indexOf(kept), xml.indexOf(kept), kept);
    assert.equal(blanked.replace(/\s+/g, ' ').trim(), '1.0 x1 y2 text note raw');
    // A GUID's digits are no account number.
    assert.equal(markupBlanked('<t xr:uid="{00000000-0000-0000-0000-000000000001}">{12345678-1234-1234-1234-123456789012}</t>').trim(), '');
  });

  it('finds the values found nowhere else, each at its part; a what-if scenario\'s at its cell', async () => {
    const list = await workbookFindings(workbook());
    assert.deepEqual(
      list.map((f) => [f.within ?? 'cell', f.ref, f.ruleId]),
      [
        ['cell', '工资!B2', 'cn-resident-id'],
        ['scenario', '工资', 'cn-mobile'],
        ['scenario', '工资!B2', 'cn-resident-id'],
        ['part', 'xl/tables/table1.xml', 'cn-resident-id'],
        ['part', 'xl/pivotTables/pivotTable1.xml', 'cn-resident-id'],
        // The cell's value copied there is not reported again: a redaction replaces it with the cell's.
        ['part', 'customXml/item1.xml', 'cn-resident-id'],
        ['part', 'customXml/item1.xml', 'bank-card'],
      ],
    );
    const table = list.find((f) => f.within === 'part')!;
    assert.equal(findingPlace(table, 'en'), 'xl/tables/table1.xml (inside the workbook\'s file, outside its sheets)');
    assert.equal(findingPlace(table, 'zh-CN'), 'xl/tables/table1.xml（工作簿文件内部，不在工作表中）');
    assert.equal(findingPlace(list[2], 'en'), '工资!B2 (a what-if scenario)');
    assertNoRaw(raws, [JSON.stringify(list)], (raw) => `raw value #${raws.indexOf(raw)} shown`);
  });

  it('a part that cannot be read fails the scan once the rest is read', async () => {
    const heard: string[] = [];
    // The zip says the part inflates to fewer bytes than it does.
    await assert.rejects(streamWorkbook(workbook({ 'customXml/item1.xml': 10 }), engine, 'medium', (f) => heard.push(f.within ?? 'cell')), /customXml\/item1\.xml/);
    assert.deepEqual(heard, ['cell', 'scenario', 'scenario', 'part', 'part']);
  });

  it('a redaction replaces each where it is written, the copy of a cell\'s value too; every part still reads', async () => {
    const r = await redactWorkbookStream(workbook(), engine, { minConfidence: 'medium', redact: { operator: 'mask', lang: 'en' }, select: (l) => nonOverlapping(l) });
    assert.equal(r.replaced, 7);
    assert.deepEqual(r.residual, []);
    assertNoRaw(raws, [xlsxText(r.bytes!)], (raw) => `raw value #${raws.indexOf(raw)} left`);
    const parts = xlsxParts(r.bytes!);
    const masked = (id: string) => `${id[0]}${'*'.repeat(16)}${id[17]}`;
    assert.ok(parts.get('customXml/item1.xml')!.includes(`<复核>${masked(inCell)}</复核>`));
    assert.ok(parts.get('xl/worksheets/sheet1.xml')!.includes(`<inputCells r="B2" val="${masked(scenario)}"/>`));
    assert.ok(parts.get('xl/tables/table1.xml')!.includes(`totalsRowLabel="身份证 ${masked(totals)}"`));
    for (const [name, xml] of parts) {
      if (!/\.(xml|rels)$/.test(name)) continue;
      const reader = new XmlTokenizer({});
      reader.write(xml);
      reader.close();
    }
    assert.deepEqual(await workbookFindings(r.bytes!), []);
  });
});
