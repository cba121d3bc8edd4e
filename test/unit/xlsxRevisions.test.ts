import { strict as assert } from 'node:assert';
import { nonOverlapping } from '../../server/src/engine/redact/operators';
import { findingPlace } from '../../server/src/xlsx/cells';
import { redactWorkbookStream } from '../../server/src/xlsx/streamRedact';
import { builtinEngine } from '../support/engine';
import { MAIN, oneSheetBook, PKG, REL } from '../support/ooxml';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';
import { workbookFindings } from '../support/workbookFindings';
import { xlsxParts, xlsxText } from '../support/xlsxParts';
import { zipOf } from '../support/zipWriter';
import { assertNoRaw } from '../support/noRaw';

const engine = builtinEngine();
const rng = makeRng(20261127);
// B2 shows `current` now; it held `before` until someone corrected it while the workbook was shared.
const [current, before] = [synthResidentId(rng), synthResidentId(rng)];
// C2's old value, a number; and the cells of row 3, deleted since (an ID inline, a card named as a shared string).
const oldMobile = synthMobile(rng);
const [deletedId, deletedCard] = [synthResidentId(rng), synthBankCard(rng, 'unionpay', { length: 19 })];
const raws = [current, before, oldMobile, deletedId, deletedCard];

function workbook(): Buffer {
  const log = `<revisions xmlns="${MAIN}" xmlns:r="${REL}">
<rcc rId="1" sId="7"><oc r="B2" t="inlineStr"><is><t>${before}</t></is></oc><nc r="B2" t="inlineStr"><is><t>${current}</t></is></nc></rcc>
<rcc rId="2" sId="7" odxf="1"><oc r="C2"><v>${oldMobile}</v></oc><nc r="C2"><v>8500</v></nc></rcc>
<rrc rId="3" sId="7" ref="A3:XFD3" action="deleteRow"><rfmt sheetId="7" xfDxf="1" sqref="A3:XFD3"/><rcc rId="0" sId="7"><nc r="A3" t="inlineStr"><is><r><t>${deletedId.slice(0, 6)}</t></r><r><t>${deletedId.slice(6)}</t></r></is></nc></rcc><rcc rId="0" sId="7"><nc r="B3" t="s"><v>2</v></nc></rcc></rrc>
</revisions>`;
  return zipOf([
    ...oneSheetBook({ related: [['sharedStrings', 'sharedStrings.xml'], ['revisionHeaders', 'revisions/revisionHeaders.xml']], others: [['/xl/revisions/revisionLog1.xml', 'revisionLog']], sheetId: 7 }),
    ['xl/sharedStrings.xml', `<sst xmlns="${MAIN}"><si><t>身份证号</t></si><si><t>${current}</t></si><si><t>${deletedCard}</t></si></sst>`],
    ['xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="B1" t="s"><v>0</v></c></row><row r="2"><c r="B2" t="s"><v>1</v></c><c r="C2"><v>8500</v></c></row></sheetData></worksheet>`],
    ['xl/revisions/revisionHeaders.xml', `<headers xmlns="${MAIN}" xmlns:r="${REL}" guid="{00000000-0000-0000-0000-000000000001}" shared="1" history="1" revisionId="3" version="2"><header guid="{00000000-0000-0000-0000-000000000002}" dateTime="2026-11-20T09:00:00" maxSheetId="8" userName="会计" r:id="rId1"><sheetIdMap count="1"><sheetId val="7"/></sheetIdMap></header></headers>`],
    ['xl/revisions/_rels/revisionHeaders.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/revisionLog" Target="revisionLog1.xml"/></Relationships>`],
    ['xl/revisions/revisionLog1.xml', log],
  ]);
}

describe('XLSX: a shared workbook\'s change history', () => {
  it('finds the values logged that no cell holds now, at the cell they were logged for; a deleted row\'s card, a string no cell shows, once', async () => {
    const list = await workbookFindings(workbook());
    assert.deepEqual(
      list.map((f) => [f.within, f.ref, f.ruleId, findingPlace(f, 'en')]),
      [
        [undefined, '工资!B2', 'cn-resident-id', '工资!B2'],
        ['sharedString', '3', 'bank-card', 'the shared string #3, which no cell shows'],
        // B2's old value; its new one is the cell's, reported there.
        ['revision', '工资!B2', 'cn-resident-id', "工资!B2 (a shared workbook's change history)"],
        ['revision', '工资!C2', 'cn-mobile', "工资!C2 (a shared workbook's change history)"],
        // Read across its rich text runs.
        ['revision', '工资!A3', 'cn-resident-id', "工资!A3 (a shared workbook's change history)"],
      ],
    );
    assert.equal(findingPlace(list[2], 'zh-CN'), '工资!B2（共享工作簿的修订记录）');
    const shown = JSON.stringify(list);
    assertNoRaw(raws, [shown], (raw) => `raw value #${raws.indexOf(raw)} shown`);
  });

  for (const operator of ['mask', 'redact'] as const) {
    it(`a redaction (${operator}) replaces each where it is logged: a number's cell becomes an inline string; the copy holds none`, async () => {
      const r = await redactWorkbookStream(workbook(), engine, { minConfidence: 'medium', redact: { operator, lang: 'zh-CN' }, select: (l) => nonOverlapping(l) });
      assert.equal(r.replaced, 5);
      assert.deepEqual(r.residual, []);
      const text = xlsxText(r.bytes!);
      assertNoRaw(raws, [text], (raw) => `raw value #${raws.indexOf(raw)} left`);
      const log = xlsxParts(r.bytes!).get('xl/revisions/revisionLog1.xml')!;
      const id = (v: string) => (operator === 'mask' ? `${v[0]}${'*'.repeat(16)}${v[17]}` : '[身份证号]');
      const phone = operator === 'mask' ? `${oldMobile.slice(0, 3)}****${oldMobile.slice(7)}` : '[手机号]';
      // The current value replaced as the cell's is; the old ones each by its own; the amount and the shared string's reference as they were.
      assert.ok(log.includes(`<oc r="B2" t="inlineStr"><is><t xml:space="preserve">${id(before)}</t></is></oc><nc r="B2" t="inlineStr"><is><t xml:space="preserve">${id(current)}</t></is></nc>`), log);
      assert.ok(log.includes(`<oc r="C2" t="inlineStr"><is><t xml:space="preserve">${phone}</t></is></oc><nc r="C2"><v>8500</v></nc>`), log);
      assert.ok(log.includes(`<nc r="A3" t="inlineStr"><is><t xml:space="preserve">${id(deletedId)}</t></is></nc>`), log);
      assert.ok(log.includes('<nc r="B3" t="s"><v>2</v></nc>'));
      assert.deepEqual(await workbookFindings(r.bytes!), []);
    });
  }
});
