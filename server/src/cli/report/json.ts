import type { Output } from '../output';
import type { FileResult, ReportedFinding } from '../scanFile';
import type { Reporter, Totals } from './reporter';

/** Machine-readable report, streamed: masked values and positions only. */
export class JsonReporter implements Reporter {
  readonly detail = true;
  private open: string | undefined;
  private files = 0;

  constructor(
    private readonly out: Output,
    version: string,
  ) {
    out.write(`{\n  "tool": "sdguard",\n  "version": ${JSON.stringify(version)},\n  "files": [`);
  }

  finding(path: string, f: ReportedFinding): void {
    if (this.open !== path) {
      this.out.write(`${this.files++ ? ',' : ''}\n    {\n      "path": ${JSON.stringify(path)},\n      "findings": [\n        ${JSON.stringify(f)}`);
      this.open = path;
    } else this.out.write(`,\n        ${JSON.stringify(f)}`);
  }

  fileDone(result: FileResult): void {
    if (this.open !== result.path) {
      // A table whose structure breaks, or a workbook with parts not read, is listed even with no findings.
      if (!result.structure && !result.unread) return;
      this.out.write(`${this.files++ ? ',' : ''}\n    {\n      "path": ${JSON.stringify(result.path)},\n      "findings": [`);
    }
    const extra = (['encoding', 'columns', 'structure', 'unread'] as const)
      .filter((k) => result[k] !== undefined)
      .map((k) => `,\n      "${k}": ${JSON.stringify(result[k])}`)
      .join('');
    this.out.write(`\n      ],\n      "counts": ${JSON.stringify(result.counts)}${extra}\n    }`);
    this.open = undefined;
  }

  end(totals: Totals): void {
    const summary = { scanned: totals.scanned, filesWithFindings: totals.filesWithFindings, findings: totals.findings };
    this.out.write(
      `${this.files ? '\n  ' : ''}],\n  "skipped": ${JSON.stringify(totals.skipped)},\n  "errors": ${JSON.stringify(totals.errors)},\n  "summary": ${JSON.stringify(summary)}\n}\n`,
    );
  }
}
