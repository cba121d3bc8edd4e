import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CodeActionRequest,
  DiagnosticSeverity,
  ExecuteCommandRequest,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../support/lspClient';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

const rng = makeRng(4242);
const id = synthResidentId(rng);
const id2 = synthResidentId(rng);
const card = synthBankCard(rng, 'unionpay', { length: 19 });
const mobile = synthMobile(rng);
const raws = [id, id2, card, mobile];

const csv = `姓名,身份证号,银行卡号,手机号\n张三,${id},${card},${mobile}\n李四,${id2},,\n`;
const csvUri = 'file:///tmp/sdguard-lsp/payroll.csv';

function position(text: string, value: string) {
  const at = text.indexOf(value);
  const lines = text.slice(0, at).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

function codeActions(client: TestLspClient, uri: string, diagnostics: Diagnostic[], only?: string[]) {
  return client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics, ...(only ? { only } : {}) },
  }) as Promise<CodeAction[]>;
}

/** Our server sends plain-text messages. */
function messageOf(d: Diagnostic): string {
  assert.equal(typeof d.message, 'string');
  return d.message as string;
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  return action.edit!.changes![uri];
}

describe('language server over stdio (real LSP client)', function () {
  this.timeout(30_000);
  let client: TestLspClient;

  beforeEach(async () => {
    client = new TestLspClient();
    await client.initialize('en');
  });
  afterEach(async () => client.dispose());

  it('publishes one diagnostic per value with exact ranges, codes, links and masked messages', async () => {
    client.open(csvUri, 'plaintext', csv);
    const diags = await client.diagnostics(csvUri, (d) => d.length > 0);
    const summary = diags.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.severity, d.source]);
    const p = (v: string) => position(csv, v);
    assert.deepEqual(summary, [
      ['cn-resident-id', 1, p(id).character, p(id).character + 18, DiagnosticSeverity.Error, 'sdguard'],
      ['bank-card', 1, p(card).character, p(card).character + 19, DiagnosticSeverity.Error, 'sdguard'],
      ['cn-mobile', 1, p(mobile).character, p(mobile).character + 11, DiagnosticSeverity.Warning, 'sdguard'],
      ['cn-resident-id', 2, p(id2).character, p(id2).character + 18, DiagnosticSeverity.Error, 'sdguard'],
    ]);
    for (const d of diags) {
      assert.ok(!raws.some((r) => messageOf(d).includes(r)), 'raw value in a diagnostic message');
      assert.match(messageOf(d), /\*{4,}/);
      const href = d.codeDescription!.href;
      assert.ok(href.endsWith(`/docs/rules/${d.code}.md`), href);
      assert.ok(existsSync(fileURLToPath(href)), `rule page missing: ${href}`);
    }
    assert.match(messageOf(diags[0]), /^Resident identity card number: \d\*{16}[\dX] \(confidence high\)$/);
  });

  it('offers Mask (preferred), Redact, Pseudonymize and Fake, but no ignore comment in a CSV; Mask removes the diagnostic', async () => {
    client.open(csvUri, 'plaintext', csv);
    const diags = await client.diagnostics(csvUri, (d) => d.length === 4);
    const cardDiag = diags.find((d) => d.code === 'bank-card')!;
    const actions = await codeActions(client, csvUri, [cardDiag]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, !!a.isPreferred]),
      [
        ['Mask this value (Payment card number)', CodeActionKind.QuickFix, true],
        ['Redact this value (Payment card number)', CodeActionKind.QuickFix, false],
        ['Pseudonymize this value (Payment card number): set a pseudonymization key first…', CodeActionKind.QuickFix, false],
        ['Replace with a fake Payment card number: set a pseudonymization key first…', CodeActionKind.QuickFix, false],
      ],
    );
    client.edit(csvUri, editsOf(actions[0], csvUri));
    const masked = `${card.slice(0, 6)}${'*'.repeat(9)}${card.slice(-4)}`;
    assert.ok(client.text(csvUri).includes(`,${masked},`));
    const after = await client.diagnostics(csvUri, (d) => d.length === 3);
    assert.deepEqual(after.map((d) => d.code), ['cn-resident-id', 'cn-mobile', 'cn-resident-id']);
  });

  it('Redact replaces the value with a typed placeholder', async () => {
    client.open(csvUri, 'plaintext', csv);
    const diags = await client.diagnostics(csvUri, (d) => d.length === 4);
    const actions = await codeActions(client, csvUri, [diags[0]]);
    client.edit(csvUri, editsOf(actions[1], csvUri));
    assert.ok(client.text(csvUri).startsWith(`姓名,身份证号,银行卡号,手机号\n张三,[ID NUMBER],${card}`));
    await client.diagnostics(csvUri, (d) => d.length === 3);
  });

  it('source.fixAll.sdguard masks the whole file', async () => {
    client.open(csvUri, 'plaintext', csv);
    await client.diagnostics(csvUri, (d) => d.length === 4);
    const actions = await codeActions(client, csvUri, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.sdguard');
    assert.equal(editsOf(actions[0], csvUri).length, 4);
    client.edit(csvUri, editsOf(actions[0], csvUri));
    for (const raw of raws) assert.ok(!client.text(csvUri).includes(raw));
    await client.diagnostics(csvUri, (d) => d.length === 0);
  });

  it('Ignore on this line writes the comment in the file syntax and appends to an existing directive', async () => {
    const uri = 'file:///tmp/sdguard-lsp/seed.py';
    const py = `employees = [("${id}", "${mobile}")]\n`;
    client.open(uri, 'python', py);
    const diags = await client.diagnostics(uri, (d) => d.length === 2);
    const ignoreId = (await codeActions(client, uri, [diags[0]])).find((a) => a.title === 'Ignore cn-resident-id on this line')!;
    assert.ok(ignoreId, 'no ignore action offered');
    client.edit(uri, editsOf(ignoreId, uri));
    assert.equal(client.text(uri), `employees = [("${id}", "${mobile}")]  # sdguard-ignore-line cn-resident-id\n`);
    const remaining = await client.diagnostics(uri, (d) => d.length === 1);
    assert.equal(remaining[0].code, 'cn-mobile');
    const ignoreMobile = (await codeActions(client, uri, remaining)).find((a) => a.title === 'Ignore cn-mobile on this line')!;
    client.edit(uri, editsOf(ignoreMobile, uri));
    assert.equal(client.text(uri), `employees = [("${id}", "${mobile}")]  # sdguard-ignore-line cn-resident-id cn-mobile\n`);
    await client.diagnostics(uri, (d) => d.length === 0);
  });

  it('the mask-all command applies a workspace edit through the client', async () => {
    client.open(csvUri, 'plaintext', csv);
    await client.diagnostics(csvUri, (d) => d.length === 4);
    const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'sdguard.server.maskAll', arguments: [csvUri] })) as { count: number; message: string };
    assert.deepEqual(result, { count: 4, message: 'Masked 4 value(s).' });
    for (const raw of raws) assert.ok(!client.text(csvUri).includes(raw));
    await client.diagnostics(csvUri, (d) => d.length === 0);
  });

  it('re-scans after typing (incremental sync)', async () => {
    const uri = 'file:///tmp/sdguard-lsp/notes.txt';
    client.open(uri, 'plaintext', 'call me\n');
    await client.diagnostics(uri, (d) => d.length === 0);
    client.edit(uri, [{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, newText: ` ${mobile}` }]);
    const diags = await client.diagnostics(uri, (d) => d.length === 1);
    assert.deepEqual(diags[0].range, { start: { line: 0, character: 8 }, end: { line: 0, character: 19 } });
  });

  it('speaks Chinese when the client locale is zh-cn', async () => {
    const zh = new TestLspClient();
    try {
      await zh.initialize('zh-cn');
      zh.open(csvUri, 'plaintext', csv);
      const diags = await zh.diagnostics(csvUri, (d) => d.length === 4);
      assert.match(messageOf(diags[0]), /^居民身份证号码：\d\*{16}[\dX]（置信度：高）$/);
      const actions = await codeActions(zh, csvUri, [diags[0]]);
      assert.equal(actions[0].title, '遮盖此值（居民身份证号码）');
    } finally {
      await zh.dispose();
    }
  });
});

