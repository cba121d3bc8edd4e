import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine } from '../engine/engine';
import type { Finding, Severity } from '../engine/types';
import { findingMessage } from '../l10n/describe';
import type { Lang } from '../l10n/messages';
import { ruleDocUri } from './ruleDocs';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

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
