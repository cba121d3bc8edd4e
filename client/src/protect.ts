import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

/** See server/src/lsp/protect.ts and server/src/lsp/commands.ts. */
const SET_KEY = 'sdguard/setKey';
const PROTECT = 'sdguard.server.protect';
const SECRET = 'sdguard.pseudonymizationKey';

type Mode = 'mask' | 'redact' | 'pseudonymize' | 'fake';

/**
 * The pseudonymization key and the commands that protect a selection or a file. The key lives in
 * VS Code's secret storage (never in the workspace or settings) and reaches the server in memory.
 */
export function registerProtectCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): { sendKey: () => Promise<void> } {
  const sendKey = async () => {
    const key = (await context.secrets.get(SECRET)) ?? null;
    await getClient()?.sendNotification(SET_KEY, { key });
  };
  /** The active file (or its selection) in `fixed` mode, else in the mode the user picks. The server edits through workspace/applyEdit, so Undo works. */
  const onEditor = (withSelection: boolean, fixed?: Mode) => async () => {
    const client = getClient();
    const editor = vscode.window.activeTextEditor;
    if (!client || !editor) return;
    const mode = fixed ?? (await pickMode());
    if (!mode) return;
    const range = withSelection && !editor.selection.isEmpty ? client.code2ProtocolConverter.asRange(editor.selection) : undefined;
    const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: PROTECT, arguments: [{ uri: editor.document.uri.toString(), mode, range }] })) as { message?: string; error?: string } | undefined;
    if (result?.error === 'missing-key') await offerKey(result.message ?? '');
    else if (result?.message) void vscode.window.showInformationMessage(result.message);
  };
  const offerKey = async (message: string) => {
    const set = vscode.l10n.t('Set pseudonymization key');
    if ((await vscode.window.showWarningMessage(message, set)) === set) await vscode.commands.executeCommand('sdguard.setPseudonymizationKey');
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('sdguard.setPseudonymizationKey', async () => {
      const generate = vscode.l10n.t('Generate a new random key');
      const enter = vscode.l10n.t('Enter the key your team shares');
      const choice = await vscode.window.showQuickPick([generate, enter], {
        title: vscode.l10n.t('Pseudonymization key (kept in VS Code secret storage, never in the workspace)'),
      });
      if (!choice) return;
      let key: string | undefined;
      if (choice === generate) key = randomBytes(32).toString('base64');
      else {
        const typed = await vscode.window.showInputBox({ password: true, prompt: vscode.l10n.t('At least 16 characters. The same key gives the same pseudonyms in every file.'), validateInput: (v) => (v.length < 16 ? vscode.l10n.t('At least 16 characters.') : undefined) });
        if (typed) key = Buffer.from(typed, 'utf8').toString('base64');
      }
      if (!key) return;
      await context.secrets.store(SECRET, key);
      void vscode.window.showInformationMessage(vscode.l10n.t('Pseudonymization key saved in secret storage.'));
    }),
    vscode.commands.registerCommand('sdguard.clearPseudonymizationKey', async () => {
      await context.secrets.delete(SECRET);
      void vscode.window.showInformationMessage(vscode.l10n.t('Pseudonymization key removed.'));
    }),
    vscode.commands.registerCommand('sdguard.protectSelection', onEditor(true)),
    vscode.commands.registerCommand('sdguard.protectFile', onEditor(false)),
    vscode.commands.registerCommand('sdguard.maskAllInFile', onEditor(false, 'mask')),
    vscode.commands.registerCommand('sdguard.redactAllInFile', onEditor(false, 'redact')),
    context.secrets.onDidChange((e) => {
      if (e.key === SECRET) void sendKey();
    }),
  );
  return { sendKey };
}

/** The four operators, the configured default first. */
export async function pickMode(): Promise<Mode | undefined> {
  const first = vscode.workspace.getConfiguration('sdguard').get<Mode>('defaultMode', 'mask');
  const items: { label: string; description: string; mode: Mode }[] = [
    { label: vscode.l10n.t('Mask'), description: vscode.l10n.t('keep a few characters, hide the rest: 6222********1234'), mode: 'mask' },
    { label: vscode.l10n.t('Redact'), description: vscode.l10n.t('a placeholder naming the type: [ID NUMBER]'), mode: 'redact' },
    { label: vscode.l10n.t('Pseudonymize'), description: vscode.l10n.t('a keyed token, the same in every file: ID_7Q3KX9M2TZ4P'), mode: 'pseudonymize' },
    { label: vscode.l10n.t('Fake'), description: vscode.l10n.t('a synthetic value of the same type that passes validation'), mode: 'fake' },
  ];
  items.sort((a, b) => (a.mode === first ? -1 : b.mode === first ? 1 : 0));
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('How should the values be replaced?') }))?.mode;
}
