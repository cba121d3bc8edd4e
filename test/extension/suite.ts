// Extension-host tests: mocha inside a real VS Code, driving the extension through the vscode API.
// Run on a desktop with `node test/extension/runElectron.mjs` (@vscode/test-electron downloads VS
// Code), or here inside code-server with `node test/extension/runCodeServer.mjs`. Both load the
// bundle of this file as `extensionTestsPath`; results also go to $SDGUARD_EXT_TEST_RESULT (JSON).
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

const RAW = /\d{15,}/;

async function sdguardDiagnostics(uri: vscode.Uri, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sdguard');
    if (diags.length) return diags;
    if (Date.now() > deadline) throw new Error(`no sdguard diagnostics for ${uri.fsPath}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function suite(mocha: Mocha): void {
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);
  describe('Sensitive Data Guard in the extension host', function () {
    this.timeout(60_000);

    it('activates and lists masked findings for the sample payroll', async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'payroll.csv'));
      await vscode.window.showTextDocument(doc);
      const diags = await sdguardDiagnostics(doc.uri);
      const ours = vscode.extensions.all.find((e) => e.id.toLowerCase() === 'sdguard.sensitive-data-guard');
      assert.ok(ours, vscode.extensions.all.map((e) => e.id).join(', '));
      assert.deepEqual([...new Set(diags.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)))].sort(), ['bank-card', 'cn-mobile', 'cn-resident-id']);
      for (const d of diags) assert.ok(!RAW.test(d.message) && d.message.includes('*'), d.message);
    });

    it('Mask all in file masks every value through an undoable edit', async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'payroll.csv'));
      const editor = await vscode.window.showTextDocument(doc);
      await sdguardDiagnostics(doc.uri);
      const before = doc.getText();
      await vscode.commands.executeCommand('sdguard.maskAllInFile');
      assert.ok(!RAW.test(editor.document.getText()), 'no long number left after Mask all');
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), before);
    });

    it('offers the four operators as quick fixes', async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'payroll.csv'));
      const [first] = await sdguardDiagnostics(doc.uri);
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, first.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      const titles = actions.map((a) => a.title);
      assert.ok(titles[0]?.startsWith('Mask this value') || titles[0]?.startsWith('遮盖此值'), titles.join(' | '));
      assert.equal(titles.filter((t) => /^(Mask|Redact|Pseudonymize|Replace with a fake|遮盖|替换|假名化)/.test(t)).length, 4, titles.join(' | '));
    });
  });
}

/** Entry point VS Code calls (extensionTestsPath). */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  suite(mocha);
  return new Promise((resolve, reject) => {
    const results: { title: string; ok: boolean; error?: string }[] = [];
    const runner = mocha.run((failures) => {
      const out = process.env.SDGUARD_EXT_TEST_RESULT ?? join(vscode.workspace.workspaceFolders?.[0].uri.fsPath ?? '.', '.sdguard-ext-test-result.json');
      writeFileSync(out, JSON.stringify({ failures, results }, null, 1));
      if (failures) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), ok: true }));
    runner.on('fail', (t, e: Error) => results.push({ title: t.fullTitle(), ok: false, error: e.message }));
  });
}
