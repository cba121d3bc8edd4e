import type { Hover, Position } from 'vscode-languageserver/node';
import type { Engine } from '../engine/engine';
import type { TableHeader } from '../engine/table/dialect';
import type { Finding, Reason } from '../engine/types';
import { t, type Lang } from '../l10n/messages';
import type { DocState } from './documentStore';
import { ruleDocUri } from './ruleDocs';

/**
 * Hover for the finding under the cursor: its type, masked value, confidence and why it was
 * reported. Scans only the hovered line (context never crosses a line), so it is exact and
 * instant even while the document's own scan is still running. Never shows the raw value.
 */
export function hover(state: DocState, position: Position, engine: Engine, lang: Lang): Hover | null {
  const { text } = state;
  const offset = text.offsetAt(position);
  let found: Finding | undefined;
  state.scanRange(engine, text.lineStart(offset), text.afterLineEnd(offset), (rule, start, end, confidence, column) => {
    if (start <= offset && offset < end) found = state.toFinding(engine, rule, start, end, confidence, column);
  });
  if (!found) return null;
  const local = state.local(found);
  return {
    contents: { kind: 'markdown', value: hoverMarkdown(local.text, local.finding, engine, lang, state.tableHeader(engine)) },
    range: { start: text.positionAt(found.start), end: text.positionAt(found.end) },
  };
}

/** `table`: the document's header, so the reasons keep to the context window the scan used. */
function hoverMarkdown(text: string, finding: Finding, engine: Engine, lang: Lang, table: TableHeader | undefined): string {
  const rule = engine.rule(finding.ruleId)!;
  const lines = [`**${rule.name[lang]}** \`${rule.id}\``, '', t(lang, 'hover.summary', code(engine.masked(text, finding)), t(lang, `confidence.${finding.confidence}`))];
  const reasons = engine.explain(text, finding, table);
  if (reasons.length) lines.push('', ...reasons.map((r) => `- ${reasonText(r, lang)}`));
  // Links: the rule's page (shipped with the extension) and the actions (trusted commands only).
  lines.push(
    '',
    [
      `[${t(lang, 'hover.rulePage')}](${ruleDocUri(rule.id)})`,
      `[${t(lang, 'hover.quickFix')}](command:editor.action.quickFix)`,
      `[${t(lang, 'hover.protectFile')}](command:sdguard.protectFile)`,
    ].join(' · '),
  );
  return lines.join('\n');
}

function reasonText(r: Reason, lang: Lang): string {
  switch (r.kind) {
    case 'checksum':
      return t(lang, 'reason.checksum', code(r.validator));
    case 'structure':
      return t(lang, 'reason.structure', code(r.validator));
    case 'hotword':
      return t(lang, 'reason.hotword', code(r.word));
    case 'header':
      return t(lang, 'reason.header', code(r.header));
    case 'negativeHeader':
      return t(lang, 'reason.negativeHeader', code(r.header));
    case 'negative':
      return t(lang, 'reason.negative', code(r.word));
  }
}

/** Inline code; masked values and context words never hold backticks, but stay safe if they do. */
function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}
