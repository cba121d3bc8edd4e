/**
 * The redaction operators (pure functions of the text, the findings and the options):
 *
 * - `mask`: the rule's policy of what stays visible (rules/*.yaml `mask:`, overridable per rule in
 *   `maskPolicies`), keeping length and separators: `6222 02** **** ***0 832`.
 * - `redact`: a placeholder naming the type in the user's language, `[身份证号]` / `[ID NUMBER]`,
 *   or the fixed string `placeholder` verbatim.
 * - `pseudonymize`: a keyed token, the rule's `token` prefix, `_` and 12 characters of Crockford
 *   base32 (0-9, A-Z without I L O U) of HMAC-SHA256(key, canonical value): `ID_7Q3KX9M2TZ4P`.
 *   The canonical value is the normalized one (digits and upper-case letters, full-width folded,
 *   separators dropped; a mobile number without +86/0086), so `6222 0212 3456 7890` and
 *   `6222021234567890` give the same token, in every file and under every rule of the same type:
 *   sheets still join. 60 bits: a collision among a million values is about 1 in 2 million. The
 *   12 characters always hold a letter, so a token is never a run of digits a rule could take.
 * - `fake`: a synthetic value of the same type, layout and validity, derived from the keyed hash
 *   (see ../fake/index.ts); `excel-mangled` values, whose digits are already lost, are masked.
 *
 * `pseudonymize` and `fake` need a key (bytes, from the environment or the editor's secret
 * storage, never from the workspace); without one they throw MissingKeyError before anything is
 * computed. `mask`, `redact` and `pseudonymize` are idempotent: a masked value, a placeholder and
 * a token are not findings, so redacting their output again changes nothing. `fake` is not, by
 * design: its output is meant to be found again, as a valid value of the same type.
 */

import { canonicalValue, canFake, fakeReplacement } from '../fake';
import { hmac } from '../fake/keyedRandom';
import { normalizeSpan } from '../scan/scanner';
import type { Finding, Lang, MaskPolicy, Rule } from '../types';
import type { TextEdit } from './edits';
import { maskValue } from './mask';

export type Operator = 'mask' | 'redact' | 'pseudonymize' | 'fake';

/** All operators, in the order menus list them. */
export const OPERATORS: readonly Operator[] = ['mask', 'redact', 'pseudonymize', 'fake'];

export interface RedactOptions {
  operator: Operator;
  /** Language of the `redact` placeholders (and of MissingKeyError's message). */
  lang: Lang;
  /** The key of `pseudonymize` and `fake` (bytes; an empty key counts as none). */
  key?: Uint8Array;
  /** `redact`: this fixed string instead of the type placeholder, verbatim. */
  placeholder?: string;
  /** Per-rule mask policy overrides (configuration), by rule id, over the rule's own `mask`. */
  maskPolicies?: Record<string, Partial<MaskPolicy>>;
}

/** Whether the operator needs a key. */
export function needsKey(operator: Operator): boolean {
  return operator === 'pseudonymize' || operator === 'fake';
}

const NEEDS_KEY = {
  en: { pseudonymize: 'The pseudonymize operator needs', fake: 'The fake operator needs', fingerprint: 'Audit fingerprints need' },
  'zh-CN': { pseudonymize: '假名化需要', fake: '生成仿真值需要', fingerprint: '审计指纹需要' },
} as const;

/** `pseudonymize` or `fake` (or an audit fingerprint) without a key. Thrown before anything is changed. */
export class MissingKeyError extends Error {
  readonly code = 'SDGUARD_MISSING_KEY';

  constructor(
    readonly operator: 'pseudonymize' | 'fake' | 'fingerprint',
    lang: Lang = 'en',
  ) {
    super(
      lang === 'zh-CN'
        ? `${NEEDS_KEY['zh-CN'][operator]}密钥，但没有提供，未做任何修改。在 VS Code 中运行命令“Sensitive Data Guard: Set pseudonymization key”（设置假名化密钥）；命令行请设置环境变量 SDGUARD_KEY，或用 --key-file 指定密钥文件。`
        : `${NEEDS_KEY.en[operator]} a key and none was given; nothing was changed. In VS Code run the command "Sensitive Data Guard: Set pseudonymization key"; for the CLI set the SDGUARD_KEY environment variable or pass --key-file FILE.`,
    );
    this.name = 'MissingKeyError';
  }
}

function requireKey(options: RedactOptions): Uint8Array {
  if (!options.key || options.key.length === 0) throw new MissingKeyError(options.operator === 'fake' ? 'fake' : 'pseudonymize', options.lang);
  return options.key;
}

/** The rule's mask policy with the configured override for it, if any. */
export function maskPolicyFor(rule: Rule, overrides?: Record<string, Partial<MaskPolicy>>): MaskPolicy {
  const o = overrides?.[rule.id];
  if (!o) return rule.mask;
  const policy = { ...rule.mask };
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (policy as Record<string, unknown>)[k] = v;
  return policy;
}

