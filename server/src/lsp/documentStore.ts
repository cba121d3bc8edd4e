import type { TextDocumentItem } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine, PreparedText } from '../engine/engine';
import { fileKindOf } from '../engine/fileKind';
import type { FileKind, Finding } from '../engine/types';
import { CONFIDENCE } from '../engine/scan/context';
import { FindingList } from './findingList';
import type { Settings } from './settings';

/**
 * An open document and what we know of it. Findings are exact for text[0, frontier) and none
 * are stored beyond it: the background scan moves the frontier to the end, edits move it back
 * (or to 0 when the whole document must be scanned again).
 */
export class DocState {
  readonly kind: FileKind;
  readonly findings = new FindingList();
  frontier = 0;
  private preparedText: PreparedText | undefined;
  /** Settings for this document, once fetched from the client. */
  settings: Settings | undefined;
  /** Diagnostics are due once the findings are complete. */
  wantPublish = false;
  closed = false;

  constructor(public doc: TextDocument) {
    this.kind = fileKindOf(doc.uri, doc.languageId);
  }

  get uri(): string {
    return this.doc.uri;
  }

  get complete(): boolean {
    return this.frontier >= this.doc.getText().length;
  }

  /** Directives and CSV header of the current text, read once and reused by range scans. */
  prepared(engine: Engine): PreparedText {
    return (this.preparedText ??= engine.prepare(this.doc.getText(), { kind: this.kind }));
  }

  /** The document's directives moved or changed: read them again on next use. */
  forgetPrepared(): void {
    this.preparedText = undefined;
  }

  /** Whether the prepared facts depend on line numbers (the document has directives). */
  get preparedHasDirectives(): boolean {
    return this.preparedText?.directives !== undefined;
  }

  /** Everything must be scanned again. */
  reset(): void {
    this.findings.clear();
    this.frontier = 0;
    this.preparedText = undefined;
  }

  /** Finding `i` as an object (only for what is shown or edited, never for all of a huge list). */
  finding(i: number, engine: Engine): Finding {
    const f = this.findings;
    const header = this.prepared(engine).header?.names?.[f.column[i]];
    return { ruleId: engine.rules[f.rule[i]].id, start: f.start[i], end: f.end[i], confidence: CONFIDENCE[f.confidence[i]], ...(header ? { column: header } : {}) };
  }

  allFindings(engine: Engine): Finding[] {
    const out: Finding[] = new Array(this.findings.length);
    for (let i = 0; i < out.length; i++) out[i] = this.finding(i, engine);
    return out;
  }
}

/** Open documents by URI. We keep our own store (not TextDocuments) to see each change's range. */
export class DocumentStore {
  private readonly docs = new Map<string, DocState>();

  open(item: TextDocumentItem): DocState {
    this.close(item.uri);
    const state = new DocState(TextDocument.create(item.uri, item.languageId, item.version, item.text));
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
