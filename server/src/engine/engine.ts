import type { Confidence, FileKind, Finding, Reason, Rule } from './types';
import { RuleIndex, type CompiledRule } from './scan/ruleIndex';
import { scanText, type BaseConfidence, type MatchSink } from './scan/scanner';
import { BEFORE, CONFIDENCE, CONFIDENCE_RANK, decideConfidence, HOT, NEG, nearbyContext, windowEnd, windowStart } from './scan/context';
import { FirstScan } from './scan/wordSet';
import { collectDirectives, findDirectives, mergeSuppressions, suppresses, type Directives, type Suppression } from './scan/directives';
import { readTableHeader, type TableHeader } from './table/dialect';
import { TableCursor, tableStart, type TableState } from './table/cursor';
import { LineIndex } from './text/lineIndex';
import { lineFeedsForLoneCr } from './text/lineEnds';
import { maskValue } from './redact/mask';
import { nonOverlapping } from './redact/operators';

export interface ScanOptions {
  kind: FileKind;
  /** Findings below this confidence are dropped (default `medium`). */
  minConfidence?: Confidence;
}

/**
 * Receives findings as primitives, so that scans of huge texts allocate nothing per value:
 * the rule's index in `engine.rules`, UTF-16 offsets, confidence 0 low / 1 medium / 2 high,
 * and the 0-based CSV/TSV column (-1 elsewhere).
 */
export type FindingSink = (ruleIndex: number, start: number, end: number, confidence: number, column: number) => void;

/** Facts about a whole document that range scans reuse: directives and the table header. */
export interface PreparedText {
  readonly kind: FileKind;
  readonly minConfidence: number;
  readonly directives?: Directives;
  readonly lines?: LineIndex;
  readonly header?: TableHeader;
  /** HOT/NEG bits of each header cell per rule, computed on first use (-1 = not yet). */
  readonly headerContext: Int8Array;
}

/** Where a range scan starts in a table: the parse state there and the absolute offset of text[0]. */
export interface TablePosition {
  state: TableState;
  base: number;
}

/** What a chunked scan carries from one chunk to the next. */
export interface CarriedState {
  header: TableHeader | undefined;
  headerContext?: Int8Array;
  /** A `sdguard-ignore-file` seen in an earlier chunk. */
  file?: Suppression;
  /** A `sdguard-ignore-next-line` on the last line of the previous chunk. */
  firstLine?: Suppression;
}

/** Score bit of a value not on the allow list (scores also hold a hotword bonus, 4, and the confidence, 0–2). */
const REPORTED = 8;

/** What a project configuration adds to a rule set (see server/src/config/). */
export interface EngineOptions {
  /**
   * Per rule, by index: the lowest confidence reported (0 low, 1 medium, 2 high), or -1 for the
   * scan's `minConfidence`.
   */
  readonly minConfidence?: ArrayLike<number>;
  /** The allow list: whether a value is allowed for a rule (then that rule does not report it). */
  readonly allowed?: (rule: Rule, text: string, start: number, end: number) => boolean;
}

/** The detection engine: a rule set and its dispatch index. Knows nothing of its callers. */
export class Engine {
  private readonly index: RuleIndex;
  private readonly byId = new Map<string, Rule>();

  constructor(
    readonly rules: readonly Rule[],
    readonly options: EngineOptions = {},
  ) {
    this.index = new RuleIndex(rules);
    for (const r of rules) this.byId.set(r.id, r);
  }

