import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';

/** Whether the client takes versioned `documentChanges` (VS Code, Neovim, Helix do); else plain `changes`. */
let versioned = true;

export function setDocumentChangesSupport(supported: boolean): void {
  versioned = supported;
}

/**
 * A workspace edit for several documents: versioned when the client supports it, so an edit
 * computed for an older version of a document is refused instead of applied to the wrong text.
 */
export function workspaceEdit(docs: readonly { uri: string; version: number; edits: TextEdit[] }[]): WorkspaceEdit {
  if (versioned) return { documentChanges: docs.map((d) => ({ textDocument: { uri: d.uri, version: d.version }, edits: d.edits })) };
  return { changes: Object.fromEntries(docs.map((d) => [d.uri, d.edits])) };
}
