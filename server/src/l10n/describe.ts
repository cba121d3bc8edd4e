import type { Confidence, Rule } from '../engine/types';
import type { ColumnSummary } from '../engine/table/columnTally';
import type { TableIssue } from '../engine/table/cursor';
import { t, type Lang } from './messages';

// Messages are built per finding, sometimes millions of times: the localized text around the
// masked value is formatted once per rule, language and confidence, then only joined.
const templates = new WeakMap<Rule, Partial<Record<Lang, Partial<Record<Confidence, [string, string]>>>>>();
const HOLE = '\u0000';

/** One line naming the type and showing the masked value: what diagnostics and reports say. */
export function findingMessage(rule: Rule, masked: string, confidence: Confidence, lang: Lang): string {
  const parts = findingMessageParts(rule, confidence, lang);
  return parts[0] + masked + parts[1];
}

/** The text of findingMessage before and after the masked value (formatted once, then cached). */
export function findingMessageParts(rule: Rule, confidence: Confidence, lang: Lang): readonly [string, string] {
  let byLang = templates.get(rule);
  if (!byLang) templates.set(rule, (byLang = {}));
  const byConfidence = (byLang[lang] ??= {});
  let parts = byConfidence[confidence];
  if (!parts) {
    const whole = t(lang, 'finding.message', rule.name[lang], HOLE, t(lang, `confidence.${confidence}`));
    const at = whole.indexOf(HOLE);
    byConfidence[confidence] = parts = [whole.slice(0, at), whole.slice(at + 1)];
  }
  return parts;
}

/** `身份证号 (B)` or `column B`: how a column is named to the user. */
export function columnName(column: { letter: string; header?: string }, lang: Lang): string {
  return column.header ? `${column.header} (${column.letter})` : t(lang, 'column.name', column.letter);
}

/** `身份证号 (B): 398 × Resident ID number, 2 × …`: what was found in a column. */
export function columnLine(column: ColumnSummary, rules: (id: string) => Rule | undefined, lang: Lang): string {
  const parts = Object.entries(column.counts).map(([id, n]) => t(lang, 'column.count', n, rules(id)?.name[lang] ?? id));
  return t(lang, 'column.counts', columnName(column, lang), listJoin(parts, lang));
}

/** Sentences one after the other: a space between them in English, none after a Chinese full stop. */
export function sentences(parts: readonly string[], lang: Lang): string {
  return parts.join(lang === 'zh-CN' ? '' : ' ');
}

/** `a, b, c`, or `a，b，c` in Chinese. */
export function listJoin(parts: readonly string[], lang: Lang): string {
  return parts.join(lang === 'zh-CN' ? '，' : ', ');
}

/** The once-per-column notice that Excel damaged the values of an ID or card column. */
export function columnMangledLine(column: ColumnSummary, lang: Lang): string | undefined {
  return column.excelMangled ? t(lang, 'column.mangled', columnName(column, lang), column.excelMangled) : undefined;
}

/** Where and how a table's structure breaks. */
export function tableIssueMessage(issue: TableIssue, lang: Lang): string {
  return issue.kind === 'unclosed-quote' ? t(lang, 'table.unclosedQuote', issue.row) : t(lang, 'table.raggedRow', issue.row, issue.found ?? 0, issue.expected ?? 0);
}
