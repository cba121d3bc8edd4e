import { strict as assert } from 'node:assert';
import { NotificationType, type CodeLens, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../support/lspClient';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';
import { expectedDiagnostics, rangeOf, summarize } from './fixtures';

const rng = makeRng(77);

function quotedCsv(rows: number): string {
  let text = '姓名,"地址, 备注",身份证号,银行卡号,手机号\r\n';
  for (let i = 0; i < rows; i++) text += `张${i},"北京市\r\n朝阳区 ""A座""",${synthResidentId(rng)},${synthBankCard(rng)},${synthMobile(rng)}\r\n`;
  return text;
}


describe('tables in the editor: columns, lenses, structure, size limit (real LSP client)', function () {
  this.timeout(60_000);
  let client: TestLspClient;

  beforeEach(async () => {
    client = new TestLspClient();
    await client.initialize('en');
  });
  afterEach(async () => client.dispose());

  it('lists findings after multi-line quoted fields where they are; lenses, header hover and the column list say what each column holds', async () => {
    const uri = 'file:///tmp/sdguard-lsp/quoted.csv';
    const text = quotedCsv(3);
    client.open(uri, 'csv', text);
    const diags = await client.diagnostics(uri);
    assert.deepEqual(summarize(diags), expectedDiagnostics(uri, 'csv', text));
    assert.deepEqual(
      diags.filter((d) => d.code === 'cn-resident-id').map((d) => [d.range.start.line, d.range.start.character]),
      [
        [2, 12],
        [4, 12],
        [6, 12],
      ],
    );

    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    assert.deepEqual(
      lenses.map((l) => [l.range.start.character, l.command?.title, l.command?.command]),
      [
        [12, '身份证号 (C): 3 × Resident identity card number', 'sdguard.listSensitiveColumns'],
        [17, '银行卡号 (D): 3 × Payment card number', 'sdguard.listSensitiveColumns'],
        [22, '手机号 (E): 3 × Mainland mobile phone number', 'sdguard.listSensitiveColumns'],
      ],
    );

    const hover = await client.hover(uri, { line: 0, character: 13 });
    assert.match((hover?.contents as MarkupContent).value, /身份证号 \(C\): 3 × Resident identity card number/);
    assert.equal(await client.hover(uri, { line: 0, character: 1 }), null);

    const listed = (await client.executeCommand('sdguard.server.sensitiveColumns', uri)) as { columns: { label: string; line: number; character: number }[] };
    assert.deepEqual(
      listed.columns.map((c) => [c.label, c.line, c.character]),
      [
        ['身份证号 (C)', 0, 12],
        ['银行卡号 (D)', 0, 17],
        ['手机号 (E)', 0, 22],
      ],
    );
  });

  it('an edit inside a quoted value is incremental and exact; breaking and mending a quote moves the structure notice', async () => {
    const uri = 'file:///tmp/sdguard-lsp/edit.csv';
    let text = quotedCsv(4);
    client.open(uri, 'csv', text);
    await client.diagnostics(uri);

    // Change the address text inside quotes (no quote or delimiter touched).
    const at = text.indexOf('朝阳区', text.indexOf('\n', 60));
    client.edit(uri, [{ range: rangeOf(text, at, at + 3), newText: '海淀区西' }]);
    text = client.text(uri);
    let diags = await client.diagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(summarize(diags), expectedDiagnostics(uri, 'csv', text));

    // Drop a closing quote: the rest of the file is one field, and one notice says where it opened.
    const closing = text.indexOf('A座"""') + 4;
    client.edit(uri, [{ range: rangeOf(text, closing, closing + 1), newText: '' }]);
    text = client.text(uri);
    diags = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'sdguard-csv-structure'));
    const notice = diags.filter((d) => d.code === 'sdguard-csv-structure');
    assert.equal(notice.length, 1);
    // The next row's opening quote ends the damaged field early: row 2 comes out short.
    assert.match(notice[0].message as string, /CSV structure: row 2 has 2 field\(s\) where the first row has 5/);
    assert.deepEqual(summarize(diags), expectedDiagnostics(uri, 'csv', text));

    // Put it back: the notice goes.
    client.edit(uri, [{ range: rangeOf(text, closing, closing), newText: '"' }]);
    diags = await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'sdguard-csv-structure'));
    assert.deepEqual(summarize(diags), expectedDiagnostics(uri, 'csv', client.text(uri)));
  });

  it('says once on the header that Excel damaged an ID column, besides each cell', async () => {
    const uri = 'file:///tmp/sdguard-lsp/mangled.csv';
    client.open(uri, 'csv', '姓名,身份证号,手机号\na,1.10105E+17,x\nb,4.40301E+17,y\n');
    const diags = await client.diagnostics(uri);
    const header = diags.filter((d) => d.range.start.line === 0);
    assert.equal(header.length, 1);
    assert.equal(header[0].code, 'excel-mangled');
    assert.deepEqual(header[0].range, { start: { line: 0, character: 3 }, end: { line: 0, character: 7 } });
    assert.match(header[0].message as string, /身份证号 \(B\): 2 value\(s\) were damaged by Excel/);
    assert.equal(diags.filter((d) => d.code === 'excel-mangled').length, 3);
  });

  it('a file above sdguard.maxFileSizeMB is not scanned: one notice, then scanned once the limit is raised', async () => {
    const notices: { uri: string; message: string }[] = [];
    client.connection.onNotification(new NotificationType<{ uri: string; message: string }>('sdguard/fileTooLarge'), (p) => {
      notices.push(p);
    });
    client.settings = { enable: true, run: 'onType', maxFileSizeMB: 0.001 };
    const uri = 'file:///tmp/sdguard-lsp/big.csv';
    const text = quotedCsv(20);
    client.open(uri, 'csv', text);
    assert.deepEqual(await client.diagnostics(uri), []);
    client.save(uri);
    await client.diagnostics(uri, (d) => d.length === 0);
    assert.equal(notices.length, 1);
    assert.match(notices[0].message, /larger than sdguard\.maxFileSizeMB \(0\.001 MB\).*CLI/);
    assert.equal(await client.hover(uri, { line: 2, character: 14 }), null);

    client.settings = { enable: true, run: 'onType', maxFileSizeMB: 50 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const diags = await client.diagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(summarize(diags), expectedDiagnostics(uri, 'csv', text));
    assert.equal(notices.length, 1);
  });
});
