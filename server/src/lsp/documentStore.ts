import type { TextDocumentItem } from 'vscode-languageserver/node';
import type { CarriedState, Engine, FindingSink } from '../engine/engine';
import { fileKindOf } from '../engine/fileKind';
import type { FileKind, Finding } from '../engine/types';
import { CONFIDENCE } from '../engine/scan/context';
import { DIRECTIVE_PREFIX, findDirectives, mergeSuppressions, type Suppression } from '../engine/scan/directives';
import { finalIssue, TableCursor, tableStart, type TableIssue, type TableState } from '../engine/table/cursor';
import { ChunkedText } from './chunkedText';
import { FindingList } from './findingList';
import { defaultSettings, type Settings } from './settings';

/** What every range scan of a document shares: its table header and file-wide directives. */
interface DocFacts {
  header: CarriedState['header'];
  headerContext: Int8Array;
  file: Suppression | undefined;
  /** Whether the document holds any directive (then next-line ones may cross chunks). */
  directives: boolean;
}

/**
 * An open document and what we know of it. Findings are exact for text[0, frontier) and none
 * are stored beyond it: the background scan moves the frontier to the end, edits move it back
 * (or to 0 when the whole document must be scanned again).
 */
export class DocState {
  readonly uri: string;
  readonly languageId: string;
  readonly kind: FileKind;
  version: number;
  text: ChunkedText;
  readonly findings = new FindingList();
  frontier = 0;
  private facts: DocFacts | undefined;
  /** The table's parse state at the start of each chunk, as far as known (see tableStateAt). */
  private chunkStates: TableState[] = [];
  private chunkStatesOf = -1;
  /** The text and its edit count when the first of `chunkStates` was walked: with no edit since, their line numbers hold. */
  private chunkStatesFrom: { text: ChunkedText; edits: number } | undefined;
  /** The first break in the table's structure (undefined: none, or not computed: see tableIssue). */
  private issue: TableIssue | undefined;
  private issueKnown = false;
  /** Settings for this document, once fetched from the client. */
  settings: Settings | undefined;
  /** Diagnostics are due once the findings are complete. */
  wantPublish = false;
  closed = false;
  /** Above the `sdguard.maxFileSizeMB` limit: not scanned. */
  tooLarge = false;
  /** Matched by `sdguard.exclude`: not scanned. */
  excluded = false;

  constructor(
    item: TextDocumentItem,
    /** Tests make chunks small so that their boundaries are exercised. */
    private readonly chunkSize?: number,
  ) {
    this.uri = item.uri;
    this.languageId = item.languageId;
    this.version = item.version;
    this.kind = fileKindOf(item.uri, item.languageId);
    this.text = new ChunkedText(item.text, chunkSize);
  }

  get complete(): boolean {
    return this.frontier >= this.text.length;
  }

  /** The client sent the whole text. */
  setText(text: string): void {
    this.text = new ChunkedText(text, this.chunkSize);
  }

  /** Everything must be scanned again (the header, a directive or the whole text changed). */
  reset(): void {
    this.findings.clear();
    this.frontier = 0;
    this.facts = undefined;
    this.chunkStates = [];
    this.issueKnown = false;
  }

  /** Rows gained or lost fields: where the structure breaks must be found again. */
  structureChanged(): void {
    this.issueKnown = false;
  }

  /**
   * Lines from `line` on went from `before` to `after` with the table's structure kept (the same
   * delimiters, line breaks and quotes in order: see incremental.ts). Rows and fields parse as
   * before, so the known issue stays, with two exceptions: a line that turned blank or not (blank
   * lines are no records) can change which row breaks first, and an unclosed quote on an edited
   * line may have moved along it. Anything else would walk the whole text again for nothing.
   */
  structureKept(line: number, before: string, after: string): void {
    if (!this.issueKnown) return;
    const issue = this.issue;
    if ((issue === undefined || issue.line >= line) && blanknessChanged(before, after)) this.issueKnown = false;
    else if (issue?.kind === 'unclosed-quote' && issue.line >= line) {
      const character = movedQuote(before, after, issue.line - line, issue.character);
      if (character === -1) this.issueKnown = false;
      else if (character !== issue.character) this.issue = { ...issue, character };
    }
  }

