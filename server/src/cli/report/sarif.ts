import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Location, Log, LogicalLocation, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import type { Confidence, Rule, Severity } from '../../engine/types';
import { jsonStringMaxBytes, putAscii, putBytes, putHex53, putJsonChars, putJsonString, putUint, utf8 } from './jsonBytes';
import type { Output } from '../output';
import type { FileResult, ReportedFinding } from '../scanFile';
import { fileNotices, type NoticeLocation } from './fileNotices';
import type { Reporter, Totals } from './reporter';
import { SlotCounts } from './slotCounts';
import { maskedHash } from '../baseline/fingerprint';
import { findingMessageParts } from '../../l10n/describe';
import type { Lang } from '../../l10n/messages';

const levels: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 for code scanning, streamed result by result: rule metadata in English with the
 * Chinese text in the help and properties, UTF-16 columns, artifact URIs relative to %SRCROOT%
 * (the working folder), masked snippets only.
 */
export class SarifReporter implements Reporter {
  readonly detail = true;
  // A message is the rule's text around the masked value: its two parts are written as bytes
  // encoded once per rule and confidence, and the scan builds no message string per finding
  // (building a string per finding, then reading it back, took 8% of a 20 MB export's SARIF run).
  readonly composesMessage = true;
  /** Per rule id, the heads of its results. */
  private readonly resultHead = new Map<string, RuleHeads>();
  private readonly rule = new Map<string, Rule>();
  private artifactPath = '';
  /** From the end of the message to the start line's value: constant within a file. */
  private location: Uint8Array = new Uint8Array();
  /** The result being written, handed to writeResult without a closure per finding. */
  private readonly current: { finding: ReportedFinding; head: Uint8Array; message: MessageBytes; cell?: Uint8Array; hash: number; occurrence: number } = {
    finding: undefined as unknown as ReportedFinding,
    head: new Uint8Array(),
    message: { open: new Uint8Array(), close: new Uint8Array() },
    hash: 0,
    occurrence: 0,
  };
  private results = 0;
  private readonly notes: Notification[] = [];
  /** Per fingerprint, findings with it so far in the current file. */
  private readonly occurrences = new SlotCounts();

  constructor(
    private readonly out: Output,
    /** Read when the first result comes: a project configuration's custom rules join it once the files are planned. */
    private readonly rules: readonly Rule[],
    private readonly version: string,
    private readonly cwd: string,
    /** The language of the results' messages (the rules' metadata is in English, with Chinese beside it). */
    private readonly lang: Lang,
  ) {}

  private begun = false;

