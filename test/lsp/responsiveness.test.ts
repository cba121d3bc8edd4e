import { strict as assert } from 'node:assert';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver-protocol/node';
import { builtinEngine } from '../support/engine';
import { TestLspClient } from '../support/lspClient';
import { bigPayrollCsv, PAYROLL_HEADER, rangeOf } from './fixtures';

// About 10 MB of payroll rows (~190,000 findings): its scan takes many slices.
const text = bigPayrollCsv(10_000_000);
const firstRow = text.indexOf('\n') + 1;
const idStart = text.indexOf(',', firstRow) + 1;
const idRange = rangeOf(text, idStart, idStart + 18);

describe('responsiveness while a large file is scanned', function () {
  this.timeout(120_000);
  let client: TestLspClient;

  beforeEach(async () => {
    client = new TestLspClient();
    await client.initialize('en');
  });
  afterEach(async () => client.dispose());

  it('answers hovers and code actions during the scan, before the first diagnostics', async () => {
    const uri = 'file:///tmp/sdguard-lsp/big.csv';
    client.open(uri, 'csv', text);
    const diag: Diagnostic = { range: idRange, code: 'cn-resident-id', source: 'sdguard', message: '', data: { ruleId: 'cn-resident-id' } };
    // One request at a time, alternating, until the diagnostics come. A server that scanned in
    // one piece would answer at most the one or two that arrive before its scan starts.
    let answeredBefore = 0;
    for (let i = 0; !client.latest.has(uri) && i < 100_000; i++) {
      if (i % 2 === 0) {
        const h = await client.hover(uri, idRange.start);
        assert.match((h!.contents as MarkupContent).value, /^\*\*Resident identity card number\*\*/);
        assert.ok(!(h!.contents as MarkupContent).value.includes(text.slice(idStart, idStart + 18)));
      } else {
        const actions = await client.codeActions(uri, idRange, [diag]);
        assert.deepEqual(actions.map((a) => a.title).slice(0, 2), ['Mask this value (Resident identity card number)', 'Redact this value (Resident identity card number)']);
      }
      if (!client.latest.has(uri)) answeredBefore++;
    }
    assert.ok(answeredBefore >= 5, `only ${answeredBefore} requests were answered before the first diagnostics`);
    const diags = client.latest.get(uri)!.diagnostics;
    assert.equal(diags.length, 1001);
    assert.equal(diags[1000].code, 'sdguard-more');
  });

  it('a newer version replaces the scan of the older one: only the newest is published', async () => {
    const uri = 'file:///tmp/sdguard-lsp/big2.csv';
    client.open(uri, 'csv', text);
    // An edit of the header row needs a whole new scan; the one of version 1 must not be published.
    client.edit(uri, [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 7 } }, newText: '订单号' }]);
    const diags = await client.diagnostics(uri, () => true, 60_000);
    assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => p.version), [2]);
    const final = client.text(uri);
    assert.ok(final.startsWith(PAYROLL_HEADER.replace('身份证号', '订单号')));
    // What was published is a scan of the new header's text (an order-number column now).
    const total = builtinEngine().scan(final, { kind: 'csv' }).length;
    assert.equal(diags.length, 1001);
    assert.match(diags[1000].message as string, new RegExp(`^${total - 1000} more`));
  });
});
