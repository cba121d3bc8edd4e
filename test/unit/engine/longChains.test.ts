import { strict as assert } from 'node:assert';
import type { Confidence } from '../../../server/src/engine/types';
import { builtinEngine } from '../../support/engine';
import { makeRng, randomDigits, synthResidentId } from '../../support/synth';

const engine = builtinEngine();
const found = (text: string, minConfidence?: Confidence) =>
  engine.scan(text, { kind: 'plain', minConfidence }).map((f) => `${f.ruleId}@${f.start}-${f.end}:${f.confidence}`);

// Values joined by single spaces form one chain, and the scanner keeps a fixed number of
// candidates per chain. Each 9-digit group is a candidate of several context-only rules; those
// that cannot be reported must not take the slots a real value further on needs.
describe('long chains of groups', () => {
  const rng = makeRng(11);
  const id = synthResidentId(rng);

  for (const count of [8, 16]) {
    it(`finds an ID after ${count} space-joined 9-digit groups`, () => {
      const groups = Array.from({ length: count }, () => `1000${randomDigits(rng, 5)}`).join(' ');
      const text = `身份证号 ${groups} ${id}`;
      const start = text.length - id.length;
      assert.deepEqual(found(text), [`cn-resident-id@${start}-${text.length}:high`]);
      assert.ok(found(text, 'low').includes(`cn-resident-id@${start}-${text.length}:high`));
    });
  }
});
