import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../types';
import { loadRulePack, type RulePack } from './loadRulePack';

/** Loads every `*.yaml` pack in a rules folder, in file-name order (rule order decides ties). */
export function loadRuleFolder(dir: string): RulePack[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => loadRulePack(readFileSync(join(dir, f), 'utf8'), join(dir, f)));
}

export function rulesOf(packs: RulePack[]): Rule[] {
  return packs.flatMap((p) => p.rules);
}
