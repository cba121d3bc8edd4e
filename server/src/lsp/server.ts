import { CodeActionKind, DidChangeConfigurationNotification, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import type { Engine } from '../engine/engine';
import { builtinEngine } from '../engine/builtin';
import type { Operator } from '../engine/redact/edits';
import { langFromLocale, t, type Lang } from '../l10n/messages';
import { BackgroundScanner } from './backgroundScan';
import { codeActions, fileEdits, FIX_ALL_KIND } from './codeActions';
import { SERVER_COMMANDS } from './commands';
import { cappedDiagnostics } from './diagnostics';
import { DocumentStore, type DocState } from './documentStore';
import { hover } from './hover';
import { applyChanges } from './incremental';
import { SettingsStore } from './settings';

export { SERVER_COMMANDS };

/**
 * Quiet time after the last keystroke before a document is scanned again from the start (an
 * edit of a CSV header or of a directive). Edits that only need their own lines re-scanned are
 * published at once: that costs about as much as the publishing itself.
 */
const DEBOUNCE_MS = 200;

/** Wires the engine to an LSP connection: documents in, diagnostics, hovers and edits out. */
export function startServer(connection: Connection): void {
  const store = new DocumentStore();
  const settings = new SettingsStore(connection);
  let engine: Engine;
  let lang: Lang = 'en';
  const scanner = new BackgroundScanner(
    () => engine,
    (state) => {
      if (state.wantPublish) publish(state);
    },
    (state, e) => connection.console.error(`sdguard: scan failed for ${state.uri}: ${e.message}`),
  );

  connection.onInitialize((params): InitializeResult => {
    lang = langFromLocale(params.locale ?? process.env.LANG);
    engine = builtinEngine();
    settings.canPull = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        hoverProvider: true,
      },
      serverInfo: { name: 'sdguard' },
    };
  });

  connection.onInitialized(() => {
    if (settings.canPull) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  });

  /** Sends the (capped) diagnostics of complete findings, or none when disabled. */
  function publish(state: DocState): void {
    if (state.closed || !state.settings) return;
    state.wantPublish = false;
    const s = state.settings;
    const diagnostics = s.enable ? cappedDiagnostics(state, engine, lang, s.maxDiagnostics) : [];
    void connection.sendDiagnostics({ uri: state.uri, version: state.version, diagnostics });
  }

  // Several changes handled in one turn of the event loop give one publish.
  const queued = new Set<DocState>();
  function queuePublish(state: DocState): void {
    if (queued.has(state)) return;
    queued.add(state);
    setImmediate(() => {
      queued.delete(state);
      if (state.wantPublish && state.complete) publish(state);
    });
  }

  /** Diagnostics are due (open, save, settings): publish as soon as the findings are complete. */
  function requestPublish(state: DocState): void {
    if (!state.settings) return; // the settings fetch asks again
    if (!state.settings.enable) return publish(state);
    state.wantPublish = true;
    if (state.complete) queuePublish(state);
    else scanner.start(state);
  }

  function loadSettings(state: DocState): void {
    settings.get(state.uri).then(
      (s) => {
        if (state.closed) return;
        // A new threshold changes which findings exist: scan the document again.
        const rescan = state.settings !== undefined && state.settings.minConfidence !== s.minConfidence;
        state.settings = s;
        if (rescan) {
          scanner.stop(state);
          state.reset();
        }
        requestPublish(state);
      },
      (e: Error) => connection.console.error(`sdguard: no settings for ${state.uri}: ${e.message}`),
    );
  }

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const old = store.get(textDocument.uri);
    if (old) scanner.stop(old);
    loadSettings(store.open(textDocument));
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const state = store.get(textDocument.uri);
    if (!state) return;
    const outcome = applyChanges(state, contentChanges, textDocument.version, engine);
    const s = state.settings;
    if (s?.enable && s.run === 'onType') state.wantPublish = true;
    if (outcome === 'reset') {
      if (state.wantPublish || scanner.awaited(state)) scanner.debounce(state, DEBOUNCE_MS);
      else scanner.stop(state);
    } else if (state.wantPublish) {
      if (state.complete) queuePublish(state);
      else scanner.resume(state);
    }
  });

  connection.onDidSaveTextDocument(({ textDocument }) => {
    const state = store.get(textDocument.uri);
    if (state) requestPublish(state);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const state = store.close(textDocument.uri);
    if (!state) return;
    scanner.stop(state);
    settings.forget(state.uri);
    void connection.sendDiagnostics({ uri: state.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => {
    settings.forget();
    for (const state of store.all()) loadSettings(state);
  });

  connection.onHover(({ textDocument, position }) => {
    const state = store.get(textDocument.uri);
    return state ? hover(state, position, engine, lang) : null;
  });

  connection.onCodeAction((params) => {
    const state = store.get(params.textDocument.uri);
    return state ? codeActions(state, params, engine, lang, () => scanner.whenComplete(state)) : [];
  });

  connection.onExecuteCommand(async (params) => {
    const op: Operator | undefined = params.command === SERVER_COMMANDS.maskAll ? 'mask' : params.command === SERVER_COMMANDS.redactAll ? 'redact' : undefined;
    const uri = params.arguments?.[0];
    const state = typeof uri === 'string' ? store.get(uri) : undefined;
    if (!op || !state) return { count: 0, message: t(lang, 'command.nothing') };
    // Every finding, not only the published ones.
    await scanner.whenComplete(state);
    const edits = state.closed ? [] : fileEdits(state, engine, op, lang);
    if (edits.length === 0) return { count: 0, message: t(lang, 'command.nothing') };
    const result = await connection.workspace.applyEdit({ label: 'sdguard', edit: { documentChanges: [{ textDocument: { uri: state.uri, version: state.version }, edits }] } });
    const count = result.applied ? edits.length : 0;
    return { count, message: t(lang, op === 'mask' ? 'command.done.mask' : 'command.done.redact', count) };
  });

  connection.listen();
}
