import * as vscode from 'vscode';

/** Language status item: how many sdguard findings the active file has. */
export class FindingsStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('sdguard.findings', [{ scheme: 'file' }, { scheme: 'untitled' }]);
  private readonly subscriptions: vscode.Disposable[];

  /** `tooLarge`: URIs the server left unscanned (above sdguard.maxFileSizeMB). */
  constructor(private readonly tooLarge: ReadonlySet<string> = new Set()) {
    this.item.name = 'Sensitive Data Guard';
    this.item.command = { title: vscode.l10n.t('Show Problems'), command: 'workbench.actions.view.problems' };
    this.subscriptions = [
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    ];
    this.update();
  }

  update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (uri && this.tooLarge.has(uri.toString())) {
      this.item.text = vscode.l10n.t('$(warning) Too large to scan here');
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      this.item.detail = vscode.l10n.t('Above sdguard.maxFileSizeMB: use the CLI');
      return;
    }
    const count = uri ? countFindings(vscode.languages.getDiagnostics(uri)) : 0;
    this.item.text = count === 0 ? vscode.l10n.t('$(shield) No sensitive values') : vscode.l10n.t('$(shield) {0} sensitive value(s)', count);
    this.item.severity = count === 0 ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
    this.item.detail = vscode.l10n.t('Sensitive Data Guard');
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
