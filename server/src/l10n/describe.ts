import type { Finding, Rule } from '../engine/types';
import { t, type Lang } from './messages';

/** One line naming the type and showing the masked value: what diagnostics and reports say. */
export function findingMessage(rule: Rule, masked: string, finding: Finding, lang: Lang): string {
  return t(lang, 'finding.message', rule.name[lang], masked, t(lang, `confidence.${finding.confidence}`));
}
