import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import { columnMangledLine } from '../../l10n/describe';
import type { Rule, Severity } from '../../engine/types';
import type { Output } from '../output';
import type { FileResult, ReportedFinding } from '../scanFile';
import type { Reporter, Totals } from './reporter';
import { maskedHash } from '../baseline/fingerprint';

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
  private readonly severityOf = new Map<string, Severity>();
  private artifactPath = '';
  private artifactJson = '';
  private results = 0;
  private readonly notes: Notification[] = [];
  /** Per fingerprint, findings with it so far in the current file. */
  private readonly occurrences = new Map<number, number>();

  constructor(
    private readonly out: Output,
    /** Read when the first result comes: a project configuration's custom rules join it once the files are planned. */
    private readonly rules: readonly Rule[],
    private readonly version: string,
    private readonly cwd: string,
  ) {}

  private begun = false;

  /** Writes the log's head with the rules (once, before the first result or at the end). */
  private begin(): void {
    if (this.begun) return;
    this.begun = true;
    const { out, rules, version, cwd } = this;
    rules.forEach((r, i) => {
      this.resultHead.set(r.id, `{"ruleId":${JSON.stringify(r.id)},"ruleIndex":${i},"level":"${levels[r.severity]}","message":{"text":`);
      this.severityOf.set(r.id, r.severity);
    });
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
    this.begin();
    if (path !== this.artifactPath) {
      this.artifactPath = path;
      this.artifactJson = JSON.stringify(artifactLocation(path));
      this.occurrences.clear();
    }
    // partialFingerprints, which code scanning uses to follow an alert across runs as lines move:
    // keyed (HMAC of the value) with a key, else a hash of what the snippet shows anyway; `:n` tells
    // the n-th finding with the same fingerprint in the file (see baseline/fingerprint.ts).
    // Repeats are counted under 30 bits of the fingerprint (a small integer: a Map of them stays
    // fast in a file with 10⁵ results); two fingerprints sharing a counter still get distinct `:n`.
    const hash = f.valueFingerprint ? 0 : maskedHash(f.ruleId, f.masked);
    const slot = f.valueFingerprint ? parseInt(f.valueFingerprint.slice(0, 7), 16) : hash % 0x40000000;
    const n = (this.occurrences.get(slot) ?? 0) + 1;
    this.occurrences.set(slot, n);
    const fingerprints = `,"partialFingerprints":{${f.valueFingerprint ? `"sdguardValue/v1":"${f.valueFingerprint}` : `"sdguardMasked/v1":"${hex53(hash)}`}:${n}"}`;
    const header = f.header ? `,"column":${JSON.stringify(f.header)}` : '';
    // A workbook cell: the region gives its row and column, a logical location names it
    // (`Sheet1!C5`; kind `element`: the cell is the <c r="C5"> element of the sheet's XML part).
    const cell = f.cell ? `,"logicalLocations":[${JSON.stringify({ name: f.cell.slice(f.cell.lastIndexOf('!') + 1), fullyQualifiedName: f.cell, kind: 'element' })}]` : '';
    this.out.write(
      `${this.results++ ? ',' : ''}\n${this.headOf(f)}${JSON.stringify(f.message)}},"locations":[{"physicalLocation":{"artifactLocation":${this.artifactJson},` +
        `"region":{"startLine":${f.line},"startColumn":${f.column},"endLine":${f.endLine},"endColumn":${f.endColumn},"snippet":{"text":${JSON.stringify(f.masked)}}}}${cell}}],` +
        `"properties":{"confidence":"${f.confidence}"${header}}${fingerprints}}`,
    );
  }

  /** The result's head: the rule's, with the level of the finding's severity where a project configuration changed it. */
  private headOf(f: ReportedFinding): string | undefined {
    const head = this.resultHead.get(f.ruleId);
    // Most findings keep their rule's own level: no search in the head string then.
    if (f.severity === undefined || f.severity === this.severityOf.get(f.ruleId)) return head;
    if (f.severity === undefined || head === undefined || head.includes(`"level":"${levels[f.severity]}"`)) return head;
    const key = `${f.ruleId} ${f.severity}`;
    let changed = this.resultHead.get(key);
    if (changed === undefined) this.resultHead.set(key, (changed = head.replace(/"level":"[a-z]+"/, `"level":"${levels[f.severity]}"`)));
    return changed;
  }

  /** Facts about a whole file (a table's structure break, columns Excel damaged) become notifications. */
  fileDone(result: FileResult): void {
    this.begin();
    const where = (line: number, column: number) => [{ physicalLocation: { artifactLocation: artifactLocation(result.path), region: { startLine: line, startColumn: column } } }];
    if (result.structure) {
      this.notes.push({ level: 'warning', message: { text: result.structure.message }, locations: where(result.structure.line, result.structure.character), descriptor: { id: 'csv-structure' } });
    }
    for (const c of result.columns ?? []) {
      const text = columnMangledLine(c, 'en');
      if (text) this.notes.push({ level: 'warning', message: { text }, locations: where(1, c.character + 1), descriptor: { id: 'excel-mangled' } });
    }
  }

  end(totals: Totals): void {
    this.begin();
    const errors = totals.errors.map((e): Notification => ({ level: 'error', message: { text: `${e.path}: ${e.message}` } }));
    const notifications = [...errors, ...this.notes];
    const invocation = { executionSuccessful: errors.length === 0, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) };
    this.out.write(`\n],"invocations":[${JSON.stringify(invocation)}]}]}\n`);
  }
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** A 53-bit integer as 14 hex digits (Number#toString(16) is slow on numbers this large). */
function hex53(n: number): string {
  const lo = n >>> 0;
  const hi = (n - lo) / 4294967296;
  return HEX[(hi >>> 16) & 0xff] + HEX[(hi >>> 8) & 0xff] + HEX[hi & 0xff] + HEX[lo >>> 24] + HEX[(lo >>> 16) & 0xff] + HEX[(lo >>> 8) & 0xff] + HEX[lo & 0xff];
}

function artifactLocation(path: string): ArtifactLocation {
  return path.startsWith('/') ? { uri: pathToFileURL(path).href } : { uri: encodeURI(path), uriBaseId: '%SRCROOT%' };
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