describe('language server settings', function () {
  this.timeout(30_000);
  it('sdguard.minConfidence low also reports values that only a negative word argues against', async () => {
    const text = `订单号 ${card}\n`;
    const uri = 'file:///tmp/sdguard-lsp/orders.txt';
    for (const [minConfidence, expected] of [['medium', 0], ['low', 1]] as const) {
      const client = new TestLspClient();
      client.settings = { enable: true, run: 'onType', minConfidence };
      try {
        await client.initialize('en');
        client.open(uri, 'plaintext', text);
        const diags = await client.diagnostics(uri);
        assert.equal(diags.length, expected, `minConfidence ${minConfidence}`);
        if (expected) assert.match(messageOf(diags[0]), /confidence low/);
      } finally {
        await client.dispose();
      }
    }
  });

  it('with sdguard.run = onSave, scans on open and save but not while typing', async () => {
    const client = new TestLspClient();
    client.settings = { enable: true, run: 'onSave' };
    try {
      await client.initialize('en');
      const uri = 'file:///tmp/sdguard-lsp/onsave.txt';
      client.open(uri, 'plaintext', `a ${mobile}\n`);
      await client.diagnostics(uri, (d) => d.length === 1);
      client.edit(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: `b ${id}\n` }]);
      await new Promise((r) => setTimeout(r, 800));
      assert.equal(client.latest.get(uri)!.diagnostics.length, 1, 'scanned while typing');
      client.save(uri);
      const after = await client.diagnostics(uri, (d) => d.length === 2);
      assert.deepEqual(after.map((d) => d.code), ['cn-mobile', 'cn-resident-id']);
    } finally {
      await client.dispose();
    }
  });

  it('publishes nothing when sdguard.enable is false', async () => {
    const client = new TestLspClient();
    client.settings = { enable: false, run: 'onType' };
    try {
      await client.initialize('en');
      client.open(csvUri, 'plaintext', csv);
      const diags = await client.diagnostics(csvUri);
      assert.deepEqual(diags, []);
    } finally {
      await client.dispose();
    }
  });
});
