import type { Rule } from '../../engine/types';
import { columnLine, columnMangledLine } from '../../l10n/describe';
import type { Lang } from '../../l10n/messages';
import type { Output } from '../output';
import type { FileResult, ReportedFinding } from '../scanFile';
import type { Reporter, Totals } from './reporter';
import type { Paint } from '../progress';
import { fileNotices } from './fileNotices';
import { unreadMessage } from '../../xlsx/unreadParts';

/** `path:line:col  severity  rule  message` per finding, like compilers print (`path Sheet!C5` in a workbook). */
export class TextReporter implements Reporter {
  readonly detail = true;
  constructor(
    private readonly out: Output,
    private readonly lang: Lang = 'en',
    /** Colours (on a terminal only, see progress.ts useColor). */
    private readonly paint?: Paint,
  ) {}

  finding(path: string, f: ReportedFinding): void {
    // A workbook's finding names its cell (`book.xlsx Sheet1!C5`); a text file's its line and column.
    const where = f.cell ? `${path} ${f.cell}` : `${path}:${f.line}:${f.column}`;
    const p = this.paint;
    if (p) this.out.write(`${p('bold', where)}  ${p.severity(f.severity, f.severity)}  ${p('dim', f.ruleId)}  ${f.message}\n`);
    else this.out.write(`${where}  ${f.severity}  ${f.ruleId}  ${f.message}\n`);
  }

  /** Then what concerns the file as a whole: where a table breaks, columns Excel damaged, a workbook's parts not read. */
  fileDone(result: FileResult): void {
    for (const n of fileNotices(result, this.lang)) {
      const where = n.at.kind === 'text' ? `${result.path}:${n.at.line}:${n.at.column}` : n.at.kind === 'sheet' ? `${result.path} ${n.at.column}` : result.path;
      this.out.write(`${where}  warning  ${n.ruleId}  ${n.message}\n`);
    }
  }

  end(): void {}
}

/** Per-file, per-rule counts, no per-finding output (fast on huge files). */
export class SummaryReporter implements Reporter {
  readonly detail = false;
  private readonly totals = new Map<string, number>();
  private files = 0;

  constructor(
    private readonly out: Output,
    private readonly ruleOf: (id: string) => Rule | undefined = () => undefined,
    private readonly lang: Lang = 'en',
  ) {}

  finding(): void {}

  /** `path: rule n, …`, then in a table one line per column with findings and any structure break; a workbook's parts not read. */
  fileDone(result: FileResult): void {
    const counts = Object.entries(result.counts);
    if (result.structure) this.out.write(`${result.path}:${result.structure.line}:${result.structure.character}: ${result.structure.message}\n`);
    for (const u of result.unread ?? []) this.out.write(`${result.path}: ${unreadMessage(u, this.lang)}\n`);
    if (counts.length === 0) return;
    this.files++;
    this.out.write(`${result.path}: ${counts.map(([id, n]) => `${id} ${n}`).join(', ')}\n`);
    for (const c of result.columns ?? []) {
      this.out.write(`  ${columnLine(c, this.ruleOf, this.lang)}\n`);
      const mangled = columnMangledLine(c, this.lang);
      if (mangled) this.out.write(`  ! ${mangled}\n`);
    }
    for (const [id, n] of counts) this.totals.set(id, (this.totals.get(id) ?? 0) + n);
  }

  end(_totals: Totals): void {
    if (this.totals.size > 1 || this.files > 1) this.out.write(`total: ${[...this.totals].map(([id, n]) => `${id} ${n}`).join(', ')}\n`);
  }
}
