/**
 * The CLI side of project configurations: which engine scans each file. Files are grouped by
 * their nearest configuration, so each engine (and each worker's copy of it) is built once per
 * configuration; files a configuration ignores are left out, and so are the files under a broken
 * one (its error, `path:line:col: field: problem`, is reported once and the run exits 2).
 */
import { resolve } from 'node:path';
import type { Engine } from '../engine/engine';
import type { Lang, Rule } from '../engine/types';
import { engineFromSpec, engineSpec, type EngineSpec } from './configuredEngine';
import { ConfigResolver, type ConfigState } from './resolver';

export interface PlanOptions {
  /** `--no-config`: the built-in rules for every file. */
  useConfig: boolean;
  /** `--min-confidence` was given: it wins over the configurations' top-level `minConfidence`. */
  explicitMinConfidence: boolean;
  /** The key of fingerprint allow entries, loaded only when a configuration has some. */
  key: () => Uint8Array | undefined;
  /** Relative paths in messages. */
  displayPath: (abs: string) => string;
  /** The language of the configurations' errors. */
  lang: Lang;
}

export interface PlannedFile {
  abs: string;
  path: string;
  /** Where the bytes are when not at `abs` (`scan --staged`: the index's copy); kept as given. */
  source?: string;
  /** Index of its engine in `specs` / `engines` (0: the built-in rules alone). */
  engine: number;
}

export interface ScanPlan {
  files: PlannedFile[];
  /** Engine specs by id; 0 is the built-in rules alone (what the workers start with). */
  specs: EngineSpec[];
  /** The same engines, built in this thread on first use. */
  engine: (id: number) => Engine;
  /** Every rule any engine reports (built-in, then custom ones), for reports that list rules. */
  rules: Rule[];
  /** Configuration errors, one per broken file. */
  errors: { path: string; message: string }[];
  /** Files named on the command line that a configuration ignores. */
  skipped: { path: string; reason: string }[];
  /** Every file a configuration ignores (named or found in a folder), with the configuration. */
  ignored: { path: string; by: string }[];
  /** `redact.placeholder` by engine id. */
  placeholders: (string | undefined)[];
  /** Configurations whose fingerprint entries cannot apply (no key). */
  withoutKey: string[];
}

export function planScan(files: readonly { abs: string; path: string; source?: string }[], builtinEngine: Engine, named: readonly string[], options: PlanOptions): ScanPlan {
  const builtin = builtinEngine.rules;
  const specs: EngineSpec[] = [{ rules: [...builtin] }];
  const engines: (Engine | undefined)[] = [builtinEngine];
  const plan: ScanPlan = {
    files: [],
    specs,
    engine: (id) => (engines[id] ??= engineFromSpec(specs[id])),
    rules: [...builtin],
    errors: [],
    skipped: [],
    ignored: [],
    placeholders: [undefined],
    withoutKey: [],
  };
  if (!options.useConfig) {
    plan.files = files.map((f) => ({ ...f, engine: 0 }));
    return plan;
  }
  const resolver = new ConfigResolver({ builtinIds: new Set(builtin.map((r) => r.id)) });
  const idOf = new Map<ConfigState, number>();
  const reported = new Set<ConfigState>();
  const explicit = new Set(named.map((p) => resolve(p)));
  const ruleIds = new Set(plan.rules.map((r) => r.id));
  let key: Uint8Array | undefined | null = null;
  for (const f of files) {
    const r = resolver.resolve(f.abs);
    const state = r.state;
    if (!state) {
      plan.files.push({ ...f, engine: 0 });
      continue;
    }
    if (!r.config) {
      if (!reported.has(state)) {
        reported.add(state);
        const e = state.error!;
        plan.errors.push({ path: e.location(options.displayPath(e.file)), message: e.detail(options.lang) });
      }
      continue;
    }
    if (resolver.ignored(f.abs, r)) {
      plan.ignored.push({ path: f.path, by: options.displayPath(state.file) });
      if (explicit.has(f.abs)) plan.skipped.push({ path: f.path, reason: `ignored by ${options.displayPath(state.file)}` });
      continue;
    }
    let id = idOf.get(state);
    if (id === undefined) {
      const config = r.config;
      if (config.allow.fingerprints.length > 0) {
        if (key === null) key = options.key();
        if (!key) plan.withoutKey.push(options.displayPath(config.file));
      }
      id = specs.length;
      specs.push(engineSpec(builtin, config, { key: key ?? undefined, ignoreGlobalMinConfidence: options.explicitMinConfidence }));
      plan.placeholders[id] = config.placeholder;
      idOf.set(state, id);
      for (const rule of config.customRules) {
        if (!ruleIds.has(rule.id)) {
          ruleIds.add(rule.id);
          plan.rules.push(rule);
        }
      }
    }
    plan.files.push({ ...f, engine: id });
  }
  return plan;
}
