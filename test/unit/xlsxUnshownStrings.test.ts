import { strict as assert } from 'node:assert';
import { nonOverlapping } from '../../server/src/engine/redact/operators';
import { findingPlace } from '../../server/src/xlsx/cells';
import { redactWorkbookStream } from '../../server/src/xlsx/streamRedact';
import { builtinEngine } from '../support/engine';
import { MAIN, oneSheetBook } from '../support/ooxml';
import { makeRng, synthMobile, synthResidentId } from '../support/synth';
import { workbookFindings } from '../support/workbookFindings';
import { xlsxParts, xlsxText } from '../support/xlsxParts';
import { zipOf } from '../support/zipWriter';
import { assertNoRaw } from '../support/noRaw';

const engine = builtinEngine();
const rng = makeRng(20261126);
// A2 shows `current`; `overwritten` was A2's text before a program (Apache POI, which never prunes
// the table) wrote over it, and `removed` a row's it deleted, split across two rich text runs.
const [current, overwritten, removed] = [synthResidentId(rng), synthResidentId(rng), synthResidentId(rng)];
const mobile = synthMobile(rng);
const raws = [current, overwritten, removed, mobile];

function workbook(): Buffer {
  const strings = [
    '<si><t>身份证号</t></si>',
    `<si><t>${overwritten}</t></si>`,
    '<si><t>手机</t></si>',
    `<si><r><rPr><b/></rPr><t>${removed.slice(0, 6)}</t></r><r><t>${removed.slice(6)}</t></r></si>`,
    '<si><t>备注：已离职</t></si>',
    `<si><t>${current}</t></si>`,
    `<si><t>联系电话 ${mobile}</t></si>`,
  ];
  return zipOf([
    ...oneSheetBook({ related: [['sharedStrings', 'sharedStrings.xml']] }),
    ['xl/sharedStrings.xml', `<sst xmlns="${MAIN}" count="4" uniqueCount="${strings.length}">${strings.join('')}</sst>`],
    ['xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" t="s"><v>4</v></c></row></sheetData></worksheet>`],
  ]);
}

describe('XLSX: shared strings no cell shows', () => {
  it('scans them after the sheets, each named by its number in the table; the strings cells show are not scanned again', async () => {
    const list = await workbookFindings(workbook());
    assert.deepEqual(
      list.map((f) => [f.within, f.ref, f.ruleId, findingPlace(f, 'en')]),
      [
        [undefined, '工资!A2', 'cn-resident-id', '工资!A2'],
        ['sharedString', '2', 'cn-resident-id', 'the shared string #2, which no cell shows'],
        // Read across its rich text runs, as a cell's string is.
        ['sharedString', '4', 'cn-resident-id', 'the shared string #4, which no cell shows'],
        ['sharedString', '7', 'cn-mobile', 'the shared string #7, which no cell shows'],
      ],
    );
    assert.equal(findingPlace(list[1], 'zh-CN'), '未被任何单元格使用的共享字符串 #2');
    const shown = JSON.stringify(list);
    assertNoRaw(raws, [shown], (raw) => `raw value #${raws.indexOf(raw)} shown`);
  });

  for (const operator of ['mask', 'redact'] as const) {
    it(`a redaction (${operator}) rewrites them where they are, a value across runs too; the cells' strings as before`, async () => {
      const r = await redactWorkbookStream(workbook(), engine, { minConfidence: 'medium', redact: { operator, lang: 'zh-CN' }, select: (l) => nonOverlapping(l) });
      assert.equal(r.replaced, 4);
      // One cell's text changed (A2's string); the others are no cell's.
      assert.equal(r.cells, 1);
      assert.deepEqual(r.residual, []);
      const text = xlsxText(r.bytes!);
      assertNoRaw(raws, [text], (raw) => `raw value #${raws.indexOf(raw)} left`);
      const table = xlsxParts(r.bytes!).get('xl/sharedStrings.xml')!;
      const id = (v: string) => (operator === 'mask' ? `${v[0]}${'*'.repeat(16)}${v[17]}` : '[身份证号]');
      // A mask keeps the runs (the same length), each its share; a placeholder is one plain run.
      const runs = operator === 'mask' ? `<r><rPr><b/></rPr><t xml:space="preserve">${id(removed).slice(0, 6)}</t></r><r><t xml:space="preserve">${id(removed).slice(6)}</t></r>` : `<t xml:space="preserve">${id(removed)}</t>`;
      assert.ok(table.includes(`<si>${runs}</si>`), table);
      assert.ok(table.includes('<si><t>备注：已离职</t></si>'));
      assert.deepEqual(await workbookFindings(r.bytes!), []);
    });
  }
});
