import type { Range, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
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
  state.version = version;
  if (changes.length > MAX_INCREMENTAL_CHANGES) {
    if (!applyInOnePass(state, changes)) for (const change of changes) applyText(state, change);
    state.reset();
    return 'reset';
  }
  let reset = false;
  for (const change of changes) {
    if (reset || !('range' in change)) {
      applyText(state, change);
      reset = true;
    } else if (!applyOne(state, change, engine)) reset = true;
  }
  if (reset) state.reset();
  return reset ? 'reset' : 'incremental';
}

/** Applies a change to the text only (the findings will be scanned again). */
function applyText(state: DocState, change: TextDocumentContentChangeEvent): void {
  if (!('range' in change)) return state.setText(change.text);
  const a = state.text.offsetAt(change.range.start);
  const b = state.text.offsetAt(change.range.end);
  state.text.replace(Math.min(a, b), Math.max(a, b), change.text);
}

/**
 * Many changes, each before the previous one (how editors send a file-wide fix): their ranges
 * all hold in the text as it was, so the new text is built in one pass instead of one edit at a
 * time. False (nothing done) for any other order.
 */
function applyInOnePass(state: DocState, changes: readonly TextDocumentContentChangeEvent[]): boolean {
  const text = state.text;
  const spans: number[] = [];
  let limit = text.length;
  for (const change of changes) {
    if (!('range' in change)) return false;
    const a = text.offsetAt(change.range.start);
    const b = text.offsetAt(change.range.end);
    if (a > b || b > limit) return false;
    spans.push(a, b);
    limit = a;
  }
  const old = text.getText();
  const parts: string[] = [];
  let pos = 0;
  for (let i = changes.length - 1; i >= 0; i--) {
    parts.push(old.slice(pos, spans[2 * i]), changes[i].text);
    pos = spans[2 * i + 1];
  }
  parts.push(old.slice(pos));
  state.setText(parts.join(''));
  return true;
}

/** One ranged change; false when the whole document must be scanned again. */
function applyOne(state: DocState, change: { range: Range; text: string }, engine: Engine): boolean {
  const text = state.text;
  const a = text.offsetAt(change.range.start);
  const b = text.offsetAt(change.range.end);
  const start = Math.min(a, b);
  const end = Math.max(a, b);
  const from = text.lineStart(start);
  const oldTo = text.afterLineEnd(end);
  const oldLines = text.slice(from, oldTo);
  text.replace(start, end, change.text);
  const delta = change.text.length - (end - start);
  const to = oldTo + delta;

  if (state.kind === 'csv' || state.kind === 'tsv') {
    if (from === 0) return false;
    const header = state.tableHeader(engine);
    if (header) {
      const newLines = text.slice(from, to);
      const before = structureOf(oldLines, header.delimiter);
      const after = structureOf(newLines, header.delimiter);
      // Without quotes every line break ends a row (or stays inside the same quoted field), so
      // later rows parse as before; with quotes, a changed structure is a new table.
      if ((before.includes('"') || after.includes('"') || before.includes("'") || after.includes("'")) && before !== after) return false;
      if (before !== after) state.structureChanged();
      else state.structureKept(text.positionAt(from).line, oldLines, newLines);
    }
  }
  if (oldLines.includes(DIRECTIVE_PREFIX) || text.slice(from, to).includes(DIRECTIVE_PREFIX)) return false;

  const findings = state.findings;
  if (oldTo <= state.frontier) {
    const added = new FindingList(8);
    state.scanRange(engine, from, to, added.push);
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

/**
 * The characters of a table's text that decide its parse, in order: delimiters, line breaks, and
 * quotes (marked by whether they open a field). Two texts with the same structure parse into the
 * same rows and columns.
 */
function structureOf(text: string, delimiter: number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === delimiter || c === 10) out += text[i];
    else if (c === 34) {
      const before = i === 0 ? 10 : text.charCodeAt(i - 1);
      out += before === delimiter || before === 10 || before === 34 ? '"' : "'";
    }
  }
  return out;
}
