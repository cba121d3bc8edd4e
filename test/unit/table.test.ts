import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { StreamScanner } from '../../server/src/engine/stream';
import { readTableHeader } from '../../server/src/engine/table/dialect';
import { ColumnTally } from '../../server/src/engine/table/columnTally';
import { columnLetter } from '../../server/src/engine/table/columnLetter';
import type { TableIssue } from '../../server/src/engine/table/cursor';
import { builtinEngine } from '../support/engine';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

const engine = builtinEngine();

/** A CSV field as Excel writes it: quoted when it holds the delimiter, a quote or a line break. */
function field(value: string, delimiter = ','): string {
  return /["\n\r]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

function streamScan(text: string, chunkSizes: number[] = [text.length || 1]) {
  const found: { rule: string; start: number; column: number }[] = [];
  const scanner = new StreamScanner(engine, { kind: 'csv' }, (rule, start, _end, _c, column, _t, base) => {
    found.push({ rule: engine.rules[rule].id, start: base + start, column });
  });
  let i = 0;
  for (let k = 0; i < text.length; k++) {
    const size = chunkSizes[k % chunkSizes.length];
    scanner.push(text.slice(i, i + size));
    i += size;
  }
  scanner.end();
  return { found, issue: scanner.tableIssue, header: scanner.table };
}

describe('tables: dialect, columns across quoted line breaks, structure breaks', () => {
  const rng = makeRng(505);

  it('detects the delimiter from the rows: comma, tab, semicolon (with decimal commas), pipe', () => {
    assert.equal(readTableHeader('a,b,c\n1,2,3\n', 'csv')?.delimiter, 44);
    assert.equal(readTableHeader('姓名\t身份证号\n张三\t1\n', 'csv')?.delimiter, 9);
    // Decimal commas in the data must not win over the semicolon that splits every row the same way.
    const semi = readTableHeader('Name;Amount;Account\nA;1,50;1\nB;2,75;2\nC;3,00;3\n', 'csv');
    assert.equal(semi?.delimiter, 59);
    assert.deepEqual(semi?.names, ['Name', 'Amount', 'Account']);
    assert.equal(readTableHeader('id|name\n1|x\n', 'csv')?.delimiter, 124);
    assert.equal(readTableHeader('x y\n', 'tsv')?.delimiter, 9);
    assert.equal(readTableHeader('a,b\n', 'code'), undefined);
  });

  it('reads a quoted header (delimiters, doubled quotes, a line break inside) and knows a data first row', () => {
    const h = readTableHeader('"姓名, 全名","身份证号\n(18位)","卡号 ""主卡"""\r\n张三,1,2\r\n', 'csv');
    assert.deepEqual(h?.names, ['姓名, 全名', '身份证号\n(18位)', '卡号 "主卡"']);
    assert.deepEqual(h?.starts, [0, 9, 22]);
    assert.equal(h?.fields, 3);
    assert.equal(readTableHeader('1,2,3\n4,5,6\n', 'csv')?.names, undefined);
  });

  it('gives every value its column, whatever quoted fields with delimiters, quotes and line breaks come before it', () => {
    const values = Array.from({ length: 40 }, () => synthResidentId(rng));
    const junk = fc.oneof(fc.constantFrom('', 'a,b', 'x\ny', '"q"', 'say ""hi""', '\r\n', '备注，逗号', ';|\t'), fc.string({ maxLength: 6 }).filter((s) => !/[0-9A-Za-z]/.test(s)));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(junk, { minLength: 3, maxLength: 3 }), fc.nat(2)), { minLength: 1, maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }), (rows, sizes) => {
        const expected: number[] = [];
        const lines = ['备注一,身份证号,备注二,证件号码'];
        rows.forEach(([cells, at], r) => {
          const out = cells.map((c) => field(c));
          out.splice(at + (at > 0 ? 1 : 0), 0, values[r]);
          expected.push(at + (at > 0 ? 1 : 0));
          lines.push(out.join(','));
        });
        const text = lines.join('\n') + '\n';
        for (const chunks of [undefined, sizes]) {
          const { found, issue } = streamScan(text, chunks);
          const ids = found.filter((f) => f.rule === 'cn-resident-id');
          assert.deepEqual(
            ids.map((f) => f.column),
            expected,
            JSON.stringify(text),
          );
          assert.equal(issue, undefined, JSON.stringify(text));
        }
      }),
      { numRuns: 150, seed: 505 },
    );
  });

  it('reports a ragged row once, where it is, and goes on scanning', () => {
    const id = () => synthResidentId(rng);
    const text = ['姓名,身份证号,手机号', `a,${id()},${synthMobile(rng)}`, '', `b,${id()}`, `c,${id()},1,2`, `d,${id()},${synthMobile(rng)}`].join('\n') + '\n';
    const { found, issue } = streamScan(text, [7]);
    assert.deepEqual(issue, { kind: 'ragged-row', line: 3, character: 0, row: 3, expected: 3, found: 2 } satisfies TableIssue);
    assert.equal(found.filter((f) => f.rule === 'cn-resident-id').length, 4);
    // A short last row with no line break counts too; blank lines and CRLF do not make rows ragged.
    assert.equal(streamScan('a,b,c\r\n1,2,3\r\n\r\n4,5,6\r\n').issue, undefined);
    assert.equal(streamScan('a,b,c\n1,2,3\n4,5').issue?.found, 2);
  });

  it('reports a quote that is never closed where it opened, with the values after it still found', () => {
    const card = synthBankCard(rng);
    const text = `姓名,身份证号,卡号\na,${synthResidentId(rng)},${card}\nb,"${synthResidentId(rng)},${card}\nc,${synthResidentId(rng)},${card}\n`;
    const { found, issue } = streamScan(text, [5, 11]);
    assert.deepEqual(issue, { kind: 'unclosed-quote', line: 2, character: 2, row: 3 } satisfies TableIssue);
    assert.equal(found.filter((f) => f.rule === 'cn-resident-id').length, 3);
    // A quote inside an unquoted field is text, as Excel reads it.
    assert.equal(streamScan(`尺寸,身份证号\n5" disk,${synthResidentId(rng)}\n`).issue, undefined);
  });

  it('tallies findings per column and says once when Excel damaged an ID column', () => {
    const text = ['姓名,身份证号,订单号,手机号', 'a,1.10105E+17,1.23457E+17,' + synthMobile(rng), 'b,4.40301E+17,x,' + synthMobile(rng)].join('\n') + '\n';
    const tally = new ColumnTally(engine);
    const { found, header } = streamScan(text);
    for (const f of found) tally.add(f.column, engine.rules.findIndex((r) => r.id === f.rule));
    const summaries = tally.summaries(header!);
    assert.deepEqual(
      summaries.map((s) => [s.letter, s.header, s.character, s.counts, s.excelMangled]),
      [
        ['B', '身份证号', 3, { 'excel-mangled': 2 }, 2],
        ['D', '手机号', 12, { 'cn-mobile': 2 }, undefined],
      ],
    );
    assert.deepEqual([0, 25, 26, 701, 702].map(columnLetter), ['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});
