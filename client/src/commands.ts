import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { registerWorkbookCommands } from './workbook';

/** Server-side command ids (see server/src/lsp/server.ts SERVER_COMMANDS). */
const SERVER = { maskAll: 'sdguard.server.maskAll', redactAll: 'sdguard.server.redactAll' };

export function registerCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const onFile = (serverCommand: string) => async () => {
    const client = getClient();
    const editor = vscode.window.activeTextEditor;
    if (!client || !editor) return;
    // The server computes the edits and applies them through workspace/applyEdit, so Undo works.
    const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: serverCommand, arguments: [editor.document.uri.toString()] })) as { message?: string } | undefined;
    if (result?.message) void vscode.window.showInformationMessage(result.message);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('sdguard.maskAllInFile', onFile(SERVER.maskAll)),
    vscode.commands.registerCommand('sdguard.redactAllInFile', onFile(SERVER.redactAll)),
    vscode.commands.registerCommand('sdguard.restartServer', async () => {
      await getClient()?.restart();
    }),
    vscode.commands.registerCommand('sdguard.showOutput', () => getClient()?.outputChannel.show()),
  );
  registerWorkbookCommands(context, getClient);
}
