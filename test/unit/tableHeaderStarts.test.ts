import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { readTableHeader } from '../../server/src/engine/table/dialect';

// Where each header cell starts (column lenses, header hover) comes from the same RFC 4180 parse
// as the names and the cursor: a quote opens a field only at its start.
describe('table header cell starts', () => {
  it('reads a quote inside an unquoted cell as text (how Excel reads 5" disk)', () => {
    const h = readTableHeader('size 5" disk,name,身份证号\n1,a,b\n', 'csv');
    assert.deepEqual(h?.names, ['size 5" disk', 'name', '身份证号']);
    assert.deepEqual(h?.starts, [0, 13, 18]);
  });

  it('counts from after a byte order mark; a blank first line gives no cell past its start (editors place starts on line 0)', () => {
    assert.deepEqual(readTableHeader('\ufeffa,bb,c\n1,2,3\n', 'csv')?.starts, [1, 3, 6]);
    assert.deepEqual(readTableHeader('\r\na,bb,c\n1,2,3\n', 'csv')?.starts, [0]);
  });

  it('gives one start per field of the first record, at the offsets the cells were written at', () => {
    const unquoted = fc.string({ maxLength: 6 }).filter((s) => !/[,\n\r]/.test(s) && !s.startsWith('"'));
    const quoted = fc.string({ maxLength: 6 }).map((s) => `"${s.replace(/"/g, '""')}"`);
    const cell = fc.oneof(unquoted, quoted, fc.constantFrom('"a,b"', '"x\ny"', 'say "hi"', '"q ""r"""'));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 2, maxLength: 8 }), (cells) => {
        const want: number[] = [];
        let at = 0;
        for (const c of cells) {
          want.push(at);
          at += c.length + 1;
        }
        const h = readTableHeader(`${cells.join(',')}\n1,2\n`, 'csv');
        assert.equal(h?.delimiter, 44);
        assert.deepEqual(h?.starts, want);
      }),
      { numRuns: 300, seed: 41 },
    );
  });
});
