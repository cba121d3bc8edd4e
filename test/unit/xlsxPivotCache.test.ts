import { strict as assert } from 'node:assert';
import { nonOverlapping } from '../../server/src/engine/redact/operators';
import { luhnValid } from '../../server/src/engine/validators/luhn';
import { findingPlace, renderNumber } from '../../server/src/xlsx/cells';
import { redactWorkbookStream } from '../../server/src/xlsx/streamRedact';
import { builtinEngine } from '../support/engine';
import { digitsOnlyId, makeRng, synthBankCard, synthMobile, synthResidentId, type Rng } from '../support/synth';
import { xlsxParts, xlsxText } from '../support/xlsxParts';
import { zipOf } from '../support/zipWriter';
import { MAIN, PKG, REL, T } from '../support/ooxml';
import { workbookFindings } from '../support/workbookFindings';

const engine = builtinEngine();
const rng = makeRng(20261125);
// In the sheet and its pivot cache: ids[0..1], mobiles[0..1]. Only in the cache: a row deleted
// from the sheet since the last refresh (ids[2], mobiles[2]), and an item Excel retained (ids[3]).
const ids = Array.from({ length: 4 }, () => synthResidentId(rng));
const mobiles = Array.from({ length: 3 }, () => synthMobile(rng));
// In a second cache whose source sheet was deleted, its data not saved: only its shared items.
const card = synthBankCard(rng, 'unionpay', { length: 19 });
// There too, a card typed as a number, of which Excel kept 15 digits: as the cell showed it, it
// may pass the card's check digit all the same (this one does).
const numericCard = luhnPadded(rng);
const numericId = renderNumber(Number(digitsOnlyId(rng))).text;
const raws = [...ids, ...mobiles, card, numericId, numericCard];

/** 16 digits as Excel keeps a card typed as a number (its last digit a 0) that pass the Luhn check. */
function luhnPadded(r: Rng): string {
  for (;;) {
    const digits = `62${Array.from({ length: 13 }, () => Math.floor(r() * 10)).join('')}0`;
    if (luhnValid(digits)) return digits;
  }
}

const numbers = mobiles.map(Number).sort((a, b) => a - b);

