import type { Engine } from '../../server/src/engine/engine';
import type { CorpusDoc } from './corpus';

export interface RuleScore {
  ruleId: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

/** Scans every document and scores findings against the labels: same rule and same span. */
export function scoreCorpus(engine: Engine, docs: CorpusDoc[]): { scores: RuleScore[]; mistakes: string[] } {
  const tally = new Map<string, { tp: number; fp: number; fn: number }>();
  const get = (id: string) => tally.get(id) ?? (tally.set(id, { tp: 0, fp: 0, fn: 0 }), tally.get(id)!);
  const mistakes: string[] = [];
  for (const doc of docs) {
    const expected = new Map(doc.labels.map((l) => [`${l.ruleId}@${l.start}-${l.end}`, l]));
    for (const f of engine.scan(doc.text, { kind: doc.kind })) {
      const key = `${f.ruleId}@${f.start}-${f.end}`;
      if (expected.delete(key)) get(f.ruleId).tp++;
      else {
        get(f.ruleId).fp++;
        mistakes.push(`false positive ${f.ruleId} in ${doc.name} at ${f.start}: "${context(doc.text, f.start, f.end, engine, f.ruleId)}"`);
      }
    }
    for (const l of expected.values()) {
      get(l.ruleId).fn++;
      mistakes.push(`missed ${l.ruleId} in ${doc.name} at ${l.start}: "${context(doc.text, l.start, l.end, engine, l.ruleId)}"`);
    }
  }
  const scores = [...tally].map(([ruleId, { tp, fp, fn }]) => ({
    ruleId,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
  }));
  scores.sort((a, b) => a.ruleId.localeCompare(b.ruleId));
  return { scores, mistakes };
}

/** A mistake's surroundings for the report, with the value itself masked (never printed raw). */
function context(text: string, start: number, end: number, engine: Engine, ruleId: string): string {
  const masked = engine.rule(ruleId) ? engine.masked(text, { ruleId, start, end, confidence: 'high' }) : '*'.repeat(end - start);
  return `${text.slice(Math.max(0, start - 24), start)}[${masked}]${text.slice(end, end + 12)}`.replace(/\n/g, '⏎');
}
