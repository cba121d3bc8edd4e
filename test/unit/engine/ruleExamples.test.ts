import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testRuleExamples } from '../../../server/src/engine/rules/testExamples';
import { builtinEngine, sharedDir } from '../../support/engine';

// Every rule file tests itself: its examples.valid must be found, its examples.invalid must not.
describe('rule examples', () => {
  const engine = builtinEngine();

  it('has unique rule ids, each one of the default ids in DESIGN.md', () => {
    const design = readFileSync(join(sharedDir, 'DESIGN.md'), 'utf8');
    const ids = engine.rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.ok(design.includes(`\`${id}\``), `${id} is not a default rule id in DESIGN.md`);
  });

  for (const rule of engine.rules) {
    it(`${rule.id}: ${rule.examples.valid.length} valid and ${rule.examples.invalid.length} invalid examples`, () => {
      const { failures } = testRuleExamples(engine);
      const mine = failures.filter((f) => f.ruleId === rule.id);
      assert.deepEqual(mine.map((f) => `${f.kind} #${f.index} (${f.masked}): ${f.found} found`), []);
    });
  }
});
