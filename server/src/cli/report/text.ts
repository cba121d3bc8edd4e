import type { Rule } from '../../engine/types';
import type { Output } from '../output';
import type { FileResult, ReportedFinding } from '../scanFile';
import type { Reporter, Totals } from './reporter';

/** `path:line:col  severity  rule  message` per finding, like compilers print. */
export class TextReporter implements Reporter {
  readonly detail = true;
  constructor(
    private readonly out: Output,
    private readonly ruleOf: (id: string) => Rule | undefined,
  ) {}

  finding(path: string, f: ReportedFinding): void {
    this.out.write(`${path}:${f.line}:${f.column}  ${this.ruleOf(f.ruleId)?.severity ?? 'warning'}  ${f.ruleId}  ${f.message}\n`);
  }

  fileDone(): void {}

  end(): void {}
}

/** Per-file, per-rule counts, no per-finding output (fast on huge files). */
export class SummaryReporter implements Reporter {
  readonly detail = false;
  private readonly totals = new Map<string, number>();
  private files = 0;

  constructor(private readonly out: Output) {}

  finding(): void {}

  fileDone(result: FileResult): void {
    const counts = Object.entries(result.counts);
    if (counts.length === 0) return;
    this.files++;
    this.out.write(`${result.path}: ${counts.map(([id, n]) => `${id} ${n}`).join(', ')}\n`);
    for (const [id, n] of counts) this.totals.set(id, (this.totals.get(id) ?? 0) + n);
  }

  end(_totals: Totals): void {
    if (this.totals.size > 1 || this.files > 1) this.out.write(`total: ${[...this.totals].map(([id, n]) => `${id} ${n}`).join(', ')}\n`);
  }
}
