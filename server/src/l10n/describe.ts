import type { Confidence, Rule } from '../engine/types';
import { t, type Lang } from './messages';

// Messages are built per finding, sometimes millions of times: the localized text around the
// masked value is formatted once per rule, language and confidence, then only joined.
const templates = new WeakMap<Rule, Map<string, [string, string]>>();
const HOLE = '\u0000';

/** One line naming the type and showing the masked value: what diagnostics and reports say. */
export function findingMessage(rule: Rule, masked: string, finding: { confidence: Confidence }, lang: Lang): string {
  let byKey = templates.get(rule);
  if (!byKey) templates.set(rule, (byKey = new Map()));
  const key = lang + finding.confidence;
  let parts = byKey.get(key);
  if (!parts) {
    const whole = t(lang, 'finding.message', rule.name[lang], HOLE, t(lang, `confidence.${finding.confidence}`));
    const at = whole.indexOf(HOLE);
    byKey.set(key, (parts = [whole.slice(0, at), whole.slice(at + 1)]));
  }
  return parts[0] + masked + parts[1];
}