  rule(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  /** The finding's value as reports may show it: masked by its rule's policy, never raw. */
  masked(text: string, finding: Finding): string {
    const rule = this.byId.get(finding.ruleId);
    const raw = text.slice(finding.start, finding.end);
    return rule ? maskValue(raw, rule.mask) : '*'.repeat(raw.length);
  }

  /**
   * The text's table header, a value in a header cell masked (maskValuesIn). A list with no header
   * row whose first row has no cell of digits alone (`某公司,91350100M000100Y43`) reads as a header;
   * a report naming a column by its header (JSON, SARIF, the column summaries) would print the value.
   */
  private tableHeader(text: string, kind: FileKind): TableHeader | undefined {
    const header = readTableHeader(text, kind);
    if (!header?.names) return header;
    let names: string[] | undefined;
    header.names.forEach((name, k) => {
      // Digits are in every value: a name without any needs no scan.
      if (!/\d/.test(name)) return;
      const { shown } = this.maskValuesIn(name);
      if (shown !== name) (names ??= [...header.names!])[k] = shown;
    });
    return names ? { ...header, names } : header;
  }

  /**
   * A name as reports may show it (a sheet's, a column's header), every value in it masked whatever
   * its confidence (a name has no context to raise a value's), and the values found, at any confidence.
   */
  maskValuesIn(name: string): { shown: string; findings: Finding[] } {
    const findings = this.scan(name, { kind: 'plain', minConfidence: 'low' });
    if (findings.length === 0) return { shown: name, findings };
    let shown = '';
    let at = 0;
    for (const f of nonOverlapping(findings)) {
      shown += name.slice(at, f.start) + this.masked(name, f);
      at = f.end;
    }
    return { shown: shown + name.slice(at), findings };
  }

  /**
   * Reads what range scans of this text share: inline directives and the CSV/TSV header.
   * A stream passes what carries over from earlier chunks (the header, file-wide and
   * next-line suppressions) in `carried`.
   */
  prepare(text: string, options: ScanOptions, carried?: CarriedState): PreparedText {
    const found = findDirectives(text);
    const lines = found.length || carried?.firstLine ? new LineIndex(text) : undefined;
    const directives = lines ? collectDirectives(found, lines) : undefined;
    if (directives && carried?.firstLine) directives.lines.set(0, mergeSuppressions(directives.lines.get(0), carried.firstLine));
    if (directives && carried?.file) directives.file = mergeSuppressions(directives.file, carried.file);
    const header = carried ? carried.header : this.tableHeader(text, options.kind);
    return {
      kind: options.kind,
      minConfidence: CONFIDENCE_RANK[options.minConfidence ?? 'medium'],
      directives: directives ?? (carried?.file ? { file: carried.file, lines: new Map() } : undefined),
      lines,
      header,
      headerContext: carried?.headerContext ?? new Int8Array((header?.names?.length ?? 0) * this.rules.length).fill(-1),
    };
  }

  /**
   * Scans text[from, to) (both line starts, or the text's ends) and reports each finding to `sink`
   * in text order. The whole text stays available for context around the range. In a table,
   * `at` is the parse state at `from` (by default: the start of the text) and the state at `to`
   * is returned, for the scan of what follows. That costs a walk from the last value to `to`:
   * callers that do not go on pass `endState` false (then nothing is returned).
   */
  scanTo(text: string, prepared: PreparedText, sink: FindingSink, from = 0, to = text.length, at?: TablePosition, endState = true): TableState | undefined {
    const { directives, lines, header, minConfidence } = prepared;
    const cursor = header ? new TableCursor(text, header.delimiter, header.fields, at?.base ?? 0, from, at?.state ?? tableStart()) : undefined;
    if (directives?.file === 'all') return endState ? cursor?.stateAt(to) : undefined;
    const names = header?.names;
    const delimiter = windowDelimiter(header);
    const rulesCount = this.rules.length;
    const headerContextCache = prepared.headerContext;
    const hotFirst = this.index.hotFirst;
    const hotNear = new FirstScan(hotFirst, text);
    const ruleMin = this.options.minConfidence;
    const allowed = this.options.allowed;
    let windowFor = -1;
    let windowForEnd = -1;
    let windowFrom = 0;
    let windowTo = 0;
    /** -1 not looked at yet, 0 no hotword character in the window, 1 some. */
    let windowHasHot = -1;
    // The context window, computed when first needed and shared by all the rules that matched
    // the same value.
    const needWindow = (start: number, end: number): void => {
      if (start === windowFor && end === windowForEnd) return;
      windowFor = start;
      windowForEnd = end;
      // In a table the cursor, just walked to `start`, knows where the line and the cells began.
      windowFrom = cursor ? Math.max(start > BEFORE ? start - BEFORE : 0, cursor.windowFloor(delimiter >= 0)) : windowStart(text, start, delimiter);
      windowTo = windowEnd(text, end, delimiter);
      windowHasHot = -1;
    };
    const handler: MatchSink = {
      aux: -1,
      score(cr: CompiledRule, start: number, end: number, base: BaseConfidence): number {
        const id = cr.rule.id;
        if (directives && (suppresses(directives.file, id) || (lines !== undefined && suppresses(directives.lines.get(lines.lineOf(start)), id)))) return -1;
        const column = cursor ? cursor.columnAt(start) : -1;
        this.aux = column;
        let headerBits = 0;
        if (names !== undefined && column >= 0 && column < names.length) {
          const slot = column * rulesCount + cr.order;
          headerBits = headerContextCache[slot];
          if (headerBits === -1) headerBits = headerContextCache[slot] = headerContext(names[column], cr);
        }
        const min = ruleMin !== undefined && ruleMin[cr.order] >= 0 ? ruleMin[cr.order] : minConfidence;
        // A context-only candidate (low until a hotword speaks for it) in a window holding no
        // hotword's first character cannot be reported: skip the per-rule searches.
        if (base === 0 && min > 0 && (headerBits & HOT) === 0) {
          needWindow(start, end);
          if (windowHasHot === -1) windowHasHot = hotNear.any(windowFrom, windowTo) ? 1 : 0;
          if (windowHasHot === 0) return -1;
        }
        let near = -1;
        const confidence = decideConfidence(base, headerBits, () => {
          if (near === -1) {
            needWindow(start, end);
            near = nearbyContext(text, windowFrom, start, end, windowTo, cr);
          }
          return near;
        });
        if (confidence < min) return -1;
        const found = headerBits | (near === -1 ? 0 : near);
        // The score ranks equal spans: a value the allow list does not allow for this rule comes
        // first, then a rule whose own hotword or header is there. An allowed value still covers
        // its span (no shorter finding inside it), but another rule's finding of the same span is
        // reported: an entry limited to some rules leaves the value to the others.
        const reported = allowed !== undefined && allowed(cr.rule, text, start, end) ? 0 : REPORTED;
        return reported + ((found & HOT) !== 0 ? 4 : 0) + confidence;
      },
      emit(cr: CompiledRule, start: number, end: number, score: number, column: number): void {
        if ((score & REPORTED) !== 0) sink(cr.order, start, end, score & 3, column);
      },
    };
    scanText(text, this.index, from, to, handler);
    return endState ? cursor?.stateAt(to) : undefined;
  }

  /**
   * Findings in text[from, to) as objects (for the editor and small files). A lone CR ends a line,
   * as in a chunked scan (see lineFeedsForLoneCr), unless the caller prepared the text itself.
   */
  scan(text: string, options: ScanOptions, from = 0, to = text.length, prepared?: PreparedText): Finding[] {
    if (!prepared) {
      text = lineFeedsForLoneCr(text, true);
      prepared = this.prepare(text, options);
    }
    const findings: Finding[] = [];
    const names = prepared.header?.names;
    this.scanTo(
      text,
      prepared,
      (ruleIndex, start, end, confidence, column) => {
        const header = names?.[column];
        findings.push({ ruleId: this.rules[ruleIndex].id, start, end, confidence: CONFIDENCE[confidence], ...(header ? { column: header } : {}) });
      },
      from,
      to,
      undefined,
      false,
    );
    return findings;
  }

  /** Whether a column header names what rule `ruleIndex` finds (holds one of its context words). */
  headerNamesRule(header: string, ruleIndex: number): boolean {
    return (headerContext(header, this.index.rules[ruleIndex]) & HOT) !== 0;
  }

  /**
   * Why a finding was reported: the validator that passed and the context words seen. In a
   * table, `table` (the header the scan read) keeps the words to the window the scan looked at.
   */
  explain(text: string, finding: Finding, table?: TableHeader): Reason[] {
    const cr = this.index.rules.find((r) => r.rule.id === finding.ruleId);
    if (!cr) return [];
    const reasons: Reason[] = [];
    if (cr.validator) reasons.push({ kind: cr.validator.strength, validator: cr.validator.name });
    const delimiter = windowDelimiter(table);
    const from = windowStart(text, finding.start, delimiter);
    const to = windowEnd(text, finding.end, delimiter);
    // The column header speaks first (it gives the whole column its context), then nearby words.
    const headerBits = finding.column ? headerContext(finding.column, cr) : 0;
    if ((headerBits & HOT) !== 0) reasons.push({ kind: 'header', header: finding.column! });
    else if ((headerBits & NEG) !== 0) reasons.push({ kind: 'negativeHeader', header: finding.column! });
    const hot = cr.hot.findIn(text, from, finding.start, finding.start) || cr.hot.findIn(text, finding.end, to, to);
    const neg = cr.neg.findIn(text, from, finding.start, finding.start) || cr.neg.findIn(text, finding.end, to, to);
    if (hot) reasons.push({ kind: 'hotword', word: hot });
    if (neg) reasons.push({ kind: 'negative', word: neg });
    return reasons;
  }
}

/**
 * What bounds a value's context window besides its line: in a table with named columns, the
 * delimiter (context keeps to the value's cell and the one before; see windowStart).
 */
function windowDelimiter(header: TableHeader | undefined): number {
  return header?.names !== undefined ? header.delimiter : -1;
}

function headerContext(name: string, cr: CompiledRule): number {
  const lower = name.toLowerCase();
  return (cr.hot.findInString(lower) !== undefined ? HOT : 0) | (cr.neg.findInString(lower) !== undefined ? NEG : 0);
}
