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
import type { EngineOptions } from '../engine/engine';
import { fingerprintNormalized } from '../engine/redact/operators';
import { normalizeSpan } from '../engine/scan/scanner';

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
export type AllowFilter = NonNullable<EngineOptions['allowed']>;

export function isEmptyAllow(spec: AllowSpec): boolean {
  return spec.values.length === 0 && spec.patterns.length === 0 && spec.fingerprints.length === 0;
}

/** Entries for all rules, and entries by rule id. */
class ByRule<T> {
  readonly all: T[] = [];
  readonly byRule = new Map<string, T[]>();

  add(entry: Scoped, item: T): void {
    if (!entry.rules) this.all.push(item);
    else
      for (const id of entry.rules) {
        const list = this.byRule.get(id);
        if (list) list.push(item);
        else this.byRule.set(id, [item]);
      }
  }

  some(ruleId: string, test: (item: T) => boolean): boolean {
    if (this.all.some(test)) return true;
    return this.byRule.get(ruleId)?.some(test) ?? false;
  }

  get size(): number {
    return this.all.length + this.byRule.size;
  }
}

/** Exact entries (values, fingerprints) as sets: one lookup per finding, whatever their number. */
class ExactSet {
  private readonly all: Set<string>;
  private readonly byRule: Map<string, Set<string>>;
  readonly size: number;

  constructor(entries: ByRule<string>) {
    this.all = new Set(entries.all);
    this.byRule = new Map([...entries.byRule].map(([id, list]) => [id, new Set(list)]));
    this.size = entries.size;
  }

  has(ruleId: string, item: string): boolean {
    return this.all.has(item) || (this.byRule.get(ruleId)?.has(item) ?? false);
  }
}

/**
 * The allow filter of a spec, or undefined when it allows nothing. Fingerprint entries need
 * `key`; without one they are left out.
 */
export function allowFilter(spec: AllowSpec | undefined, key: Uint8Array | undefined): AllowFilter | undefined {
  if (!spec) return undefined;
  const valueEntries = new ByRule<string>();
  const mobileEntries = new ByRule<string>();
  for (const v of spec.values) {
    valueEntries.add(v, v.normalized);
    mobileEntries.add(v, canonicalValue(v.normalized, 'cn-mobile'));
  }
  const patterns = new ByRule<RegExp>();
  for (const p of spec.patterns) patterns.add(p, new RegExp(p.source));
  const fingerprintEntries = new ByRule<string>();
  if (key && key.length > 0) for (const f of spec.fingerprints) fingerprintEntries.add(f, f.hex.toLowerCase());
  const values = new ExactSet(valueEntries);
  const mobiles = new ExactSet(mobileEntries);
  const fingerprints = new ExactSet(fingerprintEntries);
  const hasPatterns = patterns.size > 0;
  if (values.size === 0 && !hasPatterns && fingerprints.size === 0) return undefined;

  return (rule, text, start, end) => {
    const normalized = normalizeSpan(text, start, end);
    if (values.size > 0) {
      if (values.has(rule.id, normalized)) return true;
      if (rule.validator === 'cn-mobile' && mobiles.has(rule.id, canonicalValue(normalized, 'cn-mobile'))) return true;
    }
    if (hasPatterns) {
      const raw = text.slice(start, end);
      if (patterns.some(rule.id, (re) => re.test(raw) || re.test(normalized))) return true;
    }
    return fingerprints.size > 0 && fingerprints.has(rule.id, fingerprintNormalized(key!, rule.id, normalized));
  };
}