  /**
   * Scans text[from, to) (line starts or the text's end), chunk by chunk, reporting document
   * offsets to `sink`. Each chunk carries the header and directives from the rest of the text,
   * so the findings are those of scanning the whole text in one piece.
   */
  scanRange(engine: Engine, from: number, to: number, sink: FindingSink): void {
    const options = { kind: this.kind, minConfidence: this.settings?.minConfidence ?? defaultSettings.minConfidence };
    for (let k = this.text.chunkIndex(from); from < to; k++) {
      const start = this.text.chunkStart(k);
      const chunk = this.text.chunkText(k);
      const end = Math.min(to, start + chunk.length);
      const prepared = engine.prepare(chunk, options, this.carried(engine, k));
      const at = prepared.header ? { state: this.tableStateAt(prepared.header, k, from - start), base: start } : undefined;
      // A scan to the end of a chunk gives the state at the next one's start: kept, so the next
      // chunk's scan does not walk this one again.
      const keepEnd = at !== undefined && end === start + chunk.length && k + 1 < this.text.chunkCount && this.chunkStates.length === k + 1;
      const next = engine.scanTo(chunk, prepared, (rule, s, e, confidence, column) => sink(rule, s + start, e + start, confidence, column), from - start, end - start, at, keepEnd);
      if (keepEnd && next) this.chunkStates.push(next);
      from = end;
    }
  }

  /** Finding `i` as an object with document offsets (only for what is shown or edited). */
  finding(i: number, engine: Engine): Finding {
    const f = this.findings;
    return this.toFinding(engine, f.rule[i], f.start[i], f.end[i], f.confidence[i], f.column[i]);
  }

  /** A finding from the engine's sink primitives, with its column header's name. */
  toFinding(engine: Engine, rule: number, start: number, end: number, confidence: number, column: number): Finding {
    const header = this.docFacts(engine).header?.names?.[column];
    return { ruleId: engine.rules[rule].id, start, end, confidence: CONFIDENCE[confidence], ...(header ? { column: header } : {}) };
  }

  allFindings(engine: Engine): Finding[] {
    const out: Finding[] = new Array(this.findings.length);
    for (let i = 0; i < out.length; i++) out[i] = this.finding(i, engine);
    return out;
  }

  /** The finding with offsets into the text of its chunk (a finding never crosses a line). */
  local(finding: Finding): { text: string; finding: Finding } {
    const k = this.text.chunkIndex(finding.start);
    const start = this.text.chunkStart(k);
    return { text: this.text.chunkText(k), finding: { ...finding, start: finding.start - start, end: finding.end - start } };
  }

  /**
   * The table's parse state at offset `local` of chunk k (a line start). Inside a quoted field
   * that spans lines a line start is not a row start, so the states at chunk starts are walked
   * once and kept: edits that would change them (a quote or delimiter added or removed) make
   * the whole document be scanned again (see incremental.ts), which clears them.
   */
  private tableStateAt(header: NonNullable<DocFacts['header']>, k: number, local: number): TableState {
    if (this.chunkStatesOf !== this.text.chunkCount) {
      this.chunkStates = [];
      this.chunkStatesOf = this.text.chunkCount;
    }
    const states = this.chunkStates;
    if (states.length === 0) {
      states.push(tableStart());
      this.chunkStatesFrom = { text: this.text, edits: this.text.edits };
    }
    while (states.length <= k) {
      const j = states.length - 1;
      const chunk = this.text.chunkText(j);
      states.push(new TableCursor(chunk, header.delimiter, header.fields, this.text.chunkStart(j), 0, states[j]).stateAt(chunk.length));
    }
    return local === 0 ? states[k] : new TableCursor(this.text.chunkText(k), header.delimiter, header.fields, this.text.chunkStart(k), 0, states[k]).stateAt(local);
  }

