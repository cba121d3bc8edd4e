import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { BEFORE, windowStart } from '../../server/src/engine/scan/context';
import { TableCursor, tableStart } from '../../server/src/engine/table/cursor';

// In a table the scan takes the start of a value's context window from the column cursor, which
// has just walked to the value, instead of walking back from it: the two must agree, quotes,
// line breaks in quotes and all.
describe('the context window in a table', () => {
  it('starts where windowStart finds it, for values met in text order', () => {
    const text = fc.stringOf(fc.constantFrom('1', '2', 'a', '卡', ',', '\t', '"', '""', '\n', '\r\n', ' '), { maxLength: 200 });
    fc.assert(
      fc.property(text, fc.constantFrom(',', '\t'), fc.boolean(), fc.array(fc.nat(), { maxLength: 30 }), (t, delimiter, named, picks) => {
        const d = delimiter.charCodeAt(0);
        // Ranges start at a line start: here the text's first, or the one after its first line feed.
        const from = t.indexOf('\n') + 1;
        const cursor = new TableCursor(t, d, 3, 0, from, tableStart());
        const offsets = picks.map((p) => from + (p % (t.length - from + 1))).sort((a, b) => a - b);
        for (const at of offsets) {
          cursor.columnAt(at);
          const fromCursor = Math.max(at > BEFORE ? at - BEFORE : 0, cursor.windowFloor(named));
          assert.equal(fromCursor, windowStart(t, at, named ? d : -1), `at ${at} in ${JSON.stringify(t)}`);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
