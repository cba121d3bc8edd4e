import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

/** See server/src/lsp/commands.ts and server/src/lsp/tooLarge.ts. */
const SENSITIVE_COLUMNS = 'sdguard.server.sensitiveColumns';
const TOO_LARGE = 'sdguard/fileTooLarge';

interface ColumnItem {
  label: string;
  detail: string;
  line: number;
  character: number;
}

/**
 * Table features of the client: the pick list of a CSV's sensitive columns (also run by the
 * column lenses), and the notice for files too large to scan in the editor.
 */
export function registerTableFeatures(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('sdguard.listSensitiveColumns', async (uri?: string) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri.toString();
      if (!target) return;
      const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: SENSITIVE_COLUMNS, arguments: [target] })) as { columns: ColumnItem[]; title?: string; message?: string } | undefined;
      if (!result?.columns.length) {
        void vscode.window.showInformationMessage(result?.message ?? vscode.l10n.t('No sensitive columns found in this file.'));
        return;
      }
      const picked = await vscode.window.showQuickPick(result.columns, { title: result.title, matchOnDetail: true });
      if (!picked) return;
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(target));
      const at = new vscode.Position(picked.line, picked.character);
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at));
    }),
    // Once per file (the server says when); the status item follows the server's status notifications.
    client.onNotification(TOO_LARGE, async (params: { uri: string; message: string }) => {
      const setting = vscode.l10n.t('Change the limit');
      const cli = vscode.l10n.t('Scan with the CLI');
      const choice = await vscode.window.showWarningMessage(params.message, setting, cli);
      if (choice === setting) void vscode.commands.executeCommand('workbench.action.openSettings', 'sdguard.maxFileSizeMB');
      if (choice === cli) scanWithCli(context, vscode.Uri.parse(params.uri));
    }),
  );
}

/** Runs the bundled CLI on the file in a terminal, with the editor's own Node (no install needed). */
function scanWithCli(context: vscode.ExtensionContext, uri: vscode.Uri): void {
  const terminal = vscode.window.createTerminal({
    name: 'sdguard scan',
    shellPath: process.execPath,
    shellArgs: [context.asAbsolutePath('dist/cli.js'), 'scan', '--summary', uri.fsPath],
    env: { ELECTRON_RUN_AS_NODE: '1' },
  });
  terminal.show();
}
