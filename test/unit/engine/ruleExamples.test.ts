import { strict as assert } from 'node:assert';
import { builtinEngine } from '../../support/engine';

// Every rule file tests itself: its examples.valid must be found, its examples.invalid must not.
describe('rule examples', () => {
  const engine = builtinEngine();

  it('loads the four foundation rules', () => {
    assert.deepEqual(
      engine.rules.map((r) => r.id),
      ['cn-resident-id', 'cn-uscc', 'cn-mobile', 'bank-card'],
    );
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
