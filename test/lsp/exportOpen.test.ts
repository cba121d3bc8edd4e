import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestLspClient } from '../support/lspClient';
import { makeRng, synthResidentId } from '../support/synth';

const rng = makeRng(31);

describe('Export redacted copy of an open document: what the editor shows (real LSP client)', function () {
  this.timeout(60_000);
  let client: TestLspClient;
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-export-open-'));
    client = new TestLspClient();
    await client.initialize('en');
  });
  afterEach(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a .txt the editor reads as CSV: the copy changes the values the editor lists, by the column headers', async () => {
    // Under an order-number header a valid ID is no ID; under an ID header it is (a table only).
    const order = synthResidentId(rng);
    const id = synthResidentId(rng);
    const text = `订单号,金额,身份证号\n${order},12.00,${id}\n`;
    const path = join(dir, 'orders.txt');
    writeFileSync(path, text);
    const uri = pathToFileURL(path).href;
    client.open(uri, 'csv', text);
    const diags = await client.diagnostics(uri);
    assert.deepEqual(diags.map((d) => d.code), ['cn-resident-id']);

    const result = (await client.executeCommand('sdguard.server.exportRedactedCopy', { uri, mode: 'redact' })) as { output: string; count: number };
    assert.equal(result.count, diags.length);
    const copy = readFileSync(result.output, 'utf8');
    assert.ok(copy.includes(order), 'the order number is left as the editor leaves it');
    assert.ok(!copy.includes(id));
  });

  it('unsaved edits are in the copy, with the findings the editor has for them', async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'nothing here\n');
    const uri = pathToFileURL(path).href;
    client.open(uri, 'plaintext', 'nothing here\n');
    assert.deepEqual(await client.diagnostics(uri), []);
    const id = synthResidentId(rng);
    client.edit(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: `身份证号：${id}\n` }]);
    assert.equal((await client.diagnostics(uri, (d) => d.length === 1)).length, 1);
    const result = (await client.executeCommand('sdguard.server.exportRedactedCopy', { uri, mode: 'mask' })) as { output: string; count: number };
    assert.equal(result.count, 1);
    const copy = readFileSync(result.output, 'utf8');
    assert.ok(copy.startsWith('nothing here\n身份证号：') && !copy.includes(id), copy);
    assert.equal(readFileSync(path, 'utf8'), 'nothing here\n');
  });
});
