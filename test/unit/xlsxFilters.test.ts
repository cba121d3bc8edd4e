import { strict as assert } from 'node:assert';
import { nonOverlapping } from '../../server/src/engine/redact/operators';
import { findingPlace } from '../../server/src/xlsx/cells';
import { redactWorkbookStream } from '../../server/src/xlsx/streamRedact';
import { builtinEngine } from '../support/engine';
import { makeRng, synthMobile, synthResidentId } from '../support/synth';
import { xlsxParts, xlsxText } from '../support/xlsxParts';
import { zipOf } from '../support/zipWriter';
import { MAIN, oneSheetBook, PKG, REL } from '../support/ooxml';
import { workbookFindings } from '../support/workbookFindings';
import { assertNoRaw } from '../support/noRaw';

const engine = builtinEngine();
const rng = makeRng(20261125);
// Ticked in the ID column's drop-down, and in a custom view's; a custom criterion on the mobile column.
const [ticked, tickedToo, inView] = [synthResidentId(rng), synthResidentId(rng), synthResidentId(rng)];
const excluded = synthMobile(rng);
// Conditional formats: a rule looking for an ID (as its text and in its formula), one equal to a
// mobile, and an Excel 2010 extension's rule, its cells given after it.
const [highlighted, equalTo, extended] = [synthResidentId(rng), synthMobile(rng), synthResidentId(rng)];
// An Excel 2010 extension's data validation: its input message, its cells given after it.
const prompted = synthResidentId(rng);
// A table's filter and a pivot table's label filter.
const [inTable, inPivot] = [synthResidentId(rng), synthResidentId(rng)];
// In a cell: the only value a cell holds.
const celled = synthResidentId(rng);
const raws = [ticked, tickedToo, inView, excluded, highlighted, equalTo, extended, prompted, inTable, inPivot, celled];

const X14 = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';
const XM = 'http://schemas.microsoft.com/office/excel/2006/main';

