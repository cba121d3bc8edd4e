import type { Finding, Rule } from '../engine/types';
import { t, type Lang } from './messages';

/** One line naming the type and showing the masked value: what diagnostics and reports say. */
export function findingMessage(rule: Rule, masked: string, finding: Finding, lang: Lang): string {
  const confidence = t(lang, 'finding.confidence', t(lang, `confidence.${finding.confidence}`));
  return `${t(lang, 'finding.message', rule.name[lang], masked)} (${confidence})`;
}
