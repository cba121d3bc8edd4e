import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { builtinEngine } from '../support/engine';
import { TestLspClient } from '../support/lspClient';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

const rng = makeRng(66);
const engine = builtinEngine();
const KEY = Buffer.from('a shared key of the agency, 32 bytes!').toString('base64');

function payroll(rows: number): { text: string; raws: string[] } {
  const raws: string[] = [];
  let text = '姓名,身份证号,银行卡号,手机号\n';
  for (let i = 0; i < rows; i++) {
    const row = [synthResidentId(rng), synthBankCard(rng), synthMobile(rng)];
    raws.push(...row);
    text += `员工${i},${row.join(',')}\n`;
  }
  return { text, raws };
}

describe('protecting values in the editor: four operators, key, selection, fix-all (real LSP client)', function () {
  this.timeout(60_000);
  let client: TestLspClient;

  beforeEach(async () => {
    client = new TestLspClient();
    await client.initialize('en');
  });
  afterEach(async () => client.dispose());

  async function quickFixes(uri: string, d: Diagnostic): Promise<CodeAction[]> {
    return (await client.codeActions(uri, d.range, [d], [CodeActionKind.QuickFix])) as CodeAction[];
  }

  it('offers Mask, Redact, Pseudonymize and Fake per finding; without a key the last two ask for one', async () => {
    const uri = 'file:///tmp/sdguard-protect/a.csv';
    const { text, raws } = payroll(2);
    client.open(uri, 'csv', text);
    const [first] = await client.diagnostics(uri);
    let actions = await quickFixes(uri, first);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false, a.edit ? 'edit' : a.command?.command]),
      [
        ['Mask this value (Resident identity card number)', true, 'edit'],
        ['Redact this value (Resident identity card number)', false, 'edit'],
        ['Pseudonymize this value (Resident identity card number): set a pseudonymization key first…', false, 'sdguard.setPseudonymizationKey'],
        ['Replace with a fake Resident identity card number: set a pseudonymization key first…', false, 'sdguard.setPseudonymizationKey'],
      ],
    );

    await client.connection.sendNotification('sdguard/setKey', { key: KEY });
    actions = await quickFixes(uri, first);
    const newText = (a: CodeAction) => Object.values(a.edit!.changes!)[0][0].newText;
    const pseudonym = newText(actions[2]);
    assert.match(pseudonym, /^ID_[0-9A-Z]{12}$/);
    const fake = newText(actions[3]);
    assert.equal(fake.length, 18);
    assert.ok(!raws.includes(fake));
    // The fake is an ID number that passes the same checks: the engine finds it with a valid checksum.
    assert.deepEqual(
      engine.scan(`身份证号,${fake}`, { kind: 'csv' }).map((f) => [f.ruleId, f.confidence]),
      [['cn-resident-id', 'high']],
    );
    // The same key gives the same token for the same value in another file.
    const other = 'file:///tmp/sdguard-protect/b.txt';
    client.open(other, 'plaintext', `身份证号：${raws[0]}\n`);
    const [d2] = await client.diagnostics(other);
    assert.equal(newText((await quickFixes(other, d2))[2]), pseudonym);
  });

  it('the protect command applies a mode to a selection only, or to the whole file, through one undoable edit', async () => {
    const uri = 'file:///tmp/sdguard-protect/c.csv';
    const { text, raws } = payroll(4);
    client.open(uri, 'csv', text);
    await client.diagnostics(uri);
    // Lines 2-3 (rows 1-2): six values.
    const result = (await client.executeCommand('sdguard.server.protect', { uri, mode: 'redact', range: { start: { line: 1, character: 0 }, end: { line: 3, character: 0 } } })) as { count: number; message: string };
    assert.deepEqual(result, { count: 6, message: 'Redacted 6 value(s).' });
    const lines = client.text(uri).split('\n');
    assert.equal(lines[1], '员工0,[ID NUMBER],[CARD NUMBER],[PHONE]');
    assert.equal(lines[3], text.split('\n')[3]);

    const noKey = (await client.executeCommand('sdguard.server.protect', { uri, mode: 'pseudonymize' })) as { count: number; error?: string; message: string };
    assert.equal(noKey.count, 0);
    assert.equal(noKey.error, 'missing-key');
    assert.match(noKey.message, /Set pseudonymization key/);
    assert.equal(client.text(uri).split('\n')[3], text.split('\n')[3]);

    await client.connection.sendNotification('sdguard/setKey', { key: KEY });
    const all = (await client.executeCommand('sdguard.server.protect', { uri, mode: 'pseudonymize' })) as { count: number };
    assert.equal(all.count, 6);
    const after = client.text(uri);
    for (const raw of raws) assert.ok(!after.includes(raw));
    assert.deepEqual(engine.scan(after, { kind: 'csv' }), []);
  });

  it("redact uses the project's fixed placeholder (.sdguard.yaml redact.placeholder) in quick fixes and commands", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdguard-placeholder-'));
    try {
      writeFileSync(join(dir, '.sdguard.yaml'), 'redact: { placeholder: "[REMOVED]" }\n');
      const { text } = payroll(1);
      const path = join(dir, 'p.csv');
      writeFileSync(path, text);
      const uri = pathToFileURL(path).href;
      client.open(uri, 'csv', text);
      const [first] = await client.diagnostics(uri, (d) => d.length > 0);
      const redact = (await quickFixes(uri, first))[1];
      assert.equal(Object.values(redact.edit!.changes!)[0][0].newText, '[REMOVED]');
      await client.executeCommand('sdguard.server.protect', { uri, mode: 'redact' });
      assert.equal(client.text(uri).split('\n')[1], '员工0,[REMOVED],[REMOVED],[REMOVED]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fix-all applies sdguard.defaultMode (falling back to mask without a key)', async () => {
    client.settings = { enable: true, run: 'onType', defaultMode: 'fake' };
    const uri = 'file:///tmp/sdguard-protect/d.csv';
    const { text } = payroll(3);
    client.open(uri, 'csv', text);
    await client.diagnostics(uri);
    const fixAll = async () => ((await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.sdguard'])) as CodeAction[])[0];
    const masked = Object.values((await fixAll()).edit!.changes!)[0];
    assert.equal(masked.length, 9);
    assert.ok(masked.every((e) => e.newText.includes('*')));

    await client.connection.sendNotification('sdguard/setKey', { key: KEY });
    const faked = Object.values((await fixAll()).edit!.changes!)[0];
    assert.equal(faked.length, 9);
    assert.ok(faked.every((e) => /^[0-9X]+$/.test(e.newText)));
  });
});
