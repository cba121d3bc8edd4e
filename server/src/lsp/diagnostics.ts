import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine } from '../engine/engine';
import type { Finding, Severity } from '../engine/types';
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
}

export function toDiagnostic(doc: TextDocument, text: string, finding: Finding, engine: Engine, lang: Lang): Diagnostic {
  const rule = engine.rule(finding.ruleId)!;
  const data: DiagnosticData = { ruleId: rule.id };
  return {
    range: { start: doc.positionAt(finding.start), end: doc.positionAt(finding.end) },
    severity: severities[rule.severity],
    source: 'sdguard',
    code: rule.id,
    codeDescription: { href: ruleDocUri(rule.id) },
    message: findingMessage(rule, engine.masked(text, finding), finding, lang),
    data,
  };
}

/**
 * The first `max` findings in document order as diagnostics, plus one notice with the number
 * left out, placed on the first of those. Only what is published becomes a Diagnostic object.
 */
export function cappedDiagnostics(state: DocState, engine: Engine, lang: Lang, max: number): Diagnostic[] {
  const { doc, findings } = state;
  const text = doc.getText();
  const shown = Math.min(max, findings.length);
  const out: Diagnostic[] = [];
  for (let i = 0; i < shown; i++) out.push(toDiagnostic(doc, text, state.finding(i, engine), engine, lang));
  const more = findings.length - shown;
  if (more > 0) {
    out.push({
      range: { start: doc.positionAt(findings.start[shown]), end: doc.positionAt(findings.end[shown]) },
      severity: DiagnosticSeverity.Information,
      source: 'sdguard',
      code: MORE_CODE,
      message: t(lang, 'diagnostics.more', more, max),
    });
  }
  return out;
}
