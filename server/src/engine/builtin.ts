import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Engine } from './engine';
import { loadRuleFolder, rulesOf } from './rules/builtinRules';

/** The engine with the built-in rule packs (kept apart from Engine so scan workers, which get
 * their rules already loaded, need neither the YAML parser nor the schema validator). */
export function builtinEngine(rulesDir = builtinRulesDir()): Engine {
  return new Engine(rulesOf(loadRuleFolder(rulesDir)));
}

/** The `rules/` folder shipped beside the code: found by walking up from this module. */
export function builtinRulesDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'rules');
    if (existsSync(join(candidate, 'rule-pack.schema.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`sdguard: cannot find the built-in rules folder above ${__dirname}`);
  }
}
