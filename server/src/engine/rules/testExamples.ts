import type { Engine } from '../engine';
import { maskValue } from '../redact/mask';

export interface ExampleFailure {
  ruleId: string;
  kind: 'valid' | 'invalid';
  /** 1-based position in the rule's list. */
  index: number;
  /** The example masked by the rule's own policy: rule files may hold real values. */
  masked: string;
  found: number;
}

/**
 * Runs every rule's own examples: each valid example must give exactly one finding of the
 * rule (covering the whole example when it is a bare value), each invalid one none.
 */
export function testRuleExamples(engine: Engine): { tested: number; failures: ExampleFailure[] } {
  const failures: ExampleFailure[] = [];
  let tested = 0;
  for (const rule of engine.rules) {
    const check = (kind: 'valid' | 'invalid', example: string, index: number) => {
      tested++;
      const found = engine.scan(example, { kind: 'plain' }).filter((f) => f.ruleId === rule.id);
      const bare = !/[\p{Script=Han}:：=,;'"]/u.test(example) && !/\s\p{L}{2,}/u.test(example);
      const ok = kind === 'invalid' ? found.length === 0 : found.length === 1 && (!bare || (found[0].start === 0 && found[0].end === example.length));
      if (!ok) failures.push({ ruleId: rule.id, kind, index, masked: maskValue(example, rule.mask), found: found.length });
    };
    rule.examples.valid.forEach((e, i) => check('valid', e, i + 1));
    rule.examples.invalid.forEach((e, i) => check('invalid', e, i + 1));
  }
  return { tested, failures };
}
