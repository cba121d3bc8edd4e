import { strict as assert } from 'node:assert';
import { StreamScanner } from '../../../server/src/engine/stream';
import { LineIndex } from '../../../server/src/engine/text/lineIndex';
import type { FileKind } from '../../../server/src/engine/types';
import { builtinEngine } from '../../support/engine';
import { makeRng, randInt, synthBankCard, synthMobile, synthResidentId, synthUscc, type Rng } from '../../support/synth';

const engine = builtinEngine();

/** Findings of a chunked scan as comparable strings: rule, absolute span, confidence, column, line:char. */
function streamed(text: string, kind: FileKind, chunkSizes: () => number, maxLine?: number): string[] {
  const out: string[] = [];
  const scanner = new StreamScanner(
    engine,
    { kind },
    (rule, start, end, confidence, column, _text, base, line, character) => out.push(`${rule}@${base + start}-${base + end} c${confidence} col${column} ${line}:${character}`),
    true,
    maxLine,
  );
  for (let i = 0; i < text.length; ) {
    const n = Math.max(1, chunkSizes());
    scanner.push(text.slice(i, i + n));
    i += n;
  }
  scanner.end();
  return out;
}

function whole(text: string, kind: FileKind): string[] {
  const lines = new LineIndex(text);
  const prepared = engine.prepare(text, { kind });
  const out: string[] = [];
  engine.scanTo(text, prepared, (rule, start, end, confidence, column) => {
    const p = lines.positionAt(start);
    out.push(`${rule}@${start}-${end} c${confidence} col${column} ${p.line}:${p.character}`);
  });
  return out;
}

function sheet(rng: Rng, rows: number): string {
  const out = ['姓名,身份证号,银行卡号,手机号,备注,订单号'];
  for (let i = 0; i < rows; i++) {
    const note = ['', '😀 备注', 'sdguard-ignore-next-line cn-mobile', '"含,逗号"', `订单号 ${synthBankCard(rng)}`][randInt(rng, 0, 4)];
    out.push(`员工${i},${synthResidentId(rng)},${synthBankCard(rng)},${synthMobile(rng)},${note},${synthUscc(rng)}`);
  }
  // Mixed line endings, as files edited on two systems have.
  return out.map((row, k) => row + (k % 3 === 0 ? '\r\n' : '\n')).join('');
}

describe('chunked scanning (StreamScanner)', () => {
  const rng = makeRng(11);
  const text = sheet(rng, 2000);

  it('finds exactly what a scan in one piece finds, whatever the chunk sizes', () => {
    const expected = whole(text, 'csv');
    // The last column's header 订单号 is a negative word: its credit codes are dropped.
    assert.ok(expected.length > 5000, `only ${expected.length} findings`);
    for (const size of [1, 7, 64, 1000, 65536]) assert.deepEqual(streamed(text, 'csv', () => size), expected, `chunks of ${size}`);
    assert.deepEqual(streamed(text, 'csv', () => randInt(rng, 1, 3000)), expected, 'random chunks');
  });

  it('carries a next-line directive across a chunk boundary', () => {
    const id = synthResidentId(rng);
    const code = `a = 1\n# sdguard-ignore-next-line\nb = "${id}"\nc = "${id}"\n`;
    const cut = code.indexOf('b =');
    const parts = [code.slice(0, cut), code.slice(cut)];
    let k = 0;
    const out = streamed(code, 'code', () => parts[k++]?.length ?? 1);
    assert.deepEqual(out, whole(code, 'code'));
    assert.equal(out.length, 1);
  });

  it('cuts an overlong line without losing a value or its context', () => {
    const parts: string[] = [];
    for (let i = 0; i < 3000; i++) parts.push(i % 3 ? `手机 ${synthMobile(rng)}` : `card ${synthBankCard(rng).replace(/(\d{4})(?=\d)/g, '$1 ')}`);
    const line = parts.join('; ');
    const expected = whole(line, 'plain');
    assert.equal(expected.length, 3000);
    assert.deepEqual(streamed(line, 'plain', () => randInt(rng, 100, 5000), 2000), expected);
  });

  it('reads a lone CR (Excel\'s "CSV (Macintosh)") as a line end: the findings of the same rows with LF, header context and lines included', () => {
    const rows = ['姓名,证件号码,对公账号,备注'];
    for (let i = 0; i < 300; i++) rows.push(`员工${i},${synthResidentId(rng)},6${String(100_000_000_000 + i * 7919)},无`);
    const lf = rows.join('\n') + '\n';
    const cr = rows.join('\r') + '\r';
    const expected = whole(lf, 'csv');
    // The accounts are medium only under their header: without rows, they would be low.
    assert.equal(expected.filter((f) => / c1 col2 /.test(f)).length, 300);
    for (const size of [1, 2, 7, 1000, 1 << 20]) assert.deepEqual(streamed(cr, 'csv', () => size), expected, `chunks of ${size}`);
    // CRLF cut between its CR and LF is one line end, not two.
    const crlf = rows.join('\r\n') + '\r\n';
    const crlfExpected = whole(crlf, 'csv');
    for (const size of [1, 3]) assert.deepEqual(streamed(crlf, 'csv', () => size), crlfExpected, `CRLF in chunks of ${size}`);
    const lineAndChar = (f: string) => f.split(' ').pop();
    assert.deepEqual(crlfExpected.map(lineAndChar), expected.map(lineAndChar));
  });
});
