import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { pickMode } from './protect';
import { activeTabUri, isWorkbook, runOnWorkbooks } from './workbook';

/** See server/src/lsp/commands.ts and server/src/lsp/workspaceProtect.ts. */
const SERVER = { plan: 'sdguard.server.planWorkspace', apply: 'sdguard.server.applyWorkspace', exportCopy: 'sdguard.server.exportRedactedCopy' };
const PROGRESS = 'sdguard/progress';

/**
 * Producing shareable files: protect every file of the workspace (count by type, confirm, then
 * apply, with progress and cancel) and Export redacted copy (a text file in any mode, a
 * workbook masked). The server finds, counts and writes; this asks and shows.
 */
export function registerShareCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('sdguard.protectWorkspace', async () => {
      const client = getClient();
      const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
      if (!client || !folders.length) return;
      const mode = await pickMode();
      if (!mode) return;
      const plan = await withProgress(client, vscode.l10n.t('Sensitive Data Guard: counting sensitive values'), (token) =>
        client.sendRequest(ExecuteCommandRequest.type, { command: SERVER.plan, arguments: [{ folders, mode }] }, token),
      ) as { total: number; summary: string; error?: string } | undefined;
      if (!plan) return;
      if (plan.error) return void vscode.window.showWarningMessage(plan.error);
      if (!plan.total) return void vscode.window.showInformationMessage(plan.summary);
      const go = vscode.l10n.t('Apply');
      if ((await vscode.window.showWarningMessage(plan.summary, { modal: true, detail: vscode.l10n.t('Open files can be undone in the editor; files that are not open are rewritten on disk.') }, go)) !== go) return;
      const result = (await withProgress(client, vscode.l10n.t('Sensitive Data Guard: applying'), (token) =>
        client.sendRequest(ExecuteCommandRequest.type, { command: SERVER.apply, arguments: [{ folders, mode }] }, token),
      )) as { message: string; failures: unknown[] } | undefined;
      if (result) void (result.failures.length ? vscode.window.showWarningMessage(result.message) : vscode.window.showInformationMessage(result.message));
    }),
    vscode.commands.registerCommand('sdguard.exportRedactedCopy', async (clicked?: vscode.Uri, selected?: vscode.Uri[]) => {
      const client = getClient();
      if (!client) return;
      const active = activeTabUri();
      const uris = selected?.length ? selected : clicked instanceof vscode.Uri ? [clicked] : active ? [active] : [];
      const workbooks = uris.filter(isWorkbook);
      const texts = uris.filter((u) => !isWorkbook(u) && u.scheme === 'file');
      if (workbooks.length) await runOnWorkbooks(client, 'export', workbooks);
      if (!texts.length) return;
      const mode = await pickMode();
      if (!mode) return;
      for (const uri of texts) {
        const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER.exportCopy, arguments: [{ uri: uri.toString(), mode }] })) as { message: string; output?: string; error?: string };
        if (result.error) void vscode.window.showErrorMessage(result.message);
        else {
          const open = vscode.l10n.t('Open the copy');
          void vscode.window.showInformationMessage(result.message, open).then((picked) => {
            if (picked === open && result.output) void vscode.window.showTextDocument(vscode.Uri.file(result.output));
          });
        }
      }
    }),
  );
}

/** A cancellable progress notification fed by the server's progress notifications. */
async function withProgress<T>(client: LanguageClient, title: string, run: (token: vscode.CancellationToken) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    let last = 0;
    const listener = client.onNotification(PROGRESS, (p: { done: number; total: number; message: string }) => {
      const now = p.total ? (p.done / p.total) * 100 : 0;
      progress.report({ message: `${p.done}/${p.total} ${p.message}`, increment: now - last });
      last = now;
    });
    try {
      return await run(token);
    } catch (e) {
      if (token.isCancellationRequested) return undefined;
      throw e;
    } finally {
      listener.dispose();
    }
  });
}
