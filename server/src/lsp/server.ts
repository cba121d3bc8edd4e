import { CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import type { Engine } from '../engine/engine';
import { builtinEngine } from '../engine/builtin';
import { langFromLocale, t, type Lang } from '../l10n/messages';
import { BackgroundScanner } from './backgroundScan';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { SERVER_COMMANDS } from './commands';
import { cappedDiagnostics } from './diagnostics';
import { DocumentStore, type DocState } from './documentStore';
import { hover } from './hover';
import { applyChanges } from './incremental';
import { columnLenses, countFindings, headerHover, lensesChanged, sensitiveColumns, tableDiagnostics } from './columns';
import { TOO_LARGE_NOTIFICATION, type TooLargeParams } from './tooLarge';
import { protectDocument, SET_KEY_NOTIFICATION, type ProtectRequest } from './protect';
import { setDocumentChangesSupport } from './workspaceEdit';
import { decodeKeyText } from '../cli/keySource';
import { applyWorkspace, planWorkspace, type WorkspaceContext } from './workspaceProtect';
import { exportRedactedCopy } from './exportCopy';
import { documentStatus, STATUS_NOTIFICATION } from './status';
import { isExcluded } from './excluded';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Operator } from '../engine/redact/operators';
import { SettingsStore, type Settings } from './settings';
import { ProjectConfigs } from './projectConfig';
import { isConfigFile } from '../config/findConfig';
import { isWorkbookCommand, workbookCommand } from './workbook';

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
  /** Each document's engine is its nearest .sdguard.yaml's (set up in onInitialize). */
  let configs: ProjectConfigs;
  const scanner = new BackgroundScanner(
    (state) => configs.engineFor(state),
    (state) => {
      if (state.wantPublish) publish(state);
    },
    (state, e) => connection.console.error(`sdguard: scan failed for ${state.uri}: ${e.message}`),
  );

  connection.onInitialize((params): InitializeResult => {
    lang = langFromLocale(params.locale ?? process.env.LANG);
    engine = builtinEngine();
    settings.canPull = !!params.capabilities.workspace?.configuration;
    folders = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
    lensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    setDocumentChangesSupport(params.capabilities.workspace?.workspaceEdit?.documentChanges === true);
    // Quick fixes that ask for the key run a command of our VS Code client; other editors set SDGUARD_KEY.
    keyCommand = (params.initializationOptions as { setKeyCommand?: boolean } | undefined)?.setKeyCommand === true;
    if (!key && process.env.SDGUARD_KEY) {
      try {
        key = decodeKeyText(process.env.SDGUARD_KEY, lang);
      } catch (e) {
        connection.console.error(`sdguard: SDGUARD_KEY: ${(e as Error).message}`);
      }
    }
    restricted = (params.initializationOptions as { trusted?: boolean } | undefined)?.trusted === false;
    watchConfigs = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    configs = new ProjectConfigs(engine, !restricted, {
      lang: () => lang,
      showMessage: (type, message) => void connection.sendNotification('window/showMessage', { type, message }),
      configDiagnosticsChanged: (path) => {
        const open = store.all().find((s) => configs.isFile(s, path));
        if (open) requestPublish(open);
        else void connection.sendDiagnostics({ uri: pathToFileURL(path).href, diagnostics: configs.diagnosticsFor(pathToFileURL(path).href) });
      },
    });
    // Allow-list fingerprints are checked with the key (SDGUARD_KEY here, or the editor's later).
    if (key) configs.setKey(key, []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'sdguard' },
    };
  });

  let folders: string[] = [];
  let lensRefresh = false;
  let keyCommand = false;
  /** The pseudonymization key: from VS Code's secret storage (sdguard/setKey) or, for other editors, SDGUARD_KEY. */
  let key: Uint8Array | undefined;
  /** Workspace trust: untrusted, only the built-in rules run (the client tells us; see initializationOptions). */
  let restricted = false;
  let watchConfigs = false;
  connection.onInitialized(() => {
    if (settings.canPull) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    // Project configurations: read again when one is created, changed or deleted.
    if (watchConfigs) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.sdguard.{yaml,yml,json}' }] });
  });

  /** Documents whose rules changed (a project configuration, trust, the key, a threshold): scan them again. */
  function rescan(states: readonly DocState[]): void {
    for (const state of states) {
      scanner.stop(state);
      state.reset();
      requestPublish(state);
    }
  }

  connection.onDidChangeWatchedFiles(() => rescan(configs.refresh(store.all())));

  /** Sends the (capped) diagnostics of complete findings, or none when the gate leaves the document out. */
  function publish(state: DocState): void {
    if (state.closed || !state.settings) return;
    state.wantPublish = false;
    const s = state.settings;
    const engine = configs.engineFor(state);
    const on = scannable(state);
    // Counted once: the status, the column notices and the lenses that follow all use it.
    const tally = on ? countFindings(state, engine) : undefined;
    const diagnostics = on ? cappedDiagnostics(state, engine, lang, s.maxDiagnostics) : [];
    if (tally && state.tableHeader(engine)) diagnostics.push(...tableDiagnostics(state, engine, lang, tally.columns));
    // A configuration file's own error goes with its findings.
    diagnostics.push(...configs.diagnosticsFor(state.uri));
    void connection.sendDiagnostics({ uri: state.uri, version: state.version, diagnostics });
    void connection.sendNotification(STATUS_NOTIFICATION, documentStatus(state, engine, lang, restricted, tally));
    // The column lenses, when what they say changed (the client asks again after its own edits).
    if (lensRefresh && lensesChanged(state, tally?.columns ?? [])) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }

  /** Above the size limit a document is not scanned; the user is told once per file. */
  const toldTooLarge = new Set<string>();
  function isTooLarge(state: DocState, limitMB: number): boolean {
    const tooLarge = limitMB > 0 && state.text.length > limitMB * 1024 * 1024;
    if (tooLarge && !toldTooLarge.has(state.uri)) {
      toldTooLarge.add(state.uri);
      const params: TooLargeParams = { uri: state.uri, sizeMB: Math.round((state.text.length / 1024 / 1024) * 10) / 10, limitMB, message: t(lang, 'bigFile.notice', Math.round(state.text.length / 1024 / 1024), limitMB) };
      void connection.sendNotification(TOO_LARGE_NOTIFICATION, params);
    }
    return tooLarge;
  }

  /** sdguard.exclude or the project's ignore list leaves a file out: one test for open documents and files on disk. */
  function excluded(uri: string, s: Settings, state?: DocState): boolean {
    return isExcluded(uri, s.exclude, folders) || (state ? configs.ignored(state) : configs.ignoredPath(fileURLToPath(uri)));
  }

  /**
   * The gate every feature respects (diagnostics, hovers, lenses, code actions, commands,
   * workspace protect): decided in requestPublish, so nothing scans a document it leaves out.
   */
  function scannable(state: DocState): boolean {
    return !state.closed && !!state.settings?.enable && !state.excluded && !state.tooLarge;
  }

  /** Each document's settings fetch; requests wait for it, as the gate needs the settings. */
  const settled = new WeakMap<DocState, Promise<void>>();
  async function ready(state: DocState): Promise<boolean> {
    await settled.get(state);
    return scannable(state);
  }

  /** Complete findings, scanning now if needed; false (and nothing scanned) when the gate leaves the document out. */
  async function complete(state: DocState): Promise<boolean> {
    if (!(await ready(state))) return false;
    await scanner.whenComplete(state);
    // The settings may have changed (or the document closed) while it was scanned.
    return scannable(state);
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
    const s = state.settings;
    if (!s) return; // the settings fetch asks again
    state.excluded = excluded(state.uri, s, state);
    state.tooLarge = s.enable && !state.excluded && isTooLarge(state, s.maxFileSizeMB);
    if (!scannable(state)) return publish(state);
    state.wantPublish = true;
    if (state.complete) queuePublish(state);
    else scanner.start(state);
  }

  function loadSettings(state: DocState): void {
    const loading = settings.get(state.uri).then(
      (s) => {
        if (state.closed) return;
        // A new threshold changes which findings exist: scan the document again.
        const thresholdChanged = state.settings !== undefined && state.settings.minConfidence !== s.minConfidence;
        state.settings = s;
        if (thresholdChanged) rescan([state]);
        else requestPublish(state);
      },
      (e: Error) => connection.console.error(`sdguard: no settings for ${state.uri}: ${e.message}`),
    );
    settled.set(state, loading);
  }

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const old = store.get(textDocument.uri);
    if (old) scanner.stop(old);
    const opened = store.open(textDocument);
    // A look at the configurations (one may have changed while no watcher told us).
    rescan(configs.refresh(store.all()));
    loadSettings(opened);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const state = store.get(textDocument.uri);
    if (!state) return;
    const outcome = applyChanges(state, contentChanges, textDocument.version, configs.engineFor(state));
    if (!scannable(state)) return;
    if (state.settings?.run === 'onType') state.wantPublish = true;
    if (outcome === 'reset') {
      if (state.wantPublish || scanner.awaited(state)) scanner.debounce(state, DEBOUNCE_MS);
      else scanner.stop(state);
    } else if (state.wantPublish) {
      if (state.complete) queuePublish(state);
      else scanner.resume(state);
    }
  });

  connection.onDidSaveTextDocument(({ textDocument }) => {
    if (isConfigFile(textDocument.uri)) rescan(configs.refresh(store.all()));
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

  connection.onHover(async ({ textDocument, position }) => {
    const state = store.get(textDocument.uri);
    if (!state || !(await ready(state))) return null;
    const engine = configs.engineFor(state);
    return hover(state, position, engine, lang) ?? headerHover(state, position, engine, lang);
  });

  connection.onCodeLens(async ({ textDocument }) => {
    const state = store.get(textDocument.uri);
    if (!state || !(await ready(state)) || !state.tableHeader(configs.engineFor(state))) return [];
    return (await complete(state)) ? columnLenses(state, configs.engineFor(state), lang) : [];
  });

  // Trust granted: the workspace's own rules may run now; scan the open documents again.
  connection.onNotification('sdguard/trust', (p: { trusted: boolean }) => {
    restricted = !p.trusted;
    configs.setTrusted(p.trusted, store.all());
    rescan(store.all());
  });

  // The pseudonymization key: sent by the client from its secret storage, held in memory only.
  connection.onNotification(SET_KEY_NOTIFICATION, (p: { key: string | null }) => {
    key = p.key ? Buffer.from(p.key, 'base64') : undefined;
    // Allow-list fingerprints are checked with this key.
    rescan(configs.setKey(key, store.all()));
  });
  const redaction = (state: DocState) => ({ key, defaultMode: state.settings?.defaultMode ?? 'mask', keyCommand, placeholder: configs.placeholderFor(state.uri) });

  connection.onCodeAction(async (params) => {
    const state = store.get(params.textDocument.uri);
    if (!state || !(await ready(state))) return [];
    return codeActions(state, params, configs.engineFor(state), lang, () => complete(state), redaction(state));
  });

  const workspaceContext = (): WorkspaceContext => ({
    connection,
    engine,
    engineAt: (path, state) => configs.engineForUri(pathToFileURL(path).href, state),
    placeholderAt: (path) => configs.placeholderFor(pathToFileURL(path).href),
    excludedAt: (path, s) => excluded(pathToFileURL(path).href, s),
    lang,
    key,
    store,
    complete,
    settingsFor: (uri) => settings.get(uri),
  });

  connection.onExecuteCommand(async (params, token) => {
    // A workbook on disk (.xlsx), not an open document: scan it or write its masked copy.
    if (isWorkbookCommand(params.command)) return workbookCommand(params.command, params.arguments ?? [], { connection, engine: configs.engineForUri(String(params.arguments?.[0] ?? '')), lang, settings });
    if (params.command === SERVER_COMMANDS.sensitiveColumns) {
      const state = store.get(String(params.arguments?.[0]));
      if (!state || !(await complete(state))) return { columns: [], message: t(lang, 'column.none') };
      const columns = sensitiveColumns(state, configs.engineFor(state), lang);
      return { columns, title: t(lang, 'column.pick', state.uri.slice(state.uri.lastIndexOf('/') + 1)), message: columns.length ? undefined : t(lang, 'column.none') };
    }
    if (params.command === SERVER_COMMANDS.planWorkspace || params.command === SERVER_COMMANDS.applyWorkspace) {
      const { folders, mode } = params.arguments?.[0] as { folders: string[]; mode: Operator };
      const run = params.command === SERVER_COMMANDS.planWorkspace ? planWorkspace : applyWorkspace;
      return run(folders, mode, workspaceContext(), token);
    }
    if (params.command === SERVER_COMMANDS.exportRedactedCopy) {
      const { uri, mode } = params.arguments?.[0] as { uri: string; mode: Operator };
      const { minConfidence } = await settings.get(uri);
      const open = store.get(uri);
      // An open document's findings as the editor has them; the text and engine are read after the wait.
      const scanned = open ? await complete(open) : false;
      const engine = configs.engineForUri(uri, open);
      return exportRedactedCopy(uri, mode, { engine, lang, key, minConfidence, open, findings: open && scanned ? open.allFindings(engine) : undefined, placeholder: configs.placeholderFor(uri) });
    }
    // Mask all / Redact all in a file (arguments: uri), or any mode on a file or a selection
    // (arguments: { uri, mode, range? }).
    const request: ProtectRequest | undefined =
      params.command === SERVER_COMMANDS.maskAll || params.command === SERVER_COMMANDS.redactAll
        ? { uri: String(params.arguments?.[0]), mode: params.command === SERVER_COMMANDS.maskAll ? 'mask' : 'redact' }
        : params.command === SERVER_COMMANDS.protect
          ? (params.arguments?.[0] as ProtectRequest)
          : undefined;
    if (!request) return { count: 0, message: t(lang, 'command.nothing') };
    const state = store.get(request.uri);
    // Every finding, not only the published ones.
    if (!state || !(await complete(state))) return { count: 0, message: t(lang, 'command.nothing') };
    return protectDocument(state, request, { connection, engine: configs.engineFor(state), lang, key, placeholder: configs.placeholderFor(state.uri) });
  });

  connection.listen();
}