/** A payroll with a pivot table's cache of it, mobiles stored as numbers, and a second cache whose source is gone. */
function workbook(): Buffer {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const sheet = `<worksheet xmlns="${MAIN}"><sheetData>
<row r="1">${cell('A1', '姓名')}${cell('B1', '身份证号')}${cell('C1', '手机')}${cell('D1', '工资')}</row>
<row r="2">${cell('A2', '张三')}${cell('B2', ids[0])}<c r="C2"><v>${mobiles[0]}</v></c><c r="D2"><v>8500</v></c></row>
<row r="3">${cell('A3', '李四')}${cell('B3', ids[1])}<c r="C3"><v>${mobiles[1]}</v></c><c r="D3"><v>9000</v></c></row>
</sheetData></worksheet>`;
  const definition = `<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${REL}" r:id="rId1" refreshedBy="HR" recordCount="3"><cacheSource type="worksheet"><worksheetSource ref="A1:D4" sheet="工资"/></cacheSource><cacheFields count="4">
<cacheField name="姓名" numFmtId="0"><sharedItems><s v="张三"/><s v="李四"/><s v="王五"/></sharedItems></cacheField>
<cacheField name="身份证号" numFmtId="0"><sharedItems count="4">${ids.map((id) => `<s v="${id}"/>`).join('')}</sharedItems></cacheField>
<cacheField name="手机" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="${numbers[0]}" maxValue="${numbers[2]}"/></cacheField>
<cacheField name="工资" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="7000" maxValue="9000"/></cacheField>
</cacheFields></pivotCacheDefinition>`;
  const record = (k: number, pay: number) => `<r><x v="${k}"/><x v="${k}"/><n v="${mobiles[k]}"/><n v="${pay}"/></r>`;
  const records = `<pivotCacheRecords xmlns="${MAIN}" count="3">${record(0, 8500)}${record(1, 9000)}${record(2, 7000)}</pivotCacheRecords>`;
  const gone = `<pivotCacheDefinition xmlns="${MAIN}" saveData="0" recordCount="1"><cacheSource type="worksheet"><worksheetSource ref="A1:D2" sheet="明细"/></cacheSource><cacheFields count="4"><cacheField name="户名" numFmtId="0"><sharedItems><s v="王五"/></sharedItems></cacheField><cacheField name="银行卡号" numFmtId="0"><sharedItems><s v="${card}"/></sharedItems></cacheField><cacheField name="身份证号" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1"><n v="${Number(numericId).toPrecision(15).toUpperCase()}"/></sharedItems></cacheField><cacheField name="卡号" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1"><n v="${Number(numericCard).toPrecision(15).toUpperCase()}"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>`;
  return zipOf([
    ['[Content_Types].xml', `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${T('sheet.main')}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${T('worksheet')}"/><Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="${T('pivotCacheDefinition')}"/><Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="${T('pivotCacheRecords')}"/><Override PartName="/xl/pivotCache/pivotCacheDefinition2.xml" ContentType="${T('pivotCacheDefinition')}"/></Types>`],
    ['_rels/.rels', `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="工资" sheetId="1" r:id="r1"/></sheets><pivotCaches><pivotCache cacheId="1" r:id="r7"/><pivotCache cacheId="2" r:id="r8"/></pivotCaches></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r7" Type="${REL}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/><Relationship Id="r8" Type="${REL}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition2.xml"/></Relationships>`],
    ['xl/worksheets/sheet1.xml', sheet],
    ['xl/pivotCache/pivotCacheDefinition1.xml', definition],
    ['xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/></Relationships>`],
    ['xl/pivotCache/pivotCacheRecords1.xml', records],
    ['xl/pivotCache/pivotCacheDefinition2.xml', gone],
  ]);
}

describe('XLSX: a pivot table\'s cache (its copy of the source data)', () => {
  it('finds each value no cell holds, with its field\'s name for context, at the source cell it came from: a deleted row\'s, a retained item\'s, a gone source\'s', async () => {
    const all = await workbookFindings(workbook());
    // The cells' values, once each: their copies in the cache are not reported again.
    assert.deepEqual(all.filter((f) => !f.within).map((f) => f.ref), ['工资!B2', '工资!C2', '工资!B3', '工资!C3']);
    const list = all.filter((f) => f.within === 'pivotCache');
    assert.deepEqual(
      list.map((f) => [f.ref, f.ruleId, f.header, findingPlace(f, 'en')]),
      [
        // The row deleted from the sheet since the cache was refreshed.
        ['工资!B4', 'cn-resident-id', '身份证号', "工资!B4 (a pivot table's cached copy of its source data)"],
        ['工资!C4', 'cn-mobile', '手机', "工资!C4 (a pivot table's cached copy of its source data)"],
        // An item no record refers to: its column.
        ['工资!B:B', 'cn-resident-id', '身份证号', "工资!B:B (a pivot table's cached copy of its source data)"],
        ['明细!B:B', 'bank-card', '银行卡号', "明细!B:B (a pivot table's cached copy of its source data)"],
        // A number of more digits than Excel keeps: damaged, as in a cell, whatever check it passes now.
        ['明细!C:C', 'excel-mangled', '身份证号', "明细!C:C (a pivot table's cached copy of its source data)"],
        ['明细!D:D', 'excel-mangled', '卡号', "明细!D:D (a pivot table's cached copy of its source data)"],
      ],
    );
    assert.equal(findingPlace(list[0], 'zh-CN'), '工资!B4（数据透视表缓存的源数据副本）');
    const shown = JSON.stringify(list);
    for (const raw of raws) assert.ok(!shown.includes(raw), `raw value #${raws.indexOf(raw)} shown`);
  });

  for (const operator of ['mask', 'redact'] as const) {
    it(`a redaction (${operator}) replaces each in the cache (the cells' copies too), a number made a text item and its field said to hold texts`, async () => {
      const r = await redactWorkbookStream(workbook(), engine, { minConfidence: 'medium', redact: { operator, lang: 'zh-CN' }, select: (l) => nonOverlapping(l) });
      assert.deepEqual(r.residual, []);
      const text = xlsxText(r.bytes!);
      for (const raw of raws) assert.ok(!text.includes(raw), `raw value #${raws.indexOf(raw)} left`);
      const parts = xlsxParts(r.bytes!);
      const records = parts.get('xl/pivotCache/pivotCacheRecords1.xml')!;
      const mobile = (k: number) => (operator === 'mask' ? `${mobiles[k].slice(0, 3)}****${mobiles[k].slice(7)}` : '[手机号]');
      const id = (k: number) => (operator === 'mask' ? `${ids[k][0]}${'*'.repeat(16)}${ids[k][17]}` : '[身份证号]');
      // The mobiles become text items; the pay stays a number; the shared items' indexes are as they were.
      assert.ok(records.includes(`<r><x v="2"/><x v="2"/><s v="${mobile(2)}"/><n v="7000"/></r>`), records);
      for (const [, v] of records.matchAll(/<n v="([^"]*)"/g)) assert.ok(Number.isFinite(Number(v)), `<n v="${v}"/> is not a number`);
      const definition = parts.get('xl/pivotCache/pivotCacheDefinition1.xml')!;
      // 手机 now holds texts and numbers' flags say so, its smallest and largest (mobiles) gone; 工资 as it was.
      assert.ok(definition.includes('<cacheField name="手机" numFmtId="0"><sharedItems containsNumber="1" containsInteger="1" containsMixedTypes="1"/></cacheField>'), definition);
      assert.ok(definition.includes('<sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="7000" maxValue="9000"/>'));
      assert.ok(definition.includes(`<s v="${id(2)}"/><s v="${id(3)}"/></sharedItems>`), definition);
      assert.ok(parts.get('xl/pivotCache/pivotCacheDefinition2.xml')!.includes('<s v="王五"/>'));
      assert.deepEqual(await workbookFindings(r.bytes!), []);
    });
  }

  it('a cache with nothing to replace is copied byte for byte', async () => {
    const book = workbook();
    const r = await redactWorkbookStream(book, engine, { minConfidence: 'medium', redact: { operator: 'mask', lang: 'en' }, select: (l) => l.filter((f) => f.within !== 'pivotCache' && f.ruleId === 'cn-resident-id' && f.ref === '工资!B2') });
    const before = xlsxParts(book);
    const after = xlsxParts(r.bytes!);
    // Only ids[0] is replaced: the cache's definition changes where it is, the records and the other cache not at all.
    assert.equal(after.get('xl/pivotCache/pivotCacheRecords1.xml'), before.get('xl/pivotCache/pivotCacheRecords1.xml'));
    assert.equal(after.get('xl/pivotCache/pivotCacheDefinition2.xml'), before.get('xl/pivotCache/pivotCacheDefinition2.xml'));
    assert.equal(after.get('xl/pivotCache/pivotCacheDefinition1.xml'), before.get('xl/pivotCache/pivotCacheDefinition1.xml')!.replace(ids[0], `${ids[0][0]}${'*'.repeat(16)}${ids[0][17]}`));
  });
});
