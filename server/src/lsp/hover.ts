import type { Hover, Position } from 'vscode-languageserver/node';
import type { Engine } from '../engine/engine';
import type { Finding, Reason } from '../engine/types';
import { t, type Lang } from '../l10n/messages';
import type { DocState } from './documentStore';

/**
 * Hover for the finding under the cursor: its type, masked value, confidence and why it was
 * reported. Scans only the hovered line (context never crosses a line), so it is exact and
 * instant even while the document's own scan is still running. Never shows the raw value.
 */
export function hover(state: DocState, position: Position, engine: Engine, lang: Lang): Hover | null {
  const { doc, kind } = state;
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  const from = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  const eol = text.indexOf('\n', offset);
  const to = eol === -1 ? text.length : eol + 1;
  const finding = engine.scan(text, { kind }, from, to, state.prepared(engine)).find((f) => f.start <= offset && offset < f.end);
  if (!finding) return null;
  return {
    contents: { kind: 'markdown', value: hoverMarkdown(text, finding, engine, lang) },
    range: { start: doc.positionAt(finding.start), end: doc.positionAt(finding.end) },
  };
}

export function hoverMarkdown(text: string, finding: Finding, engine: Engine, lang: Lang): string {
  const rule = engine.rule(finding.ruleId)!;
  const lines = [
    `**${rule.name[lang]}** \`${rule.id}\``,
    '',
    t(lang, 'hover.summary', code(engine.masked(text, finding)), t(lang, `confidence.${finding.confidence}`)),
  ];
  const reasons = engine.explain(text, finding);
  if (reasons.length) lines.push('', ...reasons.map((r) => `- ${reasonText(r, lang)}`));
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
    case 'negative':
      return t(lang, 'reason.negative', code(r.word));
  }
}

/** Inline code; masked values and context words never hold backticks, but stay safe if they do. */
function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}