function workbook(): Buffer {
  const sheet = `<worksheet xmlns="${MAIN}" xmlns:r="${REL}" xmlns:x14="${X14}" xmlns:xm="${XM}"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c><c r="C1" t="inlineStr"><is><t>手机</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>${celled}</t></is></c><c r="C2"><v>8500</v></c></row>
</sheetData>
<customSheetViews><customSheetView guid="{00000000-0000-0000-0000-000000000001}" filter="1" showAutoFilter="1"><autoFilter ref="A1:C2"><filterColumn colId="1"><filters><filter val="${inView}"/></filters></filterColumn></autoFilter></customSheetView></customSheetViews>
<autoFilter ref="A1:C2"><filterColumn colId="1"><filters blank="1"><filter val="${ticked}"/><filter val="${tickedToo}"/></filters></filterColumn><filterColumn colId="2"><customFilters><customFilter operator="notEqual" val="${excluded}"/></customFilters></filterColumn></autoFilter>
<conditionalFormatting sqref="B2:B9 D2"><cfRule type="containsText" dxfId="0" priority="1" operator="containsText" text="${highlighted}"><formula>NOT(ISERROR(SEARCH("${highlighted}",B2)))</formula></cfRule></conditionalFormatting>
<conditionalFormatting sqref="C2:C9"><cfRule type="cellIs" dxfId="0" priority="2" operator="equal"><formula>"${equalTo}"</formula></cfRule><cfRule type="cellIs" dxfId="0" priority="3" operator="greaterThan"><formula>10000</formula></cfRule></conditionalFormatting>
<tableParts count="1"><tablePart r:id="t1"/></tableParts>
<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}"><x14:conditionalFormattings><x14:conditionalFormatting><x14:cfRule type="expression" priority="4" id="{00000000-0000-0000-0000-000000000002}"><xm:f>$B2="${extended}"</xm:f><x14:dxf/></x14:cfRule><xm:sqref>A2:A9</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext>
<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1"><x14:dataValidation type="list" showInputMessage="1" prompt="例如 ${prompted}"><x14:formula1><xm:f>名单!$A$1:$A$9</xm:f></x14:formula1><xm:sqref>E2:E9</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>`;
  return zipOf([
    ...oneSheetBook({ others: [['/xl/tables/table1.xml', 'table'], ['/xl/pivotTables/pivotTable1.xml', 'pivotTable']] }),
    ['xl/worksheets/sheet1.xml', sheet],
    ['xl/worksheets/_rels/sheet1.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="t1" Type="${REL}/table" Target="../tables/table1.xml"/><Relationship Id="p1" Type="${REL}/pivotTable" Target="/xl/pivotTables/pivotTable1.xml"/></Relationships>`],
    ['xl/tables/table1.xml', `<table xmlns="${MAIN}" id="1" name="员工" displayName="员工" ref="A4:C9"><autoFilter ref="A4:C9"><filterColumn colId="1"><filters><filter val="${inTable}"/></filters></filterColumn></autoFilter><tableColumns count="3"><tableColumn id="1" name="姓名"/><tableColumn id="2" name="身份证号"/><tableColumn id="3" name="手机"/></tableColumns></table>`],
    // A label filter keeps its value twice: as stringValue1 and in its own autoFilter.
    ['xl/pivotTables/pivotTable1.xml', `<pivotTableDefinition xmlns="${MAIN}" name="透视表1" cacheId="1" dataCaption="值"><location ref="G3:H8" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><filters count="1"><filter fld="0" type="captionEqual" evalOrder="-1" id="1" stringValue1="${inPivot}"><autoFilter ref="A1"><filterColumn colId="0"><customFilters><customFilter val="${inPivot}"/></customFilters></filterColumn></autoFilter></filter></filters></pivotTableDefinition>`],
  ]);
}

describe('XLSX: values kept by filters and conditional formats', () => {
  it('finds each, placed on the column it filters or the first cell a rule applies to; a value kept twice by one rule is reported once', async () => {
    const list = await workbookFindings(workbook());
    assert.deepEqual(
      list.map((f) => [f.within, f.ref, f.ruleId, findingPlace(f, 'en')]),
      [
        [undefined, '工资!B2', 'cn-resident-id', '工资!B2'],
        // In the order they are written: the custom view's filter, the sheet's (the ID column's ticked values, then the mobile column's criterion).
        ['filter', '工资!B1', 'cn-resident-id', "工资!B1 (a filter's criteria)"],
        ['filter', '工资!B1', 'cn-resident-id', "工资!B1 (a filter's criteria)"],
        ['filter', '工资!B1', 'cn-resident-id', "工资!B1 (a filter's criteria)"],
        ['filter', '工资!C1', 'cn-mobile', "工资!C1 (a filter's criteria)"],
        // The rule looking for an ID keeps it as its text and in its formula: once.
        ['conditionalFormat', '工资!B2', 'cn-resident-id', "工资!B2 (a conditional format's rule)"],
        ['conditionalFormat', '工资!C2', 'cn-mobile', "工资!C2 (a conditional format's rule)"],
        // Excel 2010's extensions name their cells after the rule.
        ['conditionalFormat', '工资!A2', 'cn-resident-id', "工资!A2 (a conditional format's rule)"],
        ['validationMessage', '工资!E2', 'cn-resident-id', "工资!E2 (its data validation's input message or error alert)"],
        // The table's filter at its ID column's header; the pivot table's at its first cell, once.
        ['filter', '工资!B4', 'cn-resident-id', "工资!B4 (a filter's criteria)"],
        ['filter', '工资!G3', 'cn-resident-id', "工资!G3 (a filter's criteria)"],
      ],
    );
    assert.deepEqual(
      ['filter', 'conditionalFormat'].map((within) => findingPlace(list.find((f) => f.within === within)!, 'zh-CN')),
      ['工资!B1（筛选条件）', '工资!B2（条件格式的规则）'],
    );
    const shown = JSON.stringify(list);
    assertNoRaw(raws, [shown], (raw) => `raw value #${raws.indexOf(raw)} shown`);
  });

  for (const operator of ['mask', 'redact'] as const) {
    it(`a redaction (${operator}) replaces each in its filter or rule, and the copy holds none`, async () => {
      const r = await redactWorkbookStream(workbook(), engine, { minConfidence: 'medium', redact: { operator, lang: 'zh-CN' }, select: (l) => nonOverlapping(l) });
      assert.equal(r.replaced, 11);
      assert.equal(r.cells, 1);
      assert.deepEqual(r.residual, []);
      const text = xlsxText(r.bytes!);
      assertNoRaw(raws, [text], (raw) => `raw value #${raws.indexOf(raw)} left`);
      const parts = xlsxParts(r.bytes!);
      const id = (v: string) => (operator === 'mask' ? `${v[0]}${'*'.repeat(16)}${v[17]}` : '[身份证号]');
      const sheet = parts.get('xl/worksheets/sheet1.xml')!;
      // The filter still filters on the replaced value (the cell shows the same), the rules still read.
      assert.ok(sheet.includes(`<filter val="${id(ticked)}"/><filter val="${id(tickedToo)}"/>`), sheet);
      assert.ok(sheet.includes(`text="${id(highlighted)}"><formula>NOT(ISERROR(SEARCH("${id(highlighted)}",B2)))</formula>`), sheet);
      assert.ok(sheet.includes(`<xm:f>$B2="${id(extended)}"</xm:f>`), sheet);
      assert.ok(sheet.includes('<formula>10000</formula>'));
      assert.ok(parts.get('xl/tables/table1.xml')!.includes(`<filter val="${id(inTable)}"/>`));
      assert.ok(parts.get('xl/pivotTables/pivotTable1.xml')!.includes(`stringValue1="${id(inPivot)}"`));
      assert.deepEqual(await workbookFindings(r.bytes!), []);
    });
  }
});
