import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerWorkbookCommands } from './workbook';

/** Restart, output and the workbook commands; Mask all / Redact all in file are protect commands (protect.ts). */
export function registerCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('sdguard.restartServer', async () => {
      await getClient()?.restart();
    }),
    vscode.commands.registerCommand('sdguard.showOutput', () => getClient()?.outputChannel.show()),
  );
  registerWorkbookCommands(context, getClient);
}
