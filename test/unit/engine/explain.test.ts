import { strict as assert } from 'node:assert';
import type { Confidence, Finding } from '../../../server/src/engine/types';
import { readTableHeader } from '../../../server/src/engine/table/dialect';
import { builtinEngine } from '../../support/engine';
import { makeRng, synthResidentId } from '../../support/synth';

const engine = builtinEngine();

/** The CSV's one finding and the reasons given for it, with the table header the scan read. */
function explained(csv: string, minConfidence?: Confidence): { finding: Finding; kinds: string[] } {
  const findings = engine.scan(csv, { kind: 'csv', minConfidence });
  assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.ruleId)));
  const reasons = engine.explain(csv, findings[0], readTableHeader(csv, 'csv'));
  return { finding: findings[0], kinds: reasons.map((r) => ('word' in r ? `${r.kind}:${r.word}` : 'header' in r ? `${r.kind}:${r.header}` : r.kind)) };
}

// Hover reasons must name only the words the scan counted: in a table, the value's own cell and
// the one before it (the column header speaks for the rest of the row).
describe('explain() sees the context window the scan saw', () => {
  const id = synthResidentId(makeRng(5));

  it('leaves out a negative word two cells before the value', () => {
    const { finding, kinds } = explained(`a,b,c,d\n订单号 x,y,${id},z\n`);
    assert.equal(finding.confidence, 'high');
    assert.deepEqual(kinds, ['checksum']);
  });

  it('names a negative word in the cell just before the value, which lowered it', () => {
    const { finding, kinds } = explained(`a,b\n订单号,${id}\n`, 'low');
    assert.equal(finding.confidence, 'low');
    assert.deepEqual(kinds, ['checksum', 'negative:订单号']);
  });

  it('still names the column header first', () => {
    const { kinds } = explained(`姓名,身份证号\n张三,${id}\n`);
    assert.deepEqual(kinds, ['checksum', 'header:身份证号']);
  });

  it('keeps the whole line as the window outside tables', () => {
    const text = `订单号 x,y,${id},z`;
    const [f] = engine.scan(text, { kind: 'plain', minConfidence: 'low' });
    assert.equal(f.confidence, 'low');
    assert.ok(engine.explain(text, f).some((r) => r.kind === 'negative'));
  });
});