/**
 * What replaces `raw`, the text of one finding of `rule`, under the operator.
 * @throws MissingKeyError for `pseudonymize` and `fake` without a key.
 */
export function replacement(raw: string, rule: Rule, options: RedactOptions): string {
  switch (options.operator) {
    case 'mask':
      return maskValue(raw, maskPolicyFor(rule, options.maskPolicies));
    case 'redact':
      return options.placeholder ?? `[${rule.placeholder[options.lang]}]`;
    case 'pseudonymize':
      return pseudonym(raw, rule, requireKey(options));
    case 'fake': {
      const key = requireKey(options);
      return (canFake(rule) ? fakeReplacement(raw, rule, key) : undefined) ?? maskValue(raw, maskPolicyFor(rule, options.maskPolicies));
    }
  }
}

/**
 * Pure: the edits that apply an operator to findings, in text order. Nothing outside a finding's
 * span changes; a finding overlapping an earlier one is left out (the earlier one covers it).
 * @throws MissingKeyError for `pseudonymize` and `fake` without a key, before any edit is made.
 */
export function redactionEdits(text: string, findings: readonly Finding[], ruleOf: (id: string) => Rule | undefined, options: RedactOptions): TextEdit[] {
  if (needsKey(options.operator)) requireKey(options);
  return nonOverlapping(findings, (f) => ruleOf(f.ruleId) !== undefined).map((f) => ({ start: f.start, end: f.end, newText: replacement(text.slice(f.start, f.end), ruleOf(f.ruleId)!, options) }));
}

/**
 * The findings a redaction replaces, in text order: those `keep` accepts (all by default), less
 * any that overlaps an earlier one kept (the earlier one covers it). A finding left out never
 * hides a later one.
 */
export function nonOverlapping<F extends Pick<Finding, 'start' | 'end'>>(findings: readonly F[], keep?: (f: F) => boolean): F[] {
  const out: F[] = [];
  let lastEnd = -1;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < lastEnd || (keep && !keep(f))) continue;
    out.push(f);
    lastEnd = f.end;
  }
  return out;
}

/** Crockford's base32 alphabet: no I, L, O, U. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TOKEN_LENGTH = 12;

function base32(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

/**
 * The pseudonym of `raw` under `rule` and `key`: `PREFIX_` and 12 base32 characters of the keyed
 * HMAC of the canonical value (see above). The same value gives the same token whatever its
 * spelling; the first 12-character window of the digest that holds a letter is used (all-digit
 * windows, about 1 in 10⁶, are skipped so that no rule takes a token for a number).
 */
export function pseudonym(raw: string, rule: Rule, key: Uint8Array): string {
  const value = canonicalValue(normalizeSpan(raw, 0, raw.length), rule.validator);
  for (let round = 0; ; round++) {
    const digest = base32(hmac(key, 'sdguard/pseudonym/v1', value, ...(round ? [String(round)] : [])));
    for (let at = 0; at + TOKEN_LENGTH <= digest.length; at += TOKEN_LENGTH) {
      const body = digest.slice(at, at + TOKEN_LENGTH);
      if (/[A-Z]/.test(body)) return `${rule.token}_${body}`;
    }
  }
}

/**
 * A keyed fingerprint of a finding's value for audit logs, never the value: the hex
 * HMAC-SHA256(key, rule id, canonical value). The same value under the same rule gives the same
 * fingerprint whatever its spelling (separators, case, full-width; cn-mobile: with or without
 * +86); without the key it cannot be brute-forced back to the value, as a plain hash of a
 * low-entropy ID could.
 */
export function fingerprint(key: Uint8Array, ruleId: string, raw: string): string {
  return fingerprintNormalized(key, ruleId, normalizeSpan(raw, 0, raw.length));
}

/** `fingerprint` of a value already normalized (normalizeSpan). */
export function fingerprintNormalized(key: Uint8Array, ruleId: string, normalized: string): string {
  if (key.length === 0) throw new MissingKeyError('fingerprint');
  return hmac(key, 'sdguard/fingerprint/v1', ruleId, canonicalOfNormalized(ruleId, normalized)).toString('hex');
}

/**
 * The canonical value a fingerprint of `raw` under rule `ruleId` hashes (audit logs here,
 * baselines and SARIF in the CLI): normalized (ASCII digits and upper-case letters, separators
 * dropped, full-width folded), a cn-mobile number without +86.
 */
export function canonicalOf(ruleId: string, raw: string): string {
  return canonicalOfNormalized(ruleId, normalizeSpan(raw, 0, raw.length));
}

function canonicalOfNormalized(ruleId: string, normalized: string): string {
  return canonicalValue(normalized, ruleId === 'cn-mobile' ? 'cn-mobile' : undefined);
}
