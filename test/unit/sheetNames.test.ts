import { strict as assert } from 'node:assert';
import { builtinEngine } from '../support/engine';
import { readSheetName, sheetSafe } from '../../server/src/xlsx/sheetNames';
import { RawValues } from '../../server/src/xlsx/stream/rawValues';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

describe('sheet names: shown masked, values found, renamed as Excel takes them', () => {
  const engine = builtinEngine();
  const rng = makeRng(4711);
  const id = synthResidentId(rng);
  const card = synthBankCard(rng, 'unionpay', { length: 19 });
  const mobile = synthMobile(rng);

  it('shows every value masked, but reports only those at the scan\'s confidence', () => {
    // A bare mobile number has no context in a name: medium confidence, below `high`, masked all the same.
    const name = readSheetName(`${id} ${mobile}`, engine, 'high');
    assert.equal(name.shown, `${id[0]}${'*'.repeat(16)}${id[17]} ${mobile.slice(0, 3)}****${mobile.slice(7)}`);
    assert.deepEqual(name.findings.map((f) => [f.ruleId, f.confidence, f.start, f.end]), [['cn-resident-id', 'high', 0, 18]]);
    assert.equal(readSheetName(`${id} ${mobile}`, engine, 'medium').findings.length, 2);
    assert.deepEqual(readSheetName('2024年1月工资', engine, 'low'), { shown: '2024年1月工资', findings: [] });
  });

  it('sheetSafe: the characters Excel refuses in a name become full-width; others stay', () => {
    assert.equal(sheetSafe('1**4 [ID] a/b\\c:d?'), '1＊＊4 ［ID］ a／b＼c：d？');
    assert.equal(sheetSafe('CNID_ABC'), 'CNID_ABC');
  });

  it('RawValues.adaptIn changes the replacement of the values a name holds, everywhere, and no other', () => {
    const raw = new RawValues();
    raw.add(id, '1***4');
    raw.add(card, '6***1');
    raw.adaptIn(`张三${id}`, sheetSafe);
    assert.equal(raw.replaceAll(`'张三${id}'!A1 ${card}`), "'张三1＊＊＊4'!A1 6***1");
    // Only whole values: one inside a longer run of digits is not the value.
    raw.adaptIn(`9${card}`, sheetSafe);
    assert.equal(raw.replaceAll(card), '6***1');
  });
});
