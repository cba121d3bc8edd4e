import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
// Type only (what the server answers): the client bundle takes nothing else from the server.
import type { WorkbookCommandResult } from '../../server/src/lsp/workbook';

/** Server-side command ids (see server/src/lsp/workbook.ts WORKBOOK_COMMANDS). */
const SERVER = { scan: 'sdguard.server.scanWorkbook', export: 'sdguard.server.exportRedactedWorkbook' };

/**
 * `Scan workbook` and `Export redacted copy` on .xlsx files: from the Explorer's context menu
 * (one or several selected files) or the command palette (the active editor's workbook, else a
 * file picker). The server reads, scans and writes; this only passes URIs and shows the counts.
 */
export function registerWorkbookCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const run = (kind: 'scan' | 'export') => async (clicked?: vscode.Uri, selected?: vscode.Uri[]) => {
    const client = getClient();
    if (!client) return;
    await runOnWorkbooks(client, kind, await workbooksFrom(clicked, selected));
  };
  context.subscriptions.push(vscode.commands.registerCommand('sdguard.scanWorkbook', run('scan')));
}

/** Scans workbooks into the Problems panel, or writes their masked copies; shows what the server says was done. */
export async function runOnWorkbooks(client: LanguageClient, kind: 'scan' | 'export', uris: readonly vscode.Uri[]): Promise<void> {
  for (const uri of uris) {
    const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER[kind], arguments: [uri.toString()] })) as WorkbookCommandResult | undefined;
    if (!result) continue;
    if (result.error) {
      void vscode.window.showErrorMessage(result.message);
    } else if (kind === 'export' || result.findings === 0) {
      void vscode.window.showInformationMessage(result.message);
    } else {
      const show = vscode.l10n.t('Show Problems');
      void vscode.window.showInformationMessage(result.message, show).then((picked) => {
        if (picked === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    }
  }
}

export function isWorkbook(uri: vscode.Uri): boolean {
  return /\.xlsx$/i.test(uri.path);
}

/** The file of the active tab: a text editor's, or a workbook's (which opens in no text editor). */
export function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: unknown } | undefined;
  return input?.uri instanceof vscode.Uri ? input.uri : undefined;
}

async function workbooksFrom(clicked: vscode.Uri | undefined, selected: vscode.Uri[] | undefined): Promise<vscode.Uri[]> {
  if (selected?.length) return selected.filter(isWorkbook);
  if (clicked instanceof vscode.Uri) return isWorkbook(clicked) ? [clicked] : [];
  const active = activeTabUri();
  if (active && isWorkbook(active)) return [active];
  const picked = await vscode.window.showOpenDialog({ canSelectMany: true, filters: { Excel: ['xlsx'] } });
  return picked ?? [];
}
