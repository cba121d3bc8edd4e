/**
 * The allow list of a project configuration: values that are never reported.
 *
 * - `value`: an exact value, compared after normalization (ASCII, upper case, separators
 *   dropped; a mobile number also without +86/0086), so `1101 0119…` and `11010119…` are one.
 * - `pattern`: a regular expression (checked for catastrophic backtracking when loaded), tested on
 *   the value as written and on its normalized form.
 * - `fingerprint`: `fp:` and the hex of the keyed HMAC that `sdguard fingerprint` prints (see
 *   fingerprint() in ../engine/redact/operators.ts): a real value can be allowed without being
 *   written in clear. It needs the key it was made with; without a key these entries are skipped
 *   (the caller says so once).
 *
 * Each entry may be limited to some rules. The spec is plain data, so it travels to scan workers.
 */
import { canonicalValue } from '../engine/fake';
import { fingerprint } from '../engine/redact/operators';
import { normalizeSpan } from '../engine/scan/scanner';
import type { Rule } from '../engine/types';

interface Scoped {
  /** Only for these rule ids (all rules when absent). */
  rules?: string[];
}

export interface AllowSpec {
  /** Normalized values. */
  values: (Scoped & { normalized: string })[];
  patterns: (Scoped & { source: string })[];
  /** Lower-case hex, without the `fp:` prefix. */
  fingerprints: (Scoped & { hex: string })[];
}

/** Whether a finding (text[start, end) under `rule`) is allowed. */
export type AllowFilter = (rule: Rule, text: string, start: number, end: number) => boolean;

export function isEmptyAllow(spec: AllowSpec | undefined): boolean {
  return !spec || (spec.values.length === 0 && spec.patterns.length === 0 && spec.fingerprints.length === 0);
}

/** Entries for all rules, and entries by rule id. */
class ByRule<T> {
  readonly all: T[] = [];
  readonly byRule = new Map<string, T[]>();

  add(entry: Scoped, item: T): void {
    if (!entry.rules) this.all.push(item);
    else for (const id of entry.rules) this.byRule.set(id, [...(this.byRule.get(id) ?? []), item]);
  }

  some(ruleId: string, test: (item: T) => boolean): boolean {
    if (this.all.some(test)) return true;
    return this.byRule.get(ruleId)?.some(test) ?? false;
  }

  get size(): number {
    return this.all.length + this.byRule.size;
  }
}

/**
 * The allow filter of a spec, or undefined when it allows nothing. Fingerprint entries need
 * `key`; without one they are left out.
 */
export function allowFilter(spec: AllowSpec | undefined, key: Uint8Array | undefined): AllowFilter | undefined {
  if (!spec) return undefined;
  const values = new ByRule<string>();
  const mobiles = new ByRule<string>();
  for (const v of spec.values) {
    values.add(v, v.normalized);
    mobiles.add(v, canonicalValue(v.normalized, 'cn-mobile'));
  }
  const patterns = new ByRule<RegExp>();
  for (const p of spec.patterns) patterns.add(p, new RegExp(p.source));
  const fingerprints = new ByRule<string>();
  if (key && key.length > 0) for (const f of spec.fingerprints) fingerprints.add(f, f.hex.toLowerCase());
  if (values.size === 0 && patterns.size === 0 && fingerprints.size === 0) return undefined;

  // Sets for the common case (entries for all rules): one lookup per finding.
  const allValues = new Set(values.all);
  const allMobiles = new Set(mobiles.all);
  const allFingerprints = new Set(fingerprints.all);
  return (rule, text, start, end) => {
    const raw = text.slice(start, end);
    const normalized = normalizeSpan(raw, 0, raw.length);
    const mobile = rule.validator === 'cn-mobile';
    const canonical = mobile ? canonicalValue(normalized, 'cn-mobile') : normalized;
    if (values.size > 0) {
      if (allValues.has(normalized) || (mobile && allMobiles.has(canonical))) return true;
      if (values.byRule.get(rule.id)?.includes(normalized) || (mobile && mobiles.byRule.get(rule.id)?.includes(canonical))) return true;
    }
    if (patterns.size > 0 && patterns.some(rule.id, (re) => re.test(raw) || re.test(normalized))) return true;
    if (fingerprints.size > 0) {
      const fp = fingerprint(key!, rule.id, raw);
      if (allFingerprints.has(fp) || fingerprints.byRule.get(rule.id)?.includes(fp)) return true;
    }
    return false;
  };
}
