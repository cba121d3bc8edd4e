// `sdguard lsp --stdio` as an editor other than VS Code sees it (Neovim, Helix): a bare JSON-RPC
// connection (vscode-jsonrpc, no LSP client library), method names as strings, a small set of
// client capabilities with no workspace/configuration, and edits applied by the test itself.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { repoRoot } from '../support/engine';
import { makeRng, synthBankCard, synthResidentId } from '../support/synth';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}
interface TextEdit {
  range: Range;
  newText: string;
}
interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
}
interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  command?: { command: string; arguments?: unknown[] };
}

/** Roughly what Neovim 0.11 announces (vim.lsp.protocol.make_client_capabilities), minus workspace/configuration. */
const CAPABILITIES = {
  workspace: { applyEdit: true, workspaceEdit: { documentChanges: true }, executeCommand: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: false },
    codeAction: {
      dynamicRegistration: false,
      isPreferredSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  window: { workDoneProgress: true, showMessage: {} },
  general: { positionEncodings: ['utf-16'] },
};

describe('sdguard lsp --stdio with a bare JSON-RPC client (Neovim, Helix)', function () {
  this.timeout(30_000);
  const rng = makeRng(3131);
  const id = synthResidentId(rng);
  const card = synthBankCard(rng, 'unionpay', { length: 19 });
  const text = `# seed data\nSUPPLIER_ID = "${id}"  # 身份证号\nCARD = "${card}"\n`;
  const uri = pathToFileURL(join(repoRoot, 'nvim-test', 'seed.py')).href;

  let child: ChildProcess;
  let conn: MessageConnection;
  let doc: TextDocument;
  let stderr = '';
  const published: { uri: string; diagnostics: Diagnostic[] }[] = [];
  const serverRequests: string[] = [];
  let waiter: { pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void } | undefined;

  /** Applies edits locally and sends them as an incremental change, as an editor does. */
  function applyLocally(edits: TextEdit[]): void {
    const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
    const changes = sorted.map((e) => ({ range: e.range, text: e.newText }));
    doc = TextDocument.update(doc, changes, doc.version + 1);
    void conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: changes });
  }

  function editsOf(edit: WorkspaceEdit): TextEdit[] {
    return [...(edit.changes?.[uri] ?? []), ...(edit.documentChanges ?? []).filter((c) => c.textDocument.uri === uri).flatMap((c) => c.edits)];
  }

  function nextDiagnostics(pred: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const last = published.filter((p) => p.uri === uri).at(-1);
    if (last && pred(last.diagnostics)) return Promise.resolve(last.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics; stderr: ${stderr}`)), 10_000);
      waiter = { pred, resolve: (d) => (clearTimeout(timer), resolve(d)) };
    });
  }

  before(() => {
    child = spawn(process.execPath, [join(repoRoot, 'bin', 'sdguard.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.on('data', (d) => (stderr += String(d)));
    conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      published.push(p);
      if (p.uri === uri && waiter?.pred(p.diagnostics)) {
        const w = waiter;
        waiter = undefined;
        w.resolve(p.diagnostics);
      }
    });
    conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      serverRequests.push('workspace/applyEdit');
      applyLocally(editsOf(p.edit));
      return { applied: true };
    });
    // Anything else the server asks (it must not depend on answers a minimal client lacks).
    conn.onRequest((method) => {
      serverRequests.push(method);
      return null;
    });
    conn.onNotification(() => undefined);
    conn.listen();
  });

  after(() => {
    conn?.dispose();
    if (child && child.exitCode === null) child.kill();
  });

  it('initializes without workspace/configuration and announces its features', async () => {
    const result = (await conn.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'Neovim', version: '0.11.0' },
      rootUri: pathToFileURL(repoRoot).href,
      workspaceFolders: null,
      capabilities: CAPABILITIES,
    })) as { capabilities: { codeActionProvider: { codeActionKinds: string[] }; executeCommandProvider: { commands: string[] }; textDocumentSync: { change: number } }; serverInfo: { name: string } };
    assert.equal(result.serverInfo.name, 'sdguard');
    assert.equal(result.capabilities.textDocumentSync.change, 2, 'incremental sync');
    assert.ok(result.capabilities.codeActionProvider.codeActionKinds.includes('quickfix'));
    assert.ok(result.capabilities.codeActionProvider.codeActionKinds.includes('source.fixAll.sdguard'));
    for (const c of ['sdguard.server.maskAll', 'sdguard.server.redactAll']) assert.ok(result.capabilities.executeCommandProvider.commands.includes(c), c);
    await conn.sendNotification('initialized', {});
  });

  it('publishes diagnostics for an opened document, with default settings and masked values only', async () => {
    doc = TextDocument.create(uri, 'python', 1, text);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const diags = await nextDiagnostics((d) => d.length === 2);
    assert.deepEqual(
      diags.map((d) => [d.source, d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        ['sdguard', 'cn-resident-id', 1, 1, text.split('\n')[1].indexOf(id), text.split('\n')[1].indexOf(id) + 18],
        ['sdguard', 'bank-card', 1, 2, 8, 8 + card.length],
      ],
    );
    for (const d of diags) {
      assert.ok(!d.message.includes(id) && !d.message.includes(card), 'raw value in a message');
      assert.match(d.message, /\*{6,}/);
    }
    assert.ok(!serverRequests.includes('workspace/configuration'), 'asked a client without configuration support for settings');
  });

  it('offers quick fixes (mask preferred) whose edits a client applies itself', async () => {
    const diags = await nextDiagnostics((d) => d.length === 2);
    const card = diags.find((d) => d.code === 'bank-card')!;
    const actions = (await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: card.range, context: { diagnostics: [card], only: ['quickfix'] } })) as CodeAction[];
    assert.ok(actions.length >= 2, JSON.stringify(actions.map((a) => a.title)));
    for (const a of actions) assert.equal(a.kind, 'quickfix');
    // Every action edits: none runs a command only our VS Code client has (set the key there: SDGUARD_KEY).
    assert.ok(actions.every((a) => a.edit && !a.command), JSON.stringify(actions.map((a) => a.title)));
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    assert.match(preferred[0].title, /^Mask/);
    const edits = editsOf(preferred[0].edit!);
    assert.equal(edits.length, 1);
    assert.match(edits[0].newText, /^\d+\*+\d+$/);
    applyLocally(edits);
    const after = await nextDiagnostics((d) => d.length === 1);
    assert.equal(after[0].code, 'cn-resident-id');
    assert.match(doc.getText(), new RegExp(`CARD = "${edits[0].newText.replace(/\*/g, '\\*')}"`));
  });

  it('runs sdguard.server.maskAll through workspace/executeCommand, answering its workspace/applyEdit', async () => {
    await conn.sendRequest('workspace/executeCommand', { command: 'sdguard.server.maskAll', arguments: [uri] });
    assert.ok(serverRequests.includes('workspace/applyEdit'), 'the server did not ask the client to apply its edit');
    const after = await nextDiagnostics((d) => d.length === 0);
    assert.deepEqual(after, []);
    const line = doc.getText().split('\n')[1];
    assert.match(line, new RegExp(`^SUPPLIER_ID = "${id[0]}\\*{16}${id[17]}"  # 身份证号$`));
    assert.ok(!doc.getText().includes(id));
  });

  it('shuts down and exits cleanly', async () => {
    await conn.sendRequest('shutdown');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await conn.sendNotification('exit');
    assert.equal(await exited, 0, stderr);
  });
});
