/**
 * The engine a configuration asks for: the built-in rules less those turned off, with their
 * severity, threshold, mask and placeholder changed, then the custom rules; the allow list as a
 * filter. An EngineSpec is plain data (structured-clone safe), so scan workers build the same
 * engine from it; this module stays free of the YAML parser and the schema validator, which the
 * worker bundle leaves out.
 */
import { Engine } from '../engine/engine';
import type { Rule } from '../engine/types';
import { CONFIDENCE_RANK } from '../engine/scan/context';
import { allowFilter, isEmptyAllow, type AllowSpec } from './allow';
import type { ProjectConfig, RuleSettings } from './loadConfig';

export interface EngineSpec {
  rules: Rule[];
  /** Per rule: the lowest confidence reported (0 low, 1 medium, 2 high), -1 for the scan's; absent when all are -1. */
  minConfidence?: number[];
  allow?: AllowSpec;
  /** The key of fingerprint allow entries. */
  key?: Uint8Array;
}

export interface SpecOptions {
  /** The key of fingerprint allow entries (CLI: SDGUARD_KEY / --key-file; editor: its secret key). */
  key?: Uint8Array;
  /**
   * The caller fixes the global threshold itself (the CLI's explicit --min-confidence): the
   * configuration's top-level `minConfidence` does not apply (per-rule ones still do).
   */
  ignoreGlobalMinConfidence?: boolean;
}

/** The engine spec of `config` over the built-in rules. */
export function engineSpec(builtin: readonly Rule[], config: ProjectConfig, options: SpecOptions = {}): EngineSpec {
  const rules: Rule[] = [];
  for (const rule of [...builtin, ...config.customRules]) {
    const s = config.rules[rule.id];
    if (s?.enabled === false) continue;
    rules.push(applySettings(rule, s));
  }
  const global = options.ignoreGlobalMinConfidence ? undefined : config.minConfidence;
  const min = rules.map((r) => {
    const c = config.rules[r.id]?.minConfidence ?? global;
    return c === undefined ? -1 : CONFIDENCE_RANK[c];
  });
  const usesKey = config.allow.fingerprints.length > 0 && options.key !== undefined;
  return {
    rules,
    ...(min.some((m) => m >= 0) ? { minConfidence: min } : {}),
    ...(isEmptyAllow(config.allow) ? {} : { allow: config.allow }),
    ...(usesKey ? { key: options.key } : {}),
  };
}

function applySettings(rule: Rule, s: RuleSettings | undefined): Rule {
  if (!s || (s.severity === undefined && s.mask === undefined && s.placeholder === undefined)) return rule;
  return {
    ...rule,
    ...(s.severity ? { severity: s.severity } : {}),
    ...(s.mask ? { mask: { ...rule.mask, ...s.mask } } : {}),
    ...(s.placeholder ? { placeholder: s.placeholder } : {}),
  };
}

/** Builds the engine of a spec (in this thread or in a scan worker). */
export function engineFromSpec(spec: EngineSpec): Engine {
  const allowed = allowFilter(spec.allow, spec.key);
  return new Engine(spec.rules, {
    ...(spec.minConfidence ? { minConfidence: Int8Array.from(spec.minConfidence) } : {}),
    ...(allowed ? { allowed } : {}),
  });
}
