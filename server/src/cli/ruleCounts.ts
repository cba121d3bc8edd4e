import type { Engine } from '../engine/engine';

/** Findings per rule id, in rule order, rules without findings left out: a file result's `counts`. */
export function countsInRuleOrder(engine: Engine, countOf: (id: string, index: number) => number): Record<string, number> {
  const out: Record<string, number> = {};
  engine.rules.forEach((r, i) => {
    const n = countOf(r.id, i);
    if (n > 0) out[r.id] = n;
  });
  return out;
}