  /** Where the table's structure breaks, if it does (a walk over the whole text, kept until edits move it). */
  tableIssue(engine: Engine): TableIssue | undefined {
    const header = this.docFacts(engine).header;
    if (!header) return undefined;
    if (!this.issueKnown) {
      // After edits the kept states' line numbers may be stale; the first scan's are not (and
      // walking a 10 MB table again here would hold up requests for tens of milliseconds).
      const from = this.chunkStatesFrom;
      if (!from || from.text !== this.text || from.edits !== this.text.edits) this.chunkStates = [];
      const last = this.text.chunkCount - 1;
      const end = this.tableStateAt(header, last, this.text.chunkText(last).length);
      this.issue = finalIssue(end, header.fields);
      this.issueKnown = true;
    }
    return this.issue;
  }

  /** The table's header (delimiter, column names), when the document is a CSV/TSV. */
  tableHeader(engine: Engine): DocFacts['header'] {
    return this.docFacts(engine).header;
  }

  private docFacts(engine: Engine): DocFacts {
    if (!this.facts) {
      // The dialect is read from the first rows (up to 64 KB), the header from the first.
      const head = engine.prepare(this.text.slice(0, Math.min(this.text.length, 64 * 1024)), { kind: this.kind });
      let file: Suppression | undefined;
      let directives = false;
      for (let k = 0; k < this.text.chunkCount; k++) {
        const chunk = this.text.chunkText(k);
        if (!chunk.includes(DIRECTIVE_PREFIX)) continue;
        directives = true;
        for (const d of findDirectives(chunk)) if (d.kind === 'file') file = mergeSuppressions(file, d.rules.length ? new Set(d.rules) : 'all');
      }
      this.facts = { header: head.header, headerContext: head.headerContext, file, directives };
    }
    return this.facts;
  }

  /** What chunk `k` inherits: the header, `sdguard-ignore-file`, a next-line directive just before it. */
  private carried(engine: Engine, k: number): CarriedState {
    const facts = this.docFacts(engine);
    let firstLine: Suppression | undefined;
    if (facts.directives && k > 0) {
      const end = this.text.chunkStart(k);
      for (const d of findDirectives(this.text.slice(this.text.lineStart(end - 1), end))) {
        if (d.kind === 'next-line') firstLine = mergeSuppressions(firstLine, d.rules.length ? new Set(d.rules) : 'all');
      }
    }
    return { header: facts.header, headerContext: facts.headerContext, file: facts.file, firstLine };
  }
}

/** Whether a line of `before` and the same line of `after` (as many lines) differ in being blank. */
function blanknessChanged(before: string, after: string): boolean {
  const now = after.split('\n');
  return before.split('\n').some((line, k) => isBlank(line) !== isBlank(now[k]));
}

/** A blank line (nothing but `\r`) is no record. */
function isBlank(line: string | undefined): boolean {
  return line !== undefined && /^\r*$/.test(line);
}

/**
 * Where the quote at `character` of line `k` of `before` is on line `k` of `after`: the same
 * structure keeps the quotes in order, so it is the line's quote with as many quotes before it.
 * A line past the edited ones did not change; -1 if there is no quote at `character`.
 */
function movedQuote(before: string, after: string, k: number, character: number): number {
  const old = before.split('\n');
  if (k >= (before.endsWith('\n') ? old.length - 1 : old.length)) return character;
  const line = old[k];
  if (line.charCodeAt(character) !== 34) return -1;
  let quotesBefore = 0;
  for (let i = line.indexOf('"'); i !== -1 && i < character; i = line.indexOf('"', i + 1)) quotesBefore++;
  const now = after.split('\n')[k] ?? '';
  let at = now.indexOf('"');
  for (; quotesBefore > 0 && at !== -1; quotesBefore--) at = now.indexOf('"', at + 1);
  return at;
}

/** Open documents by URI. We keep our own store (not TextDocuments) to see each change's range. */
export class DocumentStore {
  private readonly docs = new Map<string, DocState>();

  open(item: TextDocumentItem): DocState {
    this.close(item.uri);
    const state = new DocState(item);
    this.docs.set(item.uri, state);
    return state;
  }

  get(uri: string): DocState | undefined {
    return this.docs.get(uri);
  }

  close(uri: string): DocState | undefined {
    const state = this.docs.get(uri);
    this.docs.delete(uri);
    if (state) state.closed = true;
    return state;
  }

  all(): DocState[] {
    return [...this.docs.values()];
  }
}
