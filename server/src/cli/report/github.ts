import type { Rule, Severity } from '../../engine/types';
import type { Lang } from '../../l10n/messages';
import type { Output } from '../output';
import type { FileResult, ReportedFinding } from '../scanFile';
import { fileNotices } from './fileNotices';
import type { Reporter, Totals } from './reporter';

/** GitHub's annotation levels: `error`, `warning`, `notice`. */
const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * The message part of a workflow command (after `::`): `%`, CR and LF are escaped, as the Actions
 * runner and @actions/core do.
 */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (`file=…,title=…`): also `:` and `,`, which would end it. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command: `::error file=…,line=…::message`. */
export function annotation(command: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}\n`;
}

/**
 * GitHub Actions workflow commands, one per finding, which GitHub shows as annotations on the
 * pull request's changed files and in the run's summary: `::error file=src/seed.ts,line=3,col=7,
 * endColumn=25,title=cn-resident-id · Resident identity card number::…masked message`. Paths are
 * relative to the working folder (run the scan at the repository's root). Workbook findings name
 * their cell in the message (rows of a sheet are not lines of a file). GitHub shows at most 10
 * annotations of each level per step and 50 per job: the SARIF upload is the complete list.
 */
export class GithubReporter implements Reporter {
  readonly detail = true;

  constructor(
    private readonly out: Output,
    private readonly ruleOf: (id: string) => Rule | undefined,
    private readonly lang: Lang = 'en',
  ) {}

  finding(path: string, f: ReportedFinding): void {
    const rule = this.ruleOf(f.ruleId);
    const title = rule ? `${f.ruleId} · ${rule.name[this.lang]}` : f.ruleId;
    const command = COMMANDS[f.severity];
    if (f.cell) {
      this.out.write(annotation(command, { file: path, title }, `${f.cell}: ${f.message}`));
      return;
    }
    const oneLine = f.endLine === f.line;
    this.out.write(
      annotation(command, { file: path, line: f.line, ...(oneLine ? {} : { endLine: f.endLine }), col: f.column, ...(oneLine ? { endColumn: f.endColumn } : {}), title }, f.message),
    );
  }

  /** Whole-file notices; a workbook's column has no line of the file to point at (its message names it). */
  fileDone(result: FileResult): void {
    for (const n of fileNotices(result, this.lang)) {
      const where = n.at.kind === 'text' ? { file: result.path, line: n.at.line, col: n.at.column } : { file: result.path };
      this.out.write(annotation('warning', { ...where, title: n.ruleId }, n.message));
    }
  }

  end(totals: Totals): void {
    for (const e of totals.errors) {
      // A configuration error names its place as `path:line:col`.
      const at = /^(.*?):(\d+):(\d+)$/.exec(e.path);
      const where = at ? { file: at[1], line: at[2], col: at[3] } : { file: e.path };
      this.out.write(annotation('error', { ...where, title: 'sdguard' }, e.message));
    }
  }
}
