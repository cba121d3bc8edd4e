import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, NotificationType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { builtinEngine } from '../support/engine';
import { TestLspClient } from '../support/lspClient';
import { makeRng, synthResidentId } from '../support/synth';
import { payrollCsv } from './fixtures';

const rng = makeRng(55);
const engine = builtinEngine();

/** What a diagnostic on the first ID of `text` would be (a client may send stale ones). */
function idDiagnostic(text: string): Diagnostic {
  const line = 1;
  const character = text.split('\n')[1].indexOf(',') + 1;
  return { range: { start: { line, character }, end: { line, character: character + 18 } }, source: 'sdguard', code: 'cn-resident-id', message: '', data: { ruleId: 'cn-resident-id' } };
}

describe('one gate: excluded, too large or disabled documents are left alone by every feature (real LSP client)', function () {
  this.timeout(60_000);
  let client: TestLspClient;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-gate-'));
    client = new TestLspClient();
  });
  afterEach(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Fix-all, quick fixes, the file commands and the column list on a document the gate leaves out. */
  async function assertUntouched(uri: string, text: string): Promise<void> {
    assert.deepEqual(await client.diagnostics(uri), []);
    const fixAll = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.deepEqual(fixAll, [], 'fix-all (on save) changes nothing');
    const d = idDiagnostic(text);
    assert.deepEqual(await client.codeActions(uri, d.range, [d], [CodeActionKind.QuickFix]), [], 'no quick fix');
    for (const [command, arg] of [
      ['sdguard.server.maskAll', uri],
      ['sdguard.server.redactAll', uri],
      ['sdguard.server.protect', { uri, mode: 'mask' }],
    ] as const) {
      const result = (await client.executeCommand(command, arg)) as { count: number };
      assert.equal(result.count, 0, command);
    }
    const columns = (await client.executeCommand('sdguard.server.sensitiveColumns', uri)) as { columns: unknown[] };
    assert.deepEqual(columns.columns, []);
    assert.equal(client.text(uri), text);
  }

  it('a document under sdguard.exclude: no edits from fix-all, quick fixes or commands', async () => {
    client.settings = { enable: true, run: 'onType', exclude: ['private.csv'] };
    await client.initialize('en');
    const uri = pathToFileURL(join(dir, 'private.csv')).href;
    const text = payrollCsv(3, 55);
    client.open(uri, 'csv', text);
    await assertUntouched(uri, text);
  });

  it('a document above sdguard.maxFileSizeMB: no edits from fix-all, quick fixes or commands', async () => {
    client.settings = { enable: true, run: 'onType', maxFileSizeMB: 0.001 };
    await client.initialize('en');
    const uri = pathToFileURL(join(dir, 'big.csv')).href;
    const text = payrollCsv(30, 56);
    client.open(uri, 'csv', text);
    await assertUntouched(uri, text);
  });

  it('a document with sdguard.enable off: no edits from fix-all, quick fixes or commands', async () => {
    client.settings = { enable: false, run: 'onType' };
    await client.initialize('en');
    const uri = pathToFileURL(join(dir, 'off.csv')).href;
    const text = payrollCsv(3, 57);
    client.open(uri, 'csv', text);
    await assertUntouched(uri, text);
  });

  it('the status says a file is too large while it is, and no longer once the limit is raised (the status item follows it)', async () => {
    const statuses: { uri: string; tooLarge: boolean; total: number }[] = [];
    client.connection.onNotification(new NotificationType<(typeof statuses)[number]>('sdguard/status'), (p) => {
      statuses.push(p);
    });
    client.settings = { enable: true, run: 'onType', maxFileSizeMB: 0.001 };
    await client.initialize('en');
    const uri = pathToFileURL(join(dir, 'big.csv')).href;
    client.open(uri, 'csv', payrollCsv(30, 58));
    assert.deepEqual(await client.diagnostics(uri), []);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(statuses.at(-1)?.tooLarge, true);
    client.settings = { enable: true, run: 'onType', maxFileSizeMB: 50 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.diagnostics(uri, (d) => d.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual([statuses.at(-1)?.tooLarge, statuses.at(-1)?.total], [false, 90]);
  });

  it('workspace protect skips files under sdguard.exclude, on disk and open alike', async () => {
    client.settings = { enable: true, run: 'onType', exclude: ['private.csv', '*.log'] };
    await client.initialize('en');
    writeFileSync(join(dir, 'kept.csv'), payrollCsv(2, 59));
    const privateText = payrollCsv(2, 60);
    writeFileSync(join(dir, 'private.csv'), privateText);
    const logPath = join(dir, 'open.log');
    const logText = `身份证号：${synthResidentId(rng)}\n`;
    writeFileSync(logPath, logText);
    const logUri = pathToFileURL(logPath).href;
    client.open(logUri, 'log', logText);
    assert.deepEqual(await client.diagnostics(logUri), []);

    const plan = (await client.executeCommand('sdguard.server.planWorkspace', { folders: [dir], mode: 'mask' })) as { files: number; total: number };
    assert.deepEqual([plan.files, plan.total], [1, 6]);
    const result = (await client.executeCommand('sdguard.server.applyWorkspace', { folders: [dir], mode: 'mask' })) as { files: number; values: number };
    assert.deepEqual([result.files, result.values], [1, 6]);
    assert.equal(readFileSync(join(dir, 'private.csv'), 'utf8'), privateText);
    assert.equal(client.text(logUri), logText);
    assert.deepEqual(engine.scan(readFileSync(join(dir, 'kept.csv'), 'utf8'), { kind: 'csv' }), [], 'the other file is masked');
  });
});
