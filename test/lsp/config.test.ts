import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  RegistrationRequest,
  ShowMessageNotification,
  type Diagnostic,
  type RegistrationParams,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../support/lspClient';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();

describe('language server: project configuration (.sdguard.yaml)', function () {
  this.timeout(30_000);
  const rng = makeRng(9393);
  const id = synthResidentId(rng);
  const mobile = synthMobile(rng);
  const card = synthBankCard(rng, 'unionpay', { length: 19 });
  const payroll = `姓名,身份证号,手机号,银行卡号\n张三,${id},${mobile},${card}\n`;
  let dir: string;
  let client: TestLspClient;
  let messages: ShowMessageParams[];
  let registrations: RegistrationParams[];

  const uri = (rel: string) => pathToFileURL(join(dir, rel)).href;
  const write = (rel: string, text: string) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  /** Tells the server a configuration file changed, as an editor's file watcher does. */
  const changed = (rel: string, type: FileChangeType = FileChangeType.Changed) =>
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(rel), type }] });

  async function start(locale: string): Promise<void> {
    client = new TestLspClient();
    messages = [];
    registrations = [];
    client.connection.onNotification(ShowMessageNotification.method, (p: ShowMessageParams) => void messages.push(p));
    client.connection.onRequest(RegistrationRequest.type, (p) => {
      registrations.push(p);
    });
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      locale,
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-lsp-config-'));
    await start('en');
  });
  afterEach(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('watches configuration files and uses each document\'s nearest configuration', async () => {
    write('.sdguard.yaml', 'rules:\n  cn-mobile: off\n  cn-resident-id: info\n');
    write('team/.sdguard.yaml', 'rules:\n  bank-card: off\n');
    client.open(uri('payroll.csv'), 'csv', payroll);
    client.open(uri('team/payroll.csv'), 'csv', payroll);
    const root = await client.diagnostics(uri('payroll.csv'), (d) => d.length > 0);
    assert.deepEqual(codes(root), ['bank-card', 'cn-resident-id']);
    assert.equal(root.find((d) => d.code === 'cn-resident-id')!.severity, 3, 'info');
    assert.deepEqual(codes(await client.diagnostics(uri('team/payroll.csv'), (d) => d.length > 0)), ['cn-mobile', 'cn-resident-id']);
    const watchers = registrations.flatMap((r) => r.registrations).filter((r) => r.method === DidChangeWatchedFilesNotification.method);
    assert.equal(watchers.length, 1);
    assert.deepEqual(watchers[0].registerOptions, { watchers: [{ globPattern: '**/.sdguard.{yaml,yml,json}' }] });
  });

  it('reloads a changed configuration and scans open documents again', async () => {
    write('.sdguard.yaml', 'rules:\n  cn-mobile: off\n');
    client.open(uri('payroll.csv'), 'csv', payroll);
    assert.deepEqual(codes(await client.diagnostics(uri('payroll.csv'), (d) => d.length > 0)), ['bank-card', 'cn-resident-id']);
    write('.sdguard.yaml', `rules:\n  bank-card: off\nallow:\n  - value: "${id}"\n`);
    changed('.sdguard.yaml');
    assert.deepEqual(codes(await client.diagnostics(uri('payroll.csv'), (d) => codes(d).join() === 'cn-mobile')), ['cn-mobile']);
    // Deleted: the built-in rules again.
    unlinkSync(join(dir, '.sdguard.yaml'));
    changed('.sdguard.yaml', FileChangeType.Deleted);
    assert.deepEqual(codes(await client.diagnostics(uri('payroll.csv'), (d) => d.length === 3)), ['bank-card', 'cn-mobile', 'cn-resident-id']);
    // Created: a configuration nearer than any before.
    write('.sdguard.yml', 'ignore: ["*.csv"]\n');
    changed('.sdguard.yml', FileChangeType.Created);
    assert.deepEqual(await client.diagnostics(uri('payroll.csv'), (d) => d.length === 0), []);
  });

  it('a broken configuration keeps the last good one: one diagnostic on the file, one message', async () => {
    write('.sdguard.yaml', 'rules:\n  cn-mobile: off\n');
    client.open(uri('payroll.csv'), 'csv', payroll);
    assert.deepEqual(codes(await client.diagnostics(uri('payroll.csv'), (d) => d.length > 0)), ['bank-card', 'cn-resident-id']);
    write('.sdguard.yaml', 'rules:\n  cn-mobile: off\n  bank-card: { severty: error }\n');
    changed('.sdguard.yaml');
    const configDiagnostics = await client.diagnostics(uri('.sdguard.yaml'), (d) => d.length > 0);
    assert.equal(configDiagnostics.length, 1);
    assert.equal(configDiagnostics[0].code, 'config');
    assert.equal(configDiagnostics[0].severity, 1);
    assert.deepEqual(configDiagnostics[0].range.start, { line: 2, character: 15 });
    assert.match(String(configDiagnostics[0].message), /^rules\.bank-card\.severty: is not a known field/);
    // The message, once, even when told again.
    changed('.sdguard.yaml');
    await new Promise((r) => setTimeout(r, 300));
    const errors = messages.filter((m) => m.type === 1);
    assert.equal(errors.length, 1, JSON.stringify(messages));
    assert.match(errors[0].message, /\.sdguard\.yaml:3:16: rules\.bank-card\.severty: is not a known field.*last valid configuration stays in use/);
    // Still the last good configuration: cn-mobile stays off.
    assert.deepEqual(codes(client.latest.get(uri('payroll.csv'))!.diagnostics), ['bank-card', 'cn-resident-id']);

    // Open, the configuration file shows its error beside its own findings.
    client.open(uri('.sdguard.yaml'), 'yaml', 'rules:\n  cn-mobile: off\n  bank-card: { severty: error }\n');
    assert.deepEqual(codes(await client.diagnostics(uri('.sdguard.yaml'), (d) => d.length > 0)), ['config']);

    // Fixed (saved from the editor, no watcher needed): the error goes, the new rules apply.
    write('.sdguard.yaml', 'rules:\n  cn-resident-id: off\n');
    client.save(uri('.sdguard.yaml'));
    assert.deepEqual(await client.diagnostics(uri('.sdguard.yaml'), (d) => d.length === 0), []);
    assert.deepEqual(codes(await client.diagnostics(uri('payroll.csv'), (d) => codes(d).join() === 'bank-card,cn-mobile')), ['bank-card', 'cn-mobile']);
  });

  it('says what is wrong with a configuration in Chinese to a zh-CN client', async () => {
    await client.dispose();
    write('.sdguard.yaml', 'rules:\n  bank-card: { severty: error }\n');
    await start('zh-cn');
    client.open(uri('.sdguard.yaml'), 'yaml', 'rules:\n  bank-card: { severty: error }\n');
    const [d] = await client.diagnostics(uri('.sdguard.yaml'), (list) => list.length > 0);
    assert.equal(d.message, 'rules.bank-card.severty: 不是可用的字段（可用字段：enabled, severity, minConfidence, mask, placeholder）');
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(messages.some((m) => m.type === 1 && m.message.includes('.sdguard.yaml:2:16: rules.bank-card.severty: 不是可用的字段')), JSON.stringify(messages));
  });

  it('a configuration broken from the start: the built-in rules, and the error', async () => {
    write('.sdguard.yaml', 'allow:\n  - pattern: "(a+)+$"\n');
    client.open(uri('payroll.csv'), 'csv', payroll);
    assert.deepEqual(codes(await client.diagnostics(uri('payroll.csv'), (d) => d.length > 0)), ['bank-card', 'cn-mobile', 'cn-resident-id']);
    const d = await client.diagnostics(uri('.sdguard.yaml'), (ds) => ds.length > 0);
    assert.match(String(d[0].message), /allow\[0\]\.pattern: unsafe regular expression \(catastrophic backtracking/);
    await new Promise((r) => setTimeout(r, 100));
    assert.match(messages.find((m) => m.type === 1)!.message, /built-in rules are used until this is fixed/);
  });

  it('custom rules and ignored paths', async () => {
    write('.sdguard.yaml', 'ignore: ["fixtures/"]\ncustomRules:\n  - id: employee-no\n    pattern: "^E\\\\d{6}$"\n    length: 7\n    context: { hotwords: [工号], required: true }\n');
    client.open(uri('notes.txt'), 'plaintext', '工号 E123456\n');
    const d = await client.diagnostics(uri('notes.txt'), (ds) => ds.length > 0);
    assert.deepEqual(codes(d), ['employee-no']);
    assert.deepEqual(d[0].range, { start: { line: 0, character: 3 }, end: { line: 0, character: 10 } });
    client.open(uri('fixtures/payroll.csv'), 'csv', payroll);
    assert.deepEqual(await client.diagnostics(uri('fixtures/payroll.csv')), []);
  });

  it('fingerprint allow entries use the editor\'s key, and say so when there is none', async () => {
    const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const { fingerprint } = await import('../../server/src/engine/redact/operators');
    write('.sdguard.yaml', `allow:\n  - fingerprint: "fp:${fingerprint(key, 'cn-resident-id', id)}"\n`);
    client.open(uri('payroll.csv'), 'csv', payroll);
    assert.deepEqual(codes(await client.diagnostics(uri('payroll.csv'), (d) => d.length > 0)), ['bank-card', 'cn-mobile', 'cn-resident-id']);
    void client.connection.sendNotification('sdguard/setKey', { key: null });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(messages.filter((m) => /allows values by fingerprint, but no pseudonymization key is set/.test(m.message)).length, 1);
    void client.connection.sendNotification('sdguard/setKey', { key: key.toString('base64') });
    assert.deepEqual(codes(await client.diagnostics(uri('payroll.csv'), (d) => d.length === 2)), ['bank-card', 'cn-mobile']);
  });

  it('an untrusted workspace does not apply its configuration, and says it exists', async () => {
    await client.dispose();
    client = new TestLspClient();
    messages = [];
    client.connection.onNotification(ShowMessageNotification.method, (p: ShowMessageParams) => void messages.push(p));
    await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, locale: 'en', capabilities: { workspace: { configuration: true } }, initializationOptions: { trusted: false } });
    await client.connection.sendNotification(InitializedNotification.type, {});
    write('.sdguard.yaml', 'rules:\n  cn-mobile: off\n');
    client.open(uri('payroll.csv'), 'csv', payroll);
    assert.deepEqual(codes(await client.diagnostics(uri('payroll.csv'), (d) => d.length > 0)), ['bank-card', 'cn-mobile', 'cn-resident-id']);
    await new Promise((r) => setTimeout(r, 100));
    assert.match(messages.find((m) => m.type === 3)!.message, /\.sdguard\.yaml is not applied because this workspace is not trusted/);
    // Trusted: the configuration applies.
    void client.connection.sendNotification('sdguard/trust', { trusted: true });
    assert.deepEqual(codes(await client.diagnostics(uri('payroll.csv'), (d) => d.length === 2)), ['bank-card', 'cn-resident-id']);
  });
});
