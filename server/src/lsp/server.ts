import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine } from '../engine/engine';
import { fileKindOf } from '../engine/fileKind';
import type { Operator } from '../engine/redact/edits';
import { langFromLocale, t, type Lang } from '../l10n/messages';
import { codeActions, fileEdits, FIX_ALL_KIND } from './codeActions';
import { toDiagnostic } from './diagnostics';
import { SettingsStore } from './settings';

/** Commands the server executes (workspace/executeCommand); arguments: [documentUri]. */
export const SERVER_COMMANDS = { maskAll: 'sdguard.server.maskAll', redactAll: 'sdguard.server.redactAll' } as const;

/** Quiet time after the last keystroke before a document is scanned again. */
const DEBOUNCE_MS = 200;

/** Wires the engine to an LSP connection: documents in, diagnostics and edits out. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection);
  const timers = new Map<string, NodeJS.Timeout>();
  let engine: Engine;
  let lang: Lang = 'en';

  connection.onInitialize((params): InitializeResult => {
    lang = langFromLocale(params.locale ?? process.env.LANG);
    engine = Engine.builtin();
    settings.canPull = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
      },
      serverInfo: { name: 'sdguard' },
    };
  });

  connection.onInitialized(() => {
    if (settings.canPull) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  });

  async function validate(doc: TextDocument): Promise<void> {
    const s = await settings.get(doc.uri);
    if (!s.enable) {
      await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
      return;
    }
    const text = doc.getText();
    const findings = engine.scan(text, { kind: fileKindOf(doc.uri, doc.languageId) });
    // The document may have changed while settings were fetched; a newer scan will follow.
    if (documents.get(doc.uri)?.version !== doc.version) return;
    const diagnostics = findings.map((f) => toDiagnostic(doc, text, f, engine, lang));
    await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }

  function schedule(doc: TextDocument, delay: number): void {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) validate(current).catch((e) => connection.console.error(`sdguard: scan failed for ${doc.uri}: ${(e as Error).message}`));
      }, delay),
    );
  }

  // onDidChangeContent also fires when a document opens: scan that at once, debounce later edits.
  const seen = new Set<string>();
  documents.onDidChangeContent(async (e) => {
    const uri = e.document.uri;
    if (!seen.has(uri)) {
      seen.add(uri);
      schedule(e.document, 0);
    } else if ((await settings.get(uri)).run === 'onType') schedule(e.document, DEBOUNCE_MS);
  });
  documents.onDidSave((e) => schedule(e.document, 0));
  documents.onDidClose((e) => {
    seen.delete(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    settings.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => {
    settings.forget();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? codeActions(doc, params, engine, lang) : [];
  });

  connection.onExecuteCommand(async (params) => {
    const op: Operator | undefined = params.command === SERVER_COMMANDS.maskAll ? 'mask' : params.command === SERVER_COMMANDS.redactAll ? 'redact' : undefined;
    const uri = params.arguments?.[0];
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!op || !doc) return { count: 0, message: t(lang, 'command.nothing') };
    const edits = fileEdits(doc, engine, op, lang);
    if (edits.length === 0) return { count: 0, message: t(lang, 'command.nothing') };
    const result = await connection.workspace.applyEdit({ label: 'sdguard', edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] } });
    const count = result.applied ? edits.length : 0;
    return { count, message: t(lang, op === 'mask' ? 'command.done.mask' : 'command.done.redact', count) };
  });

  documents.listen(connection);
  connection.listen();
}
