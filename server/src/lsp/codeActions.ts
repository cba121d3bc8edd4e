import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { Engine } from '../engine/engine';
import { commentSyntaxFor } from '../engine/commentSyntax';
import { findDirectives } from '../engine/scan/directives';
import { redactionEdits, type Operator } from '../engine/redact/edits';
import { needsKey, OPERATORS, type RedactOptions } from '../engine/redact/operators';
import { t, type Lang } from '../l10n/messages';
import { SERVER_COMMANDS } from './commands';
import { MORE_CODE, type DiagnosticData } from './diagnostics';
import type { DocState } from './documentStore';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.sdguard`;
/** Client command that asks for the pseudonymization key (kept in VS Code's secret storage). */
const SET_KEY_COMMAND = 'sdguard.setPseudonymizationKey';

/** What redaction needs besides the document: the key, if one was set, and the default mode. */
export interface Redaction {
  key: Uint8Array | undefined;
  /** `sdguard.defaultMode`: what fix-all applies. */
  defaultMode: Operator;
  /** `redact.placeholder` of the document's configuration. */
  placeholder?: string;
  /** The client runs SET_KEY_COMMAND (our VS Code client); elsewhere keyless operators are not offered. */
  keyCommand: boolean;
}

/**
 * Quick fixes for our diagnostics in range, plus `source.fixAll.sdguard` when asked for. Quick
 * fixes need no scan, so they are answered at once even while a huge file is being scanned;
 * fix-all waits for the findings to be complete (`complete`: false when the document is not to
 * be scanned) and covers all of them.
 */
export async function codeActions(state: DocState, params: CodeActionParams, engine: Engine, lang: Lang, complete: () => Promise<boolean>, redaction: Redaction): Promise<CodeAction[]> {
  const only = params.context.only;
  const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k));
  const wantsFixAll = !!only && only.some((k) => FIX_ALL_KIND.startsWith(k));
  const actions: CodeAction[] = [];
  if (wantsQuickFix) {
    for (const diag of params.context.diagnostics) {
      if (diag.source !== 'sdguard') continue;
      actions.push(...(diag.code === MORE_CODE ? fileWideFixes(state.uri, diag, lang) : quickFixes(state, diag, engine, lang, redaction)));
    }
  }
  if (wantsFixAll) {
    if (!(await complete())) return actions;
    // Fix-all applies the default mode; one that needs a key falls back to mask without one.
    const mode = needsKey(redaction.defaultMode) && !redaction.key ? 'mask' : redaction.defaultMode;
    const edits = fileEdits(state, engine, { operator: mode, lang, key: redaction.key, placeholder: redaction.placeholder });
    if (edits.length) actions.push({ title: t(lang, 'action.fixAll'), kind: FIX_ALL_KIND, edit: { changes: { [state.uri]: edits } } });
  }
  return actions;
}

/**
 * On the "N more" notice: the file-wide commands, which take every finding. Commands, not edits,
 * so that offering them on a file with half a million values costs nothing until one is chosen.
 */
function fileWideFixes(uri: string, diag: Diagnostic, lang: Lang): CodeAction[] {
  return (['maskAll', 'redactAll'] as const).map((name) => {
    const title = t(lang, name === 'maskAll' ? 'action.maskAll' : 'action.redactAll');
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: name === 'maskAll', command: { title, command: SERVER_COMMANDS[name], arguments: [uri] } };
  });
}

/** Mask (preferred), Redact, Pseudonymize and Fake for one finding, then Ignore on this line. */
function quickFixes(state: DocState, diag: Diagnostic, engine: Engine, lang: Lang, { key, keyCommand, placeholder }: Redaction): CodeAction[] {
  const ruleId = (diag.data as DiagnosticData | undefined)?.ruleId ?? String(diag.code);
  const rule = engine.rule(ruleId);
  if (!rule) return [];
  const start = state.text.offsetAt(diag.range.start);
  const end = state.text.offsetAt(diag.range.end);
  const { text, finding } = state.local({ ruleId, start, end, confidence: 'high' });
  const actions: CodeAction[] = [];
  for (const op of OPERATORS) {
    const title = t(lang, `action.${op}`, rule.name[lang]);
    if (needsKey(op) && !key) {
      if (!keyCommand) continue;
      // No key yet: the action asks for one (the value is left as it is).
      const ask = t(lang, 'action.needsKey', title);
      actions.push({ title: ask, kind: CodeActionKind.QuickFix, diagnostics: [diag], command: { title: ask, command: SET_KEY_COMMAND } });
      continue;
    }
    const [edit] = redactionEdits(text, [finding], (id) => engine.rule(id), { operator: op, lang, key, placeholder });
    actions.push({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      isPreferred: op === 'mask',
      edit: { changes: { [state.uri]: [{ range: diag.range, newText: edit.newText }] } },
    });
  }
  const ignore = ignoreLineEdit(state, diag.range.start.line, ruleId);
  if (ignore) {
    actions.push({ title: t(lang, 'action.ignoreLine', ruleId), kind: CodeActionKind.QuickFix, diagnostics: [diag], edit: { changes: { [state.uri]: [ignore] } } });
  }
  return actions;
}

/**
 * `sdguard-ignore-line RULE` in the file's comment syntax; appends RULE to a directive already on
 * the line instead of adding a second one. None where the format has no comments (CSV, text).
 */
export function ignoreLineEdit(state: DocState, line: number, ruleId: string): TextEdit | undefined {
  const syntax = commentSyntaxFor(state.languageId, state.uri);
  if (!syntax) return undefined;
  const { text } = state;
  const lineStart = text.offsetAt({ line, character: 0 });
  const lineText = text.slice(lineStart, text.offsetAt({ line: line + 1, character: 0 })).replace(/\r?\n$/, '');
  const existing = findDirectives(lineText).find((d) => d.kind === 'line');
  if (existing) {
    if (existing.rules.length === 0 || existing.rules.includes(ruleId)) return undefined;
    const at = text.positionAt(lineStart + existing.end);
    return { range: { start: at, end: at }, newText: ` ${ruleId}` };
  }
  const eol = { line, character: lineText.length };
  const comment = `${syntax.open} sdguard-ignore-line ${ruleId}${syntax.close ? ` ${syntax.close}` : ''}`;
  return { range: { start: eol, end: eol }, newText: `${lineText.length && !/\s$/.test(lineText) ? '  ' : ''}${comment}` };
}

/**
 * Edits applying an operator to every finding in the document (fix-all and file commands), from
 * the stored findings: callers wait until they are complete.
 */
export function fileEdits(state: DocState, engine: Engine, options: RedactOptions, within?: { start: number; end: number }): TextEdit[] {
  const { text } = state;
  const findings = state.allFindings(engine).filter((f) => !within || (f.start < within.end && f.end > within.start));
  return redactionEdits(text.getText(), findings, (id) => engine.rule(id), options).map((e) => ({
    range: { start: text.positionAt(e.start), end: text.positionAt(e.end) },
    newText: e.newText,
  }));
}