  /** Writes the log's head with the rules (once, before the first result or at the end). */
  private begin(): void {
    if (this.begun) return;
    this.begun = true;
    const { out, rules, version, cwd } = this;
    for (const r of rules) this.rule.set(r.id, r);
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

  // Results are written as bytes (report/jsonBytes.ts): constant parts encoded once, per rule
  // and per file, and the few variable ones byte by byte. This runs once per finding, and building
  // then encoding a string per result was most of the cost of a large SARIF report.
  finding(path: string, f: ReportedFinding): void {
    this.begin();
    if (path !== this.artifactPath) {
      this.artifactPath = path;
      this.location = utf8(`},"locations":[{"physicalLocation":{"artifactLocation":${JSON.stringify(artifactLocation(path))},"region":{"startLine":`);
      this.occurrences.clear();
    }
    // partialFingerprints, which code scanning uses to follow an alert across runs as lines move:
    // keyed (HMAC of the value) with a key, else a hash of what the snippet shows anyway; `:n` tells
    // the n-th finding with the same fingerprint in the file (see baseline/fingerprint.ts).
    // Repeats are counted under 30 bits of the fingerprint (a small integer: a table of them stays
    // fast in a file with 10⁵ results); two fingerprints sharing a counter still get distinct `:n`.
    const hash = f.valueFingerprint ? 0 : maskedHash(f.ruleId, f.masked);
    const slot = f.valueFingerprint ? parseInt(f.valueFingerprint.slice(0, 7), 16) : hash % 0x40000000;
    const n = this.occurrences.add(slot);
    const r = this.current;
    r.finding = f;
    const heads = this.resultHead.get(f.ruleId) ?? this.headsOf(f.ruleId);
    r.head = this.headOf(f, heads);
    r.message = heads.messages[f.confidence] ?? this.messageOf(heads, f.confidence);
    r.hash = hash;
    r.occurrence = n;
    // A workbook cell: the region gives its row and column, a logical location names it
    // (`Sheet1!C5`; kind `element`: the cell is the <c r="C5"> element of the sheet's XML part).
    r.cell = f.cell ? utf8(`,"logicalLocations":[${JSON.stringify(sheetPlace(f.cell))}]`) : undefined;
    const max =
      RESULT_CONSTANT_BYTES + r.head.length + this.location.length + (r.cell?.length ?? 0) + (f.valueFingerprint?.length ?? 14) +
      r.message.open.length + r.message.close.length + 2 * jsonStringMaxBytes(f.masked) + (f.header ? jsonStringMaxBytes(f.header) : 0);
    this.out.fill(max, this.writeResult);
  }

  /** The result in `current`, as `{"ruleId":…}` after a comma and line break (all but the first). */
  private readonly writeResult = (buf: Buffer, at: number): number => {
    const { finding: f, head, message, cell, hash, occurrence } = this.current;
    if (this.results++) buf[at++] = 0x2c;
    buf[at++] = 0x0a;
    at = putBytes(buf, at, head);
    at = putBytes(buf, at, message.open);
    at = putJsonChars(buf, at, f.masked);
    at = putBytes(buf, at, message.close);
    at = putBytes(buf, at, this.location);
    at = putUint(buf, at, f.line);
    at = putBytes(buf, at, START_COLUMN);
    at = putUint(buf, at, f.column);
    at = putBytes(buf, at, END_LINE);
    at = putUint(buf, at, f.endLine);
    at = putBytes(buf, at, END_COLUMN);
    at = putUint(buf, at, f.endColumn);
    at = putBytes(buf, at, SNIPPET);
    at = putJsonString(buf, at, f.masked);
    at = putBytes(buf, at, END_PHYSICAL);
    if (cell) at = putBytes(buf, at, cell);
    at = putBytes(buf, at, PROPERTIES[f.confidence]);
    if (f.header) {
      at = putBytes(buf, at, COLUMN);
      at = putJsonString(buf, at, f.header);
    }
    if (f.valueFingerprint) {
      at = putBytes(buf, at, VALUE_FINGERPRINT);
      at = putAscii(buf, at, f.valueFingerprint);
    } else {
      at = putBytes(buf, at, MASKED_FINGERPRINT);
      at = putHex53(buf, at, hash);
    }
    buf[at++] = 0x3a; // :
    at = putUint(buf, at, occurrence);
    return putBytes(buf, at, END_RESULT);
  };

  /** The result's head: the rule's, with the level of the finding's severity where a project configuration changed it. */
  private headOf(f: ReportedFinding, heads: RuleHeads): Uint8Array {
    // Most findings keep their rule's own level.
    if (f.severity === heads.severity) return heads.own;
    const level = levels[f.severity];
    let head = heads.byLevel.get(level);
    if (head === undefined) heads.byLevel.set(level, (head = resultHead(f.ruleId, heads.index, level)));
    return head;
  }

  private headsOf(ruleId: string): RuleHeads {
    const rule = this.rule.get(ruleId);
    const index = rule ? this.rules.indexOf(rule) : -1;
    const severity = rule?.severity ?? 'warning';
    const heads: RuleHeads = { rule, severity, index, own: resultHead(ruleId, index, levels[severity]), byLevel: new Map(), messages: {} };
    this.resultHead.set(ruleId, heads);
    return heads;
  }

  /**
   * The message's bytes around the masked value, as findingMessage words it. A custom rule id that
   * two project configurations define takes the name of the one listed in the log's rules, where
   * its results' ruleIndex points. (A rule not listed cannot happen: every rule reported is.)
   */
  private messageOf(heads: RuleHeads, confidence: Confidence): MessageBytes {
    const [before, after] = heads.rule ? findingMessageParts(heads.rule, confidence, this.lang) : ['', ''];
    return (heads.messages[confidence] = { open: utf8(JSON.stringify(before).slice(0, -1)), close: utf8(JSON.stringify(after).slice(1)) });
  }

  /** Facts about a whole file (a table's structure break, columns Excel damaged) become notifications. */
  fileDone(result: FileResult): void {
    this.begin();
    for (const n of fileNotices(result, 'en')) {
      this.notes.push({ level: 'warning', message: { text: n.message }, locations: [noticeLocation(result.path, n.at)], descriptor: { id: n.ruleId } });
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

/** `{"ruleId":…,"ruleIndex":…,"level":…,"message":{"text":`, for the rule's severity and for others a project configuration gives it. */
interface RuleHeads {
  rule: Rule | undefined;
  severity: Severity;
  /** In the log's rules; -1 for none. */
  index: number;
  own: Uint8Array;
  byLevel: Map<Result.level, Uint8Array>;
  /** The message's parts, by confidence. */
  messages: Partial<Record<Confidence, MessageBytes>>;
}

/** A message's JSON bytes before the masked value (opening quote included) and after it (closing quote included). */
interface MessageBytes {
  open: Uint8Array;
  close: Uint8Array;
}

function resultHead(ruleId: string, index: number, level: Result.level): Uint8Array {
  return utf8(`{"ruleId":${JSON.stringify(ruleId)}${index >= 0 ? `,"ruleIndex":${index}` : ''},"level":"${level}","message":{"text":`);
}

const START_COLUMN = utf8(',"startColumn":');
const END_LINE = utf8(',"endLine":');
const END_COLUMN = utf8(',"endColumn":');
const SNIPPET = utf8(',"snippet":{"text":');
const END_PHYSICAL = utf8('}}}');
const PROPERTIES: Record<Confidence, Uint8Array> = {
  low: utf8('}],"properties":{"confidence":"low"'),
  medium: utf8('}],"properties":{"confidence":"medium"'),
  high: utf8('}],"properties":{"confidence":"high"'),
};
const COLUMN = utf8(',"column":');
const MASKED_FINGERPRINT = utf8('},"partialFingerprints":{"sdguardMasked/v1":"');
const VALUE_FINGERPRINT = utf8('},"partialFingerprints":{"sdguardValue/v1":"');
const END_RESULT = utf8('"}}');
/** The constant bytes of a result, and room for its five numbers and separators. */
const RESULT_CONSTANT_BYTES =
  2 + START_COLUMN.length + END_LINE.length + END_COLUMN.length + SNIPPET.length + END_PHYSICAL.length + PROPERTIES.medium.length + COLUMN.length + MASKED_FINGERPRINT.length + END_RESULT.length + 5 * 16 + 1;

/**
 * A place in a workbook, `Sheet1!C5` or a whole column `Sheet1!B`, as a logical location: kind
 * `element`, the cell being the <c r="C5"> element of the sheet's XML part.
 */
function sheetPlace(ref: string): LogicalLocation {
  return { name: ref.slice(ref.lastIndexOf('!') + 1), fullyQualifiedName: ref, kind: 'element' };
}

/** A notice's place: a region of a text file; in a workbook, the file and the sheet's column (no line of the file fits). */
function noticeLocation(path: string, at: NoticeLocation): Location {
  if (at.kind === 'text') return { physicalLocation: { artifactLocation: artifactLocation(path), region: { startLine: at.line, startColumn: at.column } } };
  if (at.kind === 'file') return { physicalLocation: { artifactLocation: artifactLocation(path) } };
  return { physicalLocation: { artifactLocation: artifactLocation(path) }, logicalLocations: [sheetPlace(at.column)] };
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
