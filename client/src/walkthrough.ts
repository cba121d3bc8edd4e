import * as vscode from 'vscode';

/**
 * Commands behind the Get Started walkthrough: open a copy of the bundled sample export (a
 * copy, so that masking it never touches the extension's own files) and scan the sample workbook.
 */
export function registerWalkthroughCommands(context: vscode.ExtensionContext): void {
  const copySample = async (name: string): Promise<vscode.Uri> => {
    const folder = vscode.Uri.joinPath(context.globalStorageUri, 'sample');
    await vscode.workspace.fs.createDirectory(folder);
    const target = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, 'examples', name), target, { overwrite: true });
    return target;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('sdguard.openSample', async () => {
      await vscode.window.showTextDocument(await copySample('payroll.csv'));
    }),
    vscode.commands.registerCommand('sdguard.openSampleWorkbook', async () => {
      const workbook = await copySample('payroll.xlsx');
      await vscode.commands.executeCommand('sdguard.scanWorkbook', workbook);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
  );
}
