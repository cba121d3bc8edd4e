import type { Range, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine } from '../engine/engine';
import { DIRECTIVE_PREFIX } from '../engine/scan/directives';
import { FindingList } from './findingList';
import type { DocState } from './documentStore';

/** More changes than this in one notification (a file-wide fix) are cheaper as one full scan. */
const MAX_INCREMENTAL_CHANGES = 64;

/** What applying a notification's changes left to do. */
export type ChangeOutcome = 'incremental' | 'reset';

/**
 * Applies the changes in order to the document and keeps its findings exact: a value's context
 * lies on its own line (`\n`-delimited), so only the lines an edit touches are scanned again and
 * later findings move by the length delta. The whole document is scanned again (outcome `reset`)
 * when an edit touches a CSV/TSV header row (its names give every row context) or a directive
 * (it can silence other lines), when a change has no range, or when there are very many changes.
 */
export function applyChanges(state: DocState, changes: readonly TextDocumentContentChangeEvent[], version: number, engine: Engine): ChangeOutcome {
  let reset = changes.length > MAX_INCREMENTAL_CHANGES;
  for (const change of changes) {
    if (reset || !('range' in change)) {
      TextDocument.update(state.doc, [change], version);
      reset = true;
    } else if (!applyOne(state, change, version, engine)) reset = true;
  }
  // Each change sets the version; an empty notification still moves it.
  TextDocument.update(state.doc, [], version);
  if (reset) state.reset();
  return reset ? 'reset' : 'incremental';
}

/** One ranged change; false when the whole document must be scanned again. */
function applyOne(state: DocState, change: { range: Range; text: string }, version: number, engine: Engine): boolean {
  const doc = state.doc;
  const oldText = doc.getText();
  const a = doc.offsetAt(change.range.start);
  const b = doc.offsetAt(change.range.end);
  const from = lineStart(oldText, Math.min(a, b));
  const oldTo = afterLineEnd(oldText, Math.max(a, b));
  const oldLines = oldText.slice(from, oldTo);
  TextDocument.update(doc, [change], version);
  const text = doc.getText();
  const delta = text.length - oldText.length;
  const to = oldTo + delta;

  if (from === 0 && (state.kind === 'csv' || state.kind === 'tsv')) return false;
  if (oldLines.includes(DIRECTIVE_PREFIX) || text.slice(from, to).includes(DIRECTIVE_PREFIX)) return false;
  // Directives elsewhere still apply to the same lines, but their line index is stale now.
  if (state.preparedHasDirectives) state.forgetPrepared();

  const findings = state.findings;
  if (oldTo <= state.frontier) {
    const added = new FindingList(8);
    engine.scanTo(text, state.prepared(engine), added.push, from, to);
    findings.splice(findings.lowerBound(from), findings.lowerBound(oldTo), added, delta);
    state.frontier += delta;
  } else if (from < state.frontier) {
    // The edit straddles the frontier of an ongoing scan: it goes on from the edited lines.
    findings.truncate(findings.lowerBound(from));
    state.frontier = from;
  }
  // Beyond the frontier: the ongoing scan reads the new text when it gets there.
  return true;
}

/** Start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line break ending the line that holds `offset` (or the text's end). */
function afterLineEnd(text: string, offset: number): number {
  const eol = text.indexOf('\n', offset);
  return eol === -1 ? text.length : eol + 1;
}
