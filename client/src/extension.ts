import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { FindingsStatus } from './status';
import { registerTableFeatures } from './tables';
import { registerProtectCommands } from './protect';
import { registerShareCommands } from './shareCommands';

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
    diagnosticCollectionName: 'sdguard',
  };
  client = new LanguageClient('sdguard', 'Sensitive Data Guard', serverOptions, clientOptions);
  const tooLarge = new Set<string>();
  const status = new FindingsStatus(tooLarge);
  context.subscriptions.push(status);
  registerTableFeatures(context, client, tooLarge, () => status.update());
  registerCommands(context, () => client);
  const { sendKey } = registerProtectCommands(context, () => client);
  registerShareCommands(context, () => client);
  await client.start();
  await sendKey();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
