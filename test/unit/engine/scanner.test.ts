import { strict as assert } from 'node:assert';
import type { FileKind } from '../../../server/src/engine/types';
import { builtinEngine } from '../../support/engine';
import { makeRng, synthBankCard, synthMobile, synthResidentId, synthUscc } from '../../support/synth';

const engine = builtinEngine();
const scan = (text: string, kind: FileKind = 'plain') => engine.scan(text, { kind });
const ids = (text: string, kind: FileKind = 'plain') => scan(text, kind).map((f) => `${f.ruleId}@${f.start}-${f.end}`);

describe('scanner', () => {
  const rng = makeRng(7);
  const id = synthResidentId(rng);
  const card = synthBankCard(rng, 'unionpay', { length: 19 });
  const mobile = synthMobile(rng);

  it('never matches inside a longer run of digits or letters', () => {
    assert.deepEqual(ids(`9${id}`), []);
    assert.deepEqual(ids(`${id}0`), []);
    assert.deepEqual(ids(`A${id}`), []);
    assert.deepEqual(ids(`${card}7`), []);
    assert.deepEqual(ids(`x${mobile}`), []);
    assert.deepEqual(ids(`${mobile}z`), []);
  });

  it('matches next to punctuation, CJK text and code delimiters', () => {
    assert.deepEqual(ids(`身份证${id}号`), [`cn-resident-id@3-21`]);
    assert.deepEqual(ids(`id_no="${id}";`), [`cn-resident-id@7-25`]);
    assert.deepEqual(ids(`(${mobile})`), [`cn-mobile@1-12`]);
  });

  it('skips numbers glued to a decimal point (amounts)', () => {
    assert.deepEqual(ids(`${card}.00`), []);
    assert.deepEqual(ids(`0.${mobile}`), []);
  });

  it('finds values grouped by spaces or dashes and covers the whole grouped span', () => {
    const grouped = card.replace(/(\d{4})(?=\d)/g, '$1 ');
    assert.deepEqual(ids(`卡号 ${grouped} 已核对`), [`bank-card@3-${3 + grouped.length}`]);
    const dashed = `${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`;
    assert.deepEqual(ids(dashed), [`cn-mobile@0-13`]);
    const plus = `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`;
    assert.deepEqual(ids(`tel: ${plus}`), [`cn-mobile@5-${5 + plus.length}`]);
  });

  it('does not join unrelated neighbours into one value', () => {
    const text = `${id} ${mobile} ${card}`;
    assert.deepEqual(ids(text), [`cn-resident-id@0-18`, `cn-mobile@19-30`, `bank-card@31-50`]);
  });

  it('accepts full-width digits and a lower-case x', () => {
    const wide = id.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    assert.deepEqual(ids(wide), [`cn-resident-id@0-18`]);
    const x = synthResidentId(rng, { checkX: true });
    assert.deepEqual(ids(x.toLowerCase()), [`cn-resident-id@0-18`]);
  });

  it('reports positions in UTF-16 code units (emoji and CJK before the value)', () => {
    const text = `😀 姓名：张三，证件号 ${id}`;
    const [f] = scan(text);
    assert.equal(text.slice(f.start, f.end), id);
    assert.equal(f.start, 13); // 2 units for the emoji, 1 per CJK character
  });

  it('ignores plain prose, dates, times and short numbers', () => {
    assert.deepEqual(ids('The quick brown fox jumps over 13 lazy dogs on 2026-11-23 at 18:48:24, ticket 4521.'), []);
  });

  it('lowers confidence on negative context and drops it below the default minimum', () => {
    const validCard = synthBankCard(rng, 'unionpay', { length: 16 });
    assert.deepEqual(ids(`订单号 ${validCard}`), []);
    const low = engine.scan(`order_id=${validCard}`, { kind: 'code', minConfidence: 'low' });
    assert.equal(low.length, 1);
    assert.equal(low[0].confidence, 'low');
    assert.ok(engine.explain(`order_id=${validCard}`, low[0]).some((r) => r.kind === 'negative'));
    assert.deepEqual(ids(`银行卡号 ${validCard}`), [`bank-card@5-21`]);
  });

  it('lets the nearest label before a value decide its context', () => {
    const a = synthBankCard(rng, 'unionpay', { length: 16 });
    const b = synthBankCard(rng, 'unionpay', { length: 16 });
    const text = `卡号 ${a} 流水号 ${b}`;
    // The card has its hotword; the serial number's own label is nearer than 卡号.
    assert.deepEqual(ids(text), [`bank-card@3-19`]);
    const low = engine.scan(text, { kind: 'plain', minConfidence: 'low' });
    assert.deepEqual(low.map((f) => f.confidence), ['high', 'low']);
  });

  it('matches English hotwords at word boundaries, camelCase included', () => {
    const m = synthMobile(rng);
    // "tel" inside "hotel" is no hotword; "tel:" and "userTel" are.
    const low = (text: string) => engine.scan(text, { kind: 'code', minConfidence: 'low' })[0]?.confidence;
    assert.equal(low(`hotel ${m}`), 'medium');
    assert.equal(low(`tel: ${m}`), 'high');
    assert.equal(low(`userTel = "${m}"`), 'high');
  });

  it('gives CSV findings their column header and header context', () => {
    const csv = `姓名,手机号,备注\n张三,${mobile},无\n`;
    const [f] = scan(csv, 'csv');
    assert.equal(f.column, '手机号');
    assert.equal(f.confidence, 'high');
    assert.deepEqual(engine.explain(csv, f).filter((r) => r.kind === 'header'), [{ kind: 'header', header: '手机号' }]);
  });

  it('finds every value in a generated sheet at its exact offset', () => {
    const rows = ['姓名,身份证号,银行卡号,手机号,统一社会信用代码'];
    const expected: string[] = [];
    let offset = rows[0].length + 1;
    for (let i = 0; i < 500; i++) {
      const cells = [`员工${i}`, synthResidentId(rng), synthBankCard(rng), synthMobile(rng), synthUscc(rng)];
      const rules = ['cn-resident-id', 'bank-card', 'cn-mobile', 'cn-uscc'];
      let col = offset + cells[0].length + 1;
      cells.slice(1).forEach((cell, k) => {
        expected.push(`${rules[k]}@${col}-${col + cell.length}`);
        col += cell.length + 1;
      });
      const line = cells.join(',');
      rows.push(line);
      offset += line.length + 1;
    }
    assert.deepEqual(ids(rows.join('\n'), 'csv'), expected);
  });

  describe('inline directives', () => {
    it('sdguard-ignore-line silences the line, all rules or the named ones', () => {
      assert.deepEqual(ids(`a = "${id}" // sdguard-ignore-line`, 'code'), []);
      assert.deepEqual(ids(`a = "${id}" // sdguard-ignore-line cn-resident-id`, 'code'), []);
      assert.deepEqual(ids(`a = "${id}" // sdguard-ignore-line cn-mobile`, 'code'), [`cn-resident-id@5-23`]);
    });

    it('sdguard-ignore-next-line silences only the next line', () => {
      const text = `# sdguard-ignore-next-line\nid = "${id}"\nid2 = "${id}"\n`;
      assert.deepEqual(ids(text, 'code'), [`cn-resident-id@${text.lastIndexOf(id)}-${text.lastIndexOf(id) + 18}`]);
    });

    it('sdguard-ignore-file silences the file or the named rules', () => {
      assert.deepEqual(ids(`// sdguard-ignore-file\n${id} ${mobile}`, 'code'), []);
      assert.deepEqual(
        ids(`// sdguard-ignore-file cn-mobile, bank-card\n${id} ${mobile}`, 'code').map((s) => s.split('@')[0]),
        ['cn-resident-id'],
      );
    });
  });
});
