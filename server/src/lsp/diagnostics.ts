import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { Engine } from '../engine/engine';
import type { Finding, Rule, Severity } from '../engine/types';
import { findingMessage } from '../l10n/describe';
import { t, type Lang } from '../l10n/messages';
import type { DocState } from './documentStore';
import { ruleDocUri } from './ruleDocs';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Code of the one diagnostic that says how many findings the cap left out. */
export const MORE_CODE = 'sdguard-more';

/** What a diagnostic carries back to code actions: enough to find its rule again. */
export interface DiagnosticData {
  ruleId: string;
  /** A workbook finding's cell (`Sheet1!C5`). */
  cell?: string;
}

/** What the notice carries, so a client can count every finding (e.g. in a status item). */
export interface MoreData {
  more: number;
  total: number;
}

/** `text` and the finding's offsets may be those of a chunk; `range` is in the document. */
export function toDiagnostic(range: Range, text: string, finding: Finding, engine: Engine, lang: Lang): Diagnostic {
  const rule = engine.rule(finding.ruleId)!;
  return findingDiagnostic(range, rule, findingMessage(rule, engine.masked(text, finding), finding.confidence, lang));
}

/** A finding's diagnostic (a text document's or a workbook cell's): its rule's severity, code and page. */
export function findingDiagnostic(range: Range, rule: Rule, message: string, data: DiagnosticData = { ruleId: rule.id }): Diagnostic {
  return { range, severity: severities[rule.severity], source: 'sdguard', code: rule.id, codeDescription: { href: ruleDocUri(rule.id) }, message, data };
}

/**
 * The first `max` findings in document order as diagnostics, plus one notice with the number
 * left out, placed on the first of those. Only what is published becomes a Diagnostic object.
 */
export function cappedDiagnostics(state: DocState, engine: Engine, lang: Lang, max: number): Diagnostic[] {
  const { text, findings } = state;
  const shown = Math.min(max, findings.length);
  const out: Diagnostic[] = [];
  for (let i = 0; i < shown; i++) {
    const f = state.finding(i, engine);
    const local = state.local(f);
    out.push(toDiagnostic({ start: text.positionAt(f.start), end: text.positionAt(f.end) }, local.text, local.finding, engine, lang));
  }
  const more = findings.length - shown;
  if (more > 0) out.push(moreNotice({ start: text.positionAt(findings.start[shown]), end: text.positionAt(findings.end[shown]) }, t(lang, 'diagnostics.more', more, max), more, findings.length));
  return out;
}

/** The one diagnostic that says how many findings the cap left out (its data carries the total). */
export function moreNotice(range: Range, message: string, more: number, total: number): Diagnostic {
  return { range, severity: DiagnosticSeverity.Information, source: 'sdguard', code: MORE_CODE, message, data: { more, total } satisfies MoreData };
}
