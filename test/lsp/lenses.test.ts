import { strict as assert } from 'node:assert';
import { CodeLensRefreshRequest, InitializedNotification, InitializeRequest, type CodeLens } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../support/lspClient';
import { payrollCsv, rangeOf } from './fixtures';

describe('column lenses: refreshed when what they say changed, not after every publish (real LSP client)', function () {
  this.timeout(60_000);
  let client: TestLspClient;
  let refreshes = 0;

  beforeEach(async () => {
    client = new TestLspClient();
    refreshes = 0;
    client.connection.onRequest(CodeLensRefreshRequest.type, () => {
      refreshes++;
    });
    // As VS Code does: the client can be asked to refresh its lenses.
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      locale: 'en',
      capabilities: { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true }, codeLens: { refreshSupport: true } } },
      initializationOptions: { setKeyCommand: true, trusted: true },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
  });
  afterEach(async () => client.dispose());

  const lenses = (uri: string) => client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<CodeLens[]>;
  const settle = () => new Promise((r) => setTimeout(r, 100));

  it('an edit that leaves the columns as they were publishes without a refresh; one that changes a count refreshes', async () => {
    const uri = 'file:///tmp/sdguard-lenses/payroll.csv';
    let text = payrollCsv(3);
    client.open(uri, 'csv', text);
    assert.equal((await client.diagnostics(uri)).length, 9);
    await settle();
    assert.equal(refreshes, 1, 'the first publish tells the client its lenses');
    assert.deepEqual((await lenses(uri)).map((l) => l.command?.title), ['身份证号 (B): 3 × Resident identity card number', '银行卡号 (C): 3 × Payment card number', '手机号 (D): 3 × Mainland mobile phone number']);

    // A remark edited: new diagnostics (a new version), the same columns.
    const remark = text.lastIndexOf(',') + 1;
    client.edit(uri, [{ range: rangeOf(text, remark, remark), newText: '7' }]);
    await client.diagnostics(uri, (d) => d.length === 9);
    await settle();
    assert.equal(refreshes, 1, 'no refresh when the lenses say the same');

    // A mobile number cut short: one fewer in column D.
    text = client.text(uri);
    const line = text.split('\n')[1];
    const mobileEnd = text.indexOf(line) + line.lastIndexOf(',');
    client.edit(uri, [{ range: rangeOf(text, mobileEnd - 1, mobileEnd), newText: '' }]);
    await client.diagnostics(uri, (d) => d.length === 8);
    await settle();
    assert.equal(refreshes, 2);
    assert.equal((await lenses(uri))[2].command?.title, '手机号 (D): 2 × Mainland mobile phone number');
  });
});
