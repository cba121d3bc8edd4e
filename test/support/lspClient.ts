import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  type ApplyWorkspaceEditParams,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { repoRoot } from './engine';

/**
 * A real LSP client over stdio for tests: starts `sdguard lsp --stdio` (the built CLI), keeps
 * document text in sync with incremental changes, applies server edits and collects diagnostics.
 */
export class TestLspClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly docs = new Map<string, TextDocument>();
  private readonly waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  settings: Record<string, unknown> = { enable: true, run: 'onType' };
  /** When the last change notification was handed to the connection (after the local update). */
  lastChangeSentAt = 0;
  stderr = '';

  constructor() {
    this.child = spawn(process.execPath, [join(repoRoot, 'bin', 'sdguard.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.latest.set(p.uri, p);
      this.published.push(p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.pred(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => this.settings));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => this.applyWorkspaceEdit(p));
    this.connection.listen();
  }

  async initialize(locale = 'en'): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      locale,
      capabilities: { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true } } },
      // As our VS Code client does (it runs the set-key command; the workspace is trusted).
      initializationOptions: { setKeyCommand: true, trusted: true },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  open(uri: string, languageId: string, text: string): void {
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** The server's process id (benchmarks read its memory use). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  /** Applies edits locally and sends them to the server as incremental changes. */
  edit(uri: string, edits: TextEdit[]): void {
    const doc = this.docs.get(uri)!;
    // Send later edits first so earlier ranges stay valid, as editors do.
    const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
    this.change(uri, sorted.map((e) => ({ range: e.range, text: e.newText })));
  }

  /** Sends content changes as given: each applies to the text the previous one left (LSP order). */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): void {
    const doc = this.docs.get(uri)!;
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.docs.set(uri, next);
    this.lastChangeSentAt = performance.now();
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next.version }, contentChanges: changes });
  }

  version(uri: string): number | undefined {
    return this.docs.get(uri)?.version;
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }) as Promise<CodeAction[]>;
  }

  executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  save(uri: string): void {
    void this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  private applyWorkspaceEdit(p: ApplyWorkspaceEditParams): { applied: boolean } {
    for (const change of p.edit.documentChanges ?? []) {
      if ('edits' in change) this.edit(change.textDocument.uri, change.edits as TextEdit[]);
    }
    for (const [uri, edits] of Object.entries(p.edit.changes ?? {})) this.edit(uri, edits);
    return { applied: true };
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `pred` (for the current version). */
  diagnostics(uri: string, pred: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const version = this.docs.get(uri)?.version;
    const ok = (p: PublishDiagnosticsParams) => (p.version === undefined || p.version === version) && pred(p.diagnostics);
    const seen = this.latest.get(uri);
    if (seen && ok(seen)) return Promise.resolve(seen.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ uri, pred: ok, resolve: (p) => (clearTimeout(timer), resolve(p.diagnostics)) });
    });
  }

  async dispose(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => (this.child.kill(), resolve()), 3000);
      this.child.once('exit', () => (clearTimeout(timer), resolve()));
    });
  }
}
