import { strict as assert } from 'node:assert';
import { CodeActionKind, DiagnosticSeverity, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../support/lspClient';
import { expectedDiagnostics, payrollCsv, summarize } from './fixtures';

// 1,000 rows × (ID, card, mobile) = 3,000 findings.
const csv = payrollCsv(1000, 31);
const uri = 'file:///tmp/sdguard-lsp/cap.csv';
const NOTICE = 'sdguard-more';

function notice(diags: Diagnostic[]): Diagnostic {
  const last = diags[diags.length - 1];
  assert.equal(last.code, NOTICE);
  return last;
}

describe('diagnostics cap (sdguard.maxDiagnostics)', function () {
  this.timeout(60_000);
  let client: TestLspClient;

  afterEach(async () => client.dispose());

  async function start(locale: string, settings: Record<string, unknown> = { enable: true, run: 'onType', maxDiagnostics: 1000 }): Promise<Diagnostic[]> {
    client = new TestLspClient();
    client.settings = settings;
    await client.initialize(locale);
    client.open(uri, 'csv', csv);
    return client.diagnostics(uri);
  }

  it('publishes the first 1,000 findings in document order and one notice of the 2,000 more', async () => {
    const want = expectedDiagnostics(uri, 'csv', csv);
    assert.equal(want.length, 3000);
    const diags = await start('en');
    assert.equal(diags.length, 1001);
    assert.deepEqual(summarize(diags.slice(0, 1000)), want.slice(0, 1000));
    const more = notice(diags);
    assert.equal(more.severity, DiagnosticSeverity.Information);
    assert.equal(more.source, 'sdguard');
    assert.deepEqual(more.data, { more: 2000, total: 3000 });
    assert.match(more.message as string, /^2000 more sensitive value\(s\) in this file are not listed \(sdguard\.maxDiagnostics is 1000\)\. "Mask all in file" and "Redact all in file" handle every value\.$/);
    // Placed right after the last one shown: on the first finding left out.
    assert.deepEqual(more.range, want[1000].range);
  });

  it('the default cap is 1,000', async () => {
    const diags = await start('en', { enable: true, run: 'onType' });
    assert.equal(diags.length, 1001);
    assert.match(notice(diags).message as string, /^2000 more/);
  });

  it('says it in Chinese for a zh-cn client', async () => {
    const diags = await start('zh-cn');
    assert.match(notice(diags).message as string, /^此文件中另有 2000 处敏感信息未列出/);
  });

  it('offers the file-wide commands on the notice, and they handle all 3,000 values', async () => {
    const diags = await start('en');
    const more = notice(diags);
    const actions = await client.codeActions(uri, more.range, [more]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.command?.command, a.command?.arguments]),
      [
        ['Mask all sensitive values in this file', CodeActionKind.QuickFix, 'sdguard.server.maskAll', [uri]],
        ['Redact all sensitive values in this file', CodeActionKind.QuickFix, 'sdguard.server.redactAll', [uri]],
      ],
    );
    const result = await client.executeCommand(actions[1].command!.command, ...actions[1].command!.arguments!);
    assert.deepEqual(result, { count: 3000, message: 'Redacted 3000 value(s).' });
    assert.equal(client.text(uri).split('[ID NUMBER]').length - 1, 1000);
    assert.deepEqual(await client.diagnostics(uri, (d) => d.length === 0), []);
  });

  it('source.fixAll.sdguard masks all 3,000 values, not only the 1,000 listed', async () => {
    await start('en');
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    const edits = actions[0].edit!.changes![uri] as TextEdit[];
    assert.equal(edits.length, 3000);
    client.edit(uri, edits);
    assert.deepEqual(expectedDiagnostics(uri, 'csv', client.text(uri)), []);
    assert.deepEqual(await client.diagnostics(uri, (d) => d.length === 0), []);
  });

  it('with fewer findings than the cap there is no notice', async () => {
    const small = payrollCsv(3, 5);
    client = new TestLspClient();
    client.settings = { enable: true, run: 'onType', maxDiagnostics: 9 };
    await client.initialize('en');
    client.open(uri, 'csv', small);
    assert.equal((await client.diagnostics(uri)).length, 9);
    client.edit(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: payrollCsv(1, 6).split('\n')[1] + '\n' }]);
    const after = await client.diagnostics(uri, (d) => d.length === 10);
    assert.match(notice(after).message as string, /^3 more/);
  });
});
