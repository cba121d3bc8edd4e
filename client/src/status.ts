import * as vscode from 'vscode';

// Type only: the client bundle takes nothing else from the server.
import type { DocumentStatus } from '../../server/src/lsp/status';

export type { DocumentStatus };

/**
 * Language status item for the active file: how many findings, of which types, when it was last
 * scanned, and whether it was too large to scan or the workspace is restricted (untrusted).
 */
export class FindingsStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('sdguard.findings', [{ scheme: 'file' }, { scheme: 'untitled' }]);
  private readonly subscriptions: vscode.Disposable[];
  private readonly byUri = new Map<string, DocumentStatus>();

  constructor() {
    this.item.name = 'Sensitive Data Guard';
    this.item.command = { title: vscode.l10n.t('Show Problems'), command: 'workbench.actions.view.problems' };
    this.subscriptions = [
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    ];
    this.update();
  }

  set(status: DocumentStatus): void {
    this.byUri.set(status.uri, status);
    this.update();
  }

  update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const status = uri ? this.byUri.get(uri.toString()) : undefined;
    const restricted = status?.restricted || !vscode.workspace.isTrusted;
    const notes = restricted ? [vscode.l10n.t('Restricted Mode: built-in rules only; the workspace\'s custom rules run once you trust the folder')] : [];
    // The server's status says whether the file is above sdguard.maxFileSizeMB (now, not once).
    if (status?.tooLarge) {
      this.item.text = vscode.l10n.t('$(warning) Too large to scan here');
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      this.item.detail = [vscode.l10n.t('Above sdguard.maxFileSizeMB: use the CLI'), ...notes].join(' · ');
      return;
    }
    const count = status?.total ?? (uri ? countFindings(vscode.languages.getDiagnostics(uri)) : 0);
    this.item.text = count === 0 ? vscode.l10n.t('$(shield) No sensitive values') : vscode.l10n.t('$(shield) {0} sensitive value(s)', count);
    this.item.severity = count === 0 ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
    const types = (status?.byType ?? []).slice(0, 3).map((c) => `${c.count} × ${c.name}`);
    if ((status?.byType.length ?? 0) > 3) types.push('…');
    const when = status ? [vscode.l10n.t('scanned at {0}', new Date(status.scannedAt).toLocaleTimeString())] : [];
    this.item.detail = [...types, ...when, ...notes].join(' · ') || vscode.l10n.t('Sensitive Data Guard');
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/**
 * Findings in a file: the server publishes at most `sdguard.maxDiagnostics` of them plus one
 * notice (code `sdguard-more`) whose data carries the total.
 */
function countFindings(diagnostics: readonly vscode.Diagnostic[]): number {
  let shown = 0;
  for (const d of diagnostics) {
    if (d.source !== 'sdguard') continue;
    const total = d.code === 'sdguard-more' ? (d as vscode.Diagnostic & { data?: { total?: number } }).data?.total : undefined;
    if (typeof total === 'number') return total;
    shown++;
  }
  return shown;
}
