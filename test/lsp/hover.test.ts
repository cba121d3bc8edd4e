import { strict as assert } from 'node:assert';
import { ruleDocUri } from '../../server/src/lsp/ruleDocs';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../support/lspClient';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';
import { rangeOf } from './fixtures';

const rng = makeRng(77);
const id = synthResidentId(rng);
const card = synthBankCard(rng, 'unionpay', { length: 19 });
const mobile = synthMobile(rng);
const csv = `姓名,身份证号,银行卡号,手机号\n张三,${id},${card},${mobile}\n`;
const csvUri = 'file:///tmp/sdguard-lsp/hover.csv';
const py = `card_no = "${card}"  # 订单号\nx = 1\n`;
const pyUri = 'file:///tmp/sdguard-lsp/hover.py';

function at(text: string, value: string, plus = 3) {
  return rangeOf(text, text.indexOf(value) + plus, text.indexOf(value) + plus).start;
}

function markdown(h: Hover | null): string {
  assert.ok(h, 'no hover');
  const c = h.contents as MarkupContent;
  assert.equal(c.kind, 'markdown');
  for (const raw of [id, card, mobile]) assert.ok(!c.value.includes(raw), `raw value in hover: ${c.value}`);
  return c.value;
}

describe('hover on findings', function () {
  this.timeout(30_000);
  let client: TestLspClient;

  afterEach(async () => client.dispose());

  async function start(locale: string): Promise<void> {
    client = new TestLspClient();
    await client.initialize(locale);
    client.open(csvUri, 'csv', csv);
    client.open(pyUri, 'python', py);
  }

  it('shows the rule name, masked value, confidence, the reasons and links to the rule page and the actions, never the raw value', async () => {
    await start('en');
    const h = await client.hover(csvUri, at(csv, id));
    assert.equal(
      markdown(h),
      [
        '**Resident identity card number** `cn-resident-id`',
        '',
        `Value: \`${id[0]}${'*'.repeat(16)}${id[17]}\` · confidence high`,
        '',
        '- Check character valid (`cn-resident-id`)',
        '- Column header: `身份证号`',
        '',
        `[Rule page](${ruleDocUri('cn-resident-id')}) · [Fix… (Ctrl+.)](command:editor.action.quickFix) · [Protect the whole file…](command:sdguard.protectFile)`,
      ].join('\n'),
    );
    assert.deepEqual(h!.range, rangeOf(csv, csv.indexOf(id), csv.indexOf(id) + 18));
  });

  it('names hotwords and negative words seen near a value', async () => {
    await start('en');
    const text = markdown(await client.hover(pyUri, at(py, card)));
    assert.match(text, /^\*\*Payment card number\*\* `bank-card`/);
    assert.match(text, /- Check character valid \(`bank-card`\)\n- Context word: `card`\n/);
    assert.match(text, /\[Rule page\]\(file:\/\/.*\/docs\/rules\/bank-card\.md\)/);
    assert.match(text, /- Negative context word: `订单号` \(lowers confidence\)/);
    assert.ok(text.includes(`\`${card.slice(0, 6)}${'*'.repeat(9)}${card.slice(-4)}\``));
  });

  it('in a table, names only the context words the scan saw (the value cell and the one before)', async () => {
    await start('en');
    // 订单号 sits two cells before the ID: outside its window, so neither the confidence nor the reasons mention it.
    const uri = 'file:///tmp/sdguard-lsp/window.csv';
    const text = `a,b,c,d\n订单号 x,y,${id},z\n`;
    client.open(uri, 'csv', text);
    const md = markdown(await client.hover(uri, at(text, id)));
    assert.match(md, /· confidence high/);
    assert.ok(!md.includes('订单号'), md);
  });

  it('is null away from a finding', async () => {
    await start('en');
    assert.equal(await client.hover(csvUri, { line: 0, character: 2 }), null);
    assert.equal(await client.hover(pyUri, { line: 1, character: 0 }), null);
  });

  it('speaks Chinese for a zh-cn client', async () => {
    await start('zh-cn');
    const text = markdown(await client.hover(csvUri, at(csv, mobile)));
    assert.match(text, /^\*\*手机号码\*\* `cn-mobile`\n\n值：`\d{3}\*{4}\d{4}` · 置信度：高\n\n- 结构有效（`cn-mobile`）\n- 列标题：`手机号`\n\n\[规则说明\]\(file:.*\) · \[修复…（Ctrl\+\.）\]\(command:editor\.action\.quickFix\) · \[保护整个文件…\]\(command:sdguard\.protectFile\)$/);
  });
});
