import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    describe(rule.id, () => {
      rule.examples.valid.forEach((example, i) => {
        it(`finds valid example #${i + 1}`, () => {
          const found = engine.scan(example, { kind: 'plain' }).filter((f) => f.ruleId === rule.id);
          assert.equal(found.length, 1, `expected one ${rule.id} finding`);
          // Bare values are matched whole; values with context words are matched on the value only.
          const bare = /^[\p{L}\p{N}+ -]+$/u.test(example) && !/\p{Script=Han}/u.test(example);
          if (bare) assert.deepEqual([found[0].start, found[0].end], [0, example.length]);
        });
      });
      rule.examples.invalid.forEach((example, i) => {
        it(`rejects invalid example #${i + 1}`, () => {
          const found = engine.scan(example, { kind: 'plain' }).filter((f) => f.ruleId === rule.id);
          assert.equal(found.length, 0, `unexpected ${rule.id} finding`);
        });
      });
    });
  }
});
