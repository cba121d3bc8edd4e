import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { FindingsStatus, type DocumentStatus } from './status';
import { registerTableFeatures } from './tables';
import { registerProtectCommands } from './protect';
import { registerShareCommands } from './shareCommands';
import { registerWalkthroughCommands } from './walkthrough';

let client: LanguageClient | undefined;

/**
 * The client is thin: it starts the server, forwards settings and offers commands. Everything
 * about detection and redaction lives in the server.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every file and unsaved buffer: CSV/TSV, plain text and code alike.
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    synchronize: { configurationSection: 'sdguard' },
    middleware: {
      // Settings are read per document with its language, so "[csv]": { "sdguard.enable": false } works.
      workspace: {
        configuration: (params) =>
          params.items.map((item) => {
            const doc = item.scopeUri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === item.scopeUri) : undefined;
            const scope = doc ? { uri: doc.uri, languageId: doc.languageId } : item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return vscode.workspace.getConfiguration(item.section, scope);
          }),
      },
    },
    diagnosticCollectionName: 'sdguard',
    // Workspace trust: untrusted, the server runs the built-in rules only (no workspace custom rules).
    initializationOptions: { trusted: vscode.workspace.isTrusted, setKeyCommand: true },
    // Hovers link to these commands only (a hover is markdown from the server).
    markdown: { isTrusted: { enabledCommands: ['editor.action.quickFix', 'sdguard.protectFile'] } },
  };
  client = new LanguageClient('sdguard', 'Sensitive Data Guard', serverOptions, clientOptions);
  const status = new FindingsStatus();
  context.subscriptions.push(status);
  registerTableFeatures(context, client);
  client.onNotification('sdguard/status', (p: DocumentStatus) => status.set(p));
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client?.sendNotification('sdguard/trust', { trusted: true });
      status.update();
    }),
  );
  registerCommands(context, () => client);
  const { sendKey } = registerProtectCommands(context, () => client);
  registerShareCommands(context, () => client);
  registerWalkthroughCommands(context);
  await client.start();
  await sendKey();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
