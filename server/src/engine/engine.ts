import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Confidence, FileKind, Finding, Reason, Rule } from './types';
import { loadRuleFolder, rulesOf } from './rules/builtinRules';
import { RuleIndex } from './scan/ruleIndex';
import { scanText, type RawMatch } from './scan/scanner';
import { applyContext, nearbyText } from './scan/context';
import { collectDirectives, findDirectives, suppresses } from './scan/directives';
import { TableColumns } from './scan/tableColumns';
import { LineIndex } from './text/lineIndex';
import { maskValue } from './redact/mask';

export interface ScanOptions {
  kind: FileKind;
  /** Findings below this confidence are dropped (default `medium`). */
  minConfidence?: Confidence;
}

const rank: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** The detection engine: a rule set and its dispatch index. Knows nothing of its callers. */
export class Engine {
  private readonly index: RuleIndex;
  private readonly byId = new Map<string, Rule>();

  constructor(readonly rules: readonly Rule[]) {
    this.index = new RuleIndex(rules);
    for (const r of rules) this.byId.set(r.id, r);
  }

  /** The engine with the built-in rule packs. */
  static builtin(rulesDir = builtinRulesDir()): Engine {
    return new Engine(rulesOf(loadRuleFolder(rulesDir)));
  }

  rule(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  /** The finding's value as reports may show it: masked by its rule's policy, never raw. */
  masked(text: string, finding: Finding): string {
    const rule = this.byId.get(finding.ruleId);
    const raw = text.slice(finding.start, finding.end);
    return rule ? maskValue(raw, rule.mask) : '*'.repeat(raw.length);
  }

  scan(text: string, options: ScanOptions): Finding[] {
    const min = rank[options.minConfidence ?? 'medium'];
    const directives = findDirectives(text);
    const lines = directives.length ? new LineIndex(text) : undefined;
    const suppressed = lines ? collectDirectives(directives, lines) : undefined;
    if (suppressed?.file === 'all') return [];
    const table = TableColumns.for(text, options.kind);
    const findings: Finding[] = [];
    scanText(text, this.index, (m: RawMatch) => {
      const rule = m.rule.rule;
      if (suppressed && (suppresses(suppressed.file, rule.id) || suppresses(suppressed.lines.get(lines!.lineOf(m.start)), rule.id))) return;
      const reasons: Reason[] = [];
      if (m.rule.validator) reasons.push({ kind: m.rule.validator.strength, validator: m.rule.validator.name });
      const header = table?.headerAt(text, m.start);
      const confidence = applyContext(rule, m.base, nearbyText(text, m.start, m.end), header?.toLowerCase(), reasons);
      if (rank[confidence] < min) return;
      findings.push({ ruleId: rule.id, start: m.start, end: m.end, confidence, reasons, ...(header ? { column: header } : {}) });
    });
    return findings;
  }
}

/** The `rules/` folder shipped beside the code: found by walking up from this module. */
export function builtinRulesDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'rules');
    if (existsSync(join(candidate, 'rule-pack.schema.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`sdguard: cannot find the built-in rules folder above ${__dirname}`);
  }
}
