import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Engine } from './engine';
import { loadRuleFolder, rulesOf } from './rules/builtinRules';

/** The engine with the built-in rule packs (kept apart from Engine so scan workers, which get
 * their rules already loaded, need neither the YAML parser nor the schema validator). */
export function builtinEngine(rulesDir = builtinRulesDir()): Engine {
  return new Engine(rulesOf(loadRuleFolder(rulesDir)));
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
