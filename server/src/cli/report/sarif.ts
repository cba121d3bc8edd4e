import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { Rule, Severity } from '../../engine/types';
import type { Output } from '../output';
import type { FileResult, ReportedFinding } from '../scanFile';
import type { Reporter, Totals } from './reporter';

const levels: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 for code scanning, streamed result by result: rule metadata in English with the
 * Chinese text in the help and properties, UTF-16 columns, artifact URIs relative to %SRCROOT%
 * (the working folder), masked snippets only.
 */
export class SarifReporter implements Reporter {
  readonly detail = true;
  /** `{"ruleId":…,"ruleIndex":…,"level":…,"message":{"text":` per rule. */
  private readonly resultHead = new Map<string, string>();
  private artifactPath = '';
  private artifactJson = '';
  private results = 0;

  constructor(
    private readonly out: Output,
    rules: readonly Rule[],
    version: string,
    cwd: string,
  ) {
    rules.forEach((r, i) => this.resultHead.set(r.id, `{"ruleId":${JSON.stringify(r.id)},"ruleIndex":${i},"level":"${levels[r.severity]}","message":{"text":`));
    const head: Log = { version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json', runs: [] };
    const run: Omit<Run, 'results'> = {
      tool: { driver: { name: 'sdguard', fullName: 'Sensitive Data Guard', version, semanticVersion: version, rules: rules.map(descriptor) } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
      columnKind: 'utf16CodeUnits',
    };
    const headJson = JSON.stringify(head).slice(0, -3); // up to "runs":[
    const runJson = JSON.stringify(run).slice(0, -1); // the run object, still open
    out.write(`${headJson}[${runJson},"results":[`);
  }

  // Results are written by hand around JSON-encoded strings: this runs once per finding, and
  // JSON.stringify of the nested object was most of the cost of a large SARIF report.
  finding(path: string, f: ReportedFinding): void {
    if (path !== this.artifactPath) {
      this.artifactPath = path;
      this.artifactJson = JSON.stringify(path.startsWith('/') ? { uri: pathToFileURL(path).href } : { uri: encodeURI(path), uriBaseId: '%SRCROOT%' });
    }
    const header = f.header ? `,"column":${JSON.stringify(f.header)}` : '';
    this.out.write(
      `${this.results++ ? ',' : ''}\n${this.resultHead.get(f.ruleId)}${JSON.stringify(f.message)}},"locations":[{"physicalLocation":{"artifactLocation":${this.artifactJson},` +
        `"region":{"startLine":${f.line},"startColumn":${f.column},"endLine":${f.endLine},"endColumn":${f.endColumn},"snippet":{"text":${JSON.stringify(f.masked)}}}}}],` +
        `"properties":{"confidence":"${f.confidence}"${header}}}`,
    );
  }

  fileDone(_result: FileResult): void {}

  end(totals: Totals): void {
    const invocation = totals.errors.length
      ? { executionSuccessful: false, toolExecutionNotifications: totals.errors.map((e) => ({ level: 'error', message: { text: `${e.path}: ${e.message}` } })) }
      : { executionSuccessful: true };
    this.out.write(`\n],"invocations":[${JSON.stringify(invocation)}]}]}\n`);
  }
}

function descriptor(rule: Rule): ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.name.en },
    fullDescription: { text: rule.description.en },
    help: {
      text: `${rule.description.en}\n\n${rule.name['zh-CN']}：${rule.description['zh-CN']}\n\nStandard: ${rule.standard}`,
      markdown: `**${rule.name.en}** (${rule.name['zh-CN']})\n\n${rule.description.en}\n\n${rule.description['zh-CN']}\n\nStandard: ${rule.standard}`,
    },
    defaultConfiguration: { level: levels[rule.severity] },
    properties: { category: rule.category, 'name.zh-CN': rule.name['zh-CN'], 'description.zh-CN': rule.description['zh-CN'], tags: ['security', 'privacy', rule.category] },
  };
}
