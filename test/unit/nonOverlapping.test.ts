import { strict as assert } from 'node:assert';
import { redactionEdits } from '../../server/src/engine/redact/edits';
import { nonOverlapping } from '../../server/src/engine/redact/operators';
import type { Finding } from '../../server/src/engine/types';
import { builtinEngine } from '../support/engine';

const span = (ruleId: string, start: number, end: number): Finding => ({ ruleId, start, end, confidence: 'high' });

describe('nonOverlapping: the findings a redaction replaces', () => {
  it('sorts by start and drops a finding that overlaps an earlier one kept', () => {
    const found = [span('b', 10, 20), span('a', 0, 5), span('c', 15, 25), span('d', 20, 22), span('e', 4, 6)];
    assert.deepEqual(nonOverlapping(found).map((f) => f.ruleId), ['a', 'b', 'd']);
  });

  it('a finding `keep` refuses hides nothing after it', () => {
    const found = [span('long', 0, 30), span('x', 2, 8), span('y', 10, 12), span('z', 11, 14)];
    assert.deepEqual(nonOverlapping(found, (f) => f.ruleId !== 'long').map((f) => f.ruleId), ['x', 'y']);
    assert.deepEqual(nonOverlapping(found, () => false), []);
  });

  it('leaves its input as it was', () => {
    const found = [span('b', 10, 20), span('a', 0, 5)];
    nonOverlapping(found);
    assert.deepEqual(found.map((f) => f.ruleId), ['b', 'a']);
  });

  it('redactionEdits replaces exactly those findings whose rule it knows', () => {
    const engine = builtinEngine();
    const text = 'x'.repeat(40);
    const found = [span('cn-mobile', 20, 31), span('no-such-rule', 0, 25), span('cn-mobile', 1, 12), span('cn-mobile', 5, 16)];
    const edits = redactionEdits(text, found, (id) => engine.rule(id), { operator: 'redact', lang: 'en' });
    assert.deepEqual(
      edits.map((e) => [e.start, e.end]),
      nonOverlapping(found, (f) => engine.rule(f.ruleId) !== undefined).map((f) => [f.start, f.end]),
    );
    assert.deepEqual(edits.map((e) => [e.start, e.end]), [[1, 12], [20, 31]]);
  });
});
