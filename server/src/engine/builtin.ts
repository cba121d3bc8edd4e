import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Engine } from './engine';
import { loadRuleFolder, rulesOf } from './rules/builtinRules';
import { loadCheckedRulePack, type RulePack } from './rules/loadRulePack';
import type { Rule } from './types';

/** Written by the build beside the bundles: the built-in YAML packs, parsed and checked. */
export const PRECOMPILED_RULES = 'builtin-rules.json';

/** The engine with the built-in rule packs (kept apart from Engine so scan workers, which get
 * their rules already loaded, need neither the YAML parser nor the schema validator). */
export function builtinEngine(rulesDir?: string): Engine {
  return new Engine(builtinRules(rulesDir));
}

/** The built-in rules: from the build's precompiled JSON when there is one (bundles), else the YAML. */
export function builtinRules(rulesDir?: string): Rule[] {
  const precompiled = join(__dirname, PRECOMPILED_RULES);
  if (rulesDir === undefined && existsSync(precompiled)) {
    const dir = builtinRulesDir();
    const packs = JSON.parse(readFileSync(precompiled, 'utf8')) as { file: string; pack: unknown }[];
    return rulesOf(packs.map((p): RulePack => loadCheckedRulePack(p.pack, join(dir, p.file))));
  }
  return rulesOf(loadRuleFolder(rulesDir ?? builtinRulesDir()));
}

/** The `rules/` folder shipped beside the code. */
export function builtinRulesDir(): string {
  const dir = findShipped(join('rules', 'rule-pack.schema.json'));
  if (!dir) throw new Error(`sdguard: cannot find the built-in rules folder above ${__dirname}`);
  return dirname(dir);
}

/**
 * A file or folder the extension ships (`rules/…`, `docs/rules`), found by walking up from this
 * module: the same lookup works from `dist/` and from the sources under test.
 */
export function findShipped(relative: string): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
