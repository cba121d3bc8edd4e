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
const rng = makeRng(20261128);
// A database query's command, a web query's address, a parameter's value, the file a text import read.
const [queried, imported, parameter] = [synthResidentId(rng), synthResidentId(rng), synthResidentId(rng)];
const called = synthMobile(rng);
const raws = [queried, imported, parameter, called];

function workbook(): Buffer {
  const connections = `<connections xmlns="${MAIN}">
<connection id="1" name="员工查询" type="1" refreshedVersion="6" background="1" saveData="1"><dbPr connection="DSN=HR;UID=report;" command="SELECT * FROM staff WHERE id_card='${queried}'"/></connection>
<connection id="2" name="通讯录" type="4" refreshedVersion="6"><webPr sourceData="1" url="https://hr.example/lookup?mobile=${called}&amp;v=2" htmlTables="1"/><parameters count="1"><parameter name="证件号" parameterType="value" string="${parameter}"/></parameters></connection>
<connection id="3" name="导入" type="6" refreshedVersion="6"><textPr codePage="936" sourceFile="D:\\工资\\张三_${imported}.csv" comma="1"/></connection>
</connections>`;
  return zipOf([
    ...oneSheetBook({ related: [['connections', 'connections.xml']] }),
    ['xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row></sheetData></worksheet>`],
    ['xl/connections.xml', connections],
  ]);
}

describe('XLSX: data connections', () => {
  it('finds what their settings hold, each named by its connection', async () => {
    const list = await workbookFindings(workbook());
    assert.deepEqual(
      list.map((f) => [f.within, f.ref, f.ruleId, findingPlace(f, 'en')]),
      [
        ['connection', '员工查询', 'cn-resident-id', 'the data connection 员工查询'],
        ['connection', '通讯录', 'cn-mobile', 'the data connection 通讯录'],
        ['connection', '通讯录', 'cn-resident-id', 'the data connection 通讯录'],
        ['connection', '导入', 'cn-resident-id', 'the data connection 导入'],
      ],
    );
    assert.equal(findingPlace(list[0], 'zh-CN'), '数据连接“员工查询”');
    const shown = JSON.stringify(list);
    assertNoRaw(raws, [shown], (raw) => `raw value #${raws.indexOf(raw)} shown`);
  });

  it('a redaction replaces each where it is written; the connections still read', async () => {
    const r = await redactWorkbookStream(workbook(), engine, { minConfidence: 'medium', redact: { operator: 'mask', lang: 'en' }, select: (l) => nonOverlapping(l) });
    assert.equal(r.replaced, 4);
    assert.deepEqual(r.residual, []);
    const text = xlsxText(r.bytes!);
    assertNoRaw(raws, [text], (raw) => `raw value #${raws.indexOf(raw)} left`);
    const part = xlsxParts(r.bytes!).get('xl/connections.xml')!;
    assert.ok(part.includes(`command="SELECT * FROM staff WHERE id_card='${queried[0]}${'*'.repeat(16)}${queried[17]}'"`), part);
    assert.ok(part.includes('codePage="936"'));
    assert.deepEqual(await workbookFindings(r.bytes!), []);
  });
});
