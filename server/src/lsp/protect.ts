import type { Connection, Range } from 'vscode-languageserver/node';
import type { Engine } from '../engine/engine';
import { MissingKeyError, type Operator } from '../engine/redact/operators';
import { t, type Lang } from '../l10n/messages';
import { fileEdits } from './codeActions';
import type { DocState } from './documentStore';
import { workspaceEdit } from './workspaceEdit';

/** Client → server: the pseudonymization key from VS Code's secret storage (base64), or null. */
export const SET_KEY_NOTIFICATION = 'sdguard/setKey';

/** What `sdguard.server.protect` is asked: an operator on a whole document or a selection of it. */
export interface ProtectRequest {
  uri: string;
  mode: Operator;
  range?: Range;
}

export interface ProtectResult {
  count: number;
  message: string;
  /** Set when nothing was done because something was missing (the key). */
  error?: string;
}

/**
 * Applies an operator to every finding of an open document (or of a selection) through
 * workspace/applyEdit, so the editor can undo it. Findings must be complete and the document
 * open (callers wait for `complete`, which says false for a closed one).
 */
export async function protectDocument(state: DocState, request: ProtectRequest, ctx: { connection: Connection; engine: Engine; lang: Lang; key: Uint8Array | undefined; placeholder?: string }): Promise<ProtectResult> {
  const { connection, engine, lang } = ctx;
  const within = request.range ? { start: state.text.offsetAt(request.range.start), end: state.text.offsetAt(request.range.end) } : undefined;
  let edits;
  try {
    edits = fileEdits(state, engine, { operator: request.mode, lang, key: ctx.key, placeholder: ctx.placeholder }, within);
  } catch (e) {
    if (e instanceof MissingKeyError) return { count: 0, message: e.message, error: 'missing-key' };
    throw e;
  }
  if (edits.length === 0) return { count: 0, message: t(lang, within ? 'command.nothingSelected' : 'command.nothing') };
  const result = await connection.workspace.applyEdit({ label: 'sdguard', edit: workspaceEdit([{ uri: state.uri, version: state.version, edits }]) });
  const count = result.applied ? edits.length : 0;
  return { count, message: t(lang, `command.done.${request.mode}`, count) };
}
