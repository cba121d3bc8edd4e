import { strict as assert } from 'node:assert';
import { NotificationType } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../support/lspClient';
import { makeRng, synthMobile, synthResidentId } from '../support/synth';

const rng = makeRng(99);

describe('settings a user looks for, and the status the server reports (real LSP client)', function () {
  this.timeout(60_000);
  let client: TestLspClient;
  afterEach(async () => client.dispose());

  it('sdguard.exclude leaves matching files unscanned; the status notification counts findings by type', async () => {
    client = new TestLspClient();
    client.settings = { enable: true, run: 'onType', exclude: ['*.log', 'fixtures/**'] };
    const statuses: { uri: string; total: number; byType: { ruleId: string; count: number }[]; scannedAt: string; restricted: boolean }[] = [];
    client.connection.onNotification(new NotificationType<(typeof statuses)[number]>('sdguard/status'), (p) => {
      statuses.push(p);
    });
    await client.initialize('en');
    const text = `身份证号：${synthResidentId(rng)}\n手机：${synthMobile(rng)}\n身份证：${synthResidentId(rng)}\n`;
    client.open('file:///tmp/sdguard-settings/app.log', 'log', text);
    client.open('file:///tmp/sdguard-settings/notes.txt', 'plaintext', text);
    assert.equal((await client.diagnostics('file:///tmp/sdguard-settings/notes.txt')).length, 3);
    assert.deepEqual(await client.diagnostics('file:///tmp/sdguard-settings/app.log'), []);
    await new Promise((r) => setTimeout(r, 100));
    const notes = statuses.find((s) => s.uri.endsWith('notes.txt'))!;
    assert.equal(notes.total, 3);
    assert.deepEqual(notes.byType.map((c) => [c.ruleId, c.count]), [['cn-resident-id', 2], ['cn-mobile', 1]]);
    assert.ok(Date.now() - Date.parse(notes.scannedAt) < 60_000);
    assert.equal(notes.restricted, false);
    assert.equal(statuses.find((s) => s.uri.endsWith('app.log'))?.total ?? 0, 0);
  });
});
