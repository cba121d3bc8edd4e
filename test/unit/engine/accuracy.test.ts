import { strict as assert } from 'node:assert';
import { buildCorpus } from '../../accuracy/corpus';
import { scoreCorpus } from '../../accuracy/score';
import { builtinEngine } from '../../support/engine';

// The accuracy targets, on a deterministic slice of the labelled corpus (npm run accuracy runs a
// larger one and prints the table): checksum rules precision and recall ≥ 0.99; context-only rules
// precision ≥ 0.95 and recall ≥ 0.90 when their hotword or header is there (the corpus always
// gives it); hard negatives (order numbers, timestamps, barcodes, invoices, tracking numbers,
// UUIDs, hashes, versions, amounts, long digit runs) count as false positives if reported.
describe('accuracy on the labelled synthetic corpus', function () {
  this.timeout(60_000);
  const engine = builtinEngine();
  const { scores } = scoreCorpus(engine, buildCorpus(400, 7));

  it('covers every identifier rule', () => {
    const scored = new Set(scores.map((s) => s.ruleId));
    for (const rule of engine.rules) if (rule.id !== 'excel-mangled') assert.ok(scored.has(rule.id), `${rule.id} has no labelled values`);
  });

  for (const rule of builtinEngine().rules) {
    if (rule.id === 'excel-mangled') continue;
    const contextOnly = rule.contextRequired;
    it(`${rule.id}: precision ≥ ${contextOnly ? 0.95 : 0.99}, recall ≥ ${contextOnly ? 0.9 : 0.99}`, () => {
      const s = scores.find((x) => x.ruleId === rule.id)!;
      assert.ok(s.truePositives > 50, `${s.truePositives} true positives`);
      assert.ok(s.precision >= (contextOnly ? 0.95 : 0.99), `precision ${s.precision.toFixed(4)} (${s.falsePositives} false positives)`);
      assert.ok(s.recall >= (contextOnly ? 0.9 : 0.99), `recall ${s.recall.toFixed(4)} (${s.falseNegatives} missed)`);
    });
  }
});
