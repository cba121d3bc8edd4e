import { strict as assert } from 'node:assert';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkedText } from '../../server/src/lsp/chunkedText';
import { DocState } from '../../server/src/lsp/documentStore';
import { applyChanges } from '../../server/src/lsp/incremental';
import { builtinEngine } from '../support/engine';
import { makeRng, pick, randInt, synthBankCard, synthMobile, synthResidentId, type Rng } from '../support/synth';
import { apply, pyFile, randomCsvEdit, randomPyEdit, toChange, type Edit } from './edits';
import { payrollCsv } from './fixtures';

/** Scans from the frontier to `to` (a line start or the end), as the background scan does. */
function scanTo(state: DocState, to: number): void {
  state.scanRange(builtinEngine(), state.frontier, to, state.findings.push);
  state.frontier = to;
}

function lineStartsAndEnd(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  if (out[out.length - 1] !== text.length) out.push(text.length);
  return out;
}

/**
 * In-process check of the incremental bookkeeping, with the scan stopped at a random frontier
 * (as when edits arrive during a background scan) and tiny chunks (so values sit near chunk
 * boundaries): edits before, across and beyond the frontier, several per notification; then the
 * scan finishes and must equal a full scan of the final text.
 */
function check(uri: string, languageId: string, initial: string, rounds: number, seed: number, next: (rng: Rng, text: string) => Edit): Record<string, number> {
  const engine = builtinEngine();
  const rng = makeRng(seed);
  const outcomes: Record<string, number> = {};
  for (let round = 0; round < rounds; round++) {
    let text = initial;
    const state = new DocState({ uri, languageId, version: 1, text }, randInt(rng, 1, 400));
    for (let step = 0, version = 2; step < 6; step++, version++) {
      const starts = lineStartsAndEnd(text);
      const at = starts.indexOf(state.frontier);
      assert.ok(at !== -1, `frontier ${state.frontier} is not a line start`);
      scanTo(state, starts[randInt(rng, at, starts.length - 1)]);
      const changes: TextDocumentContentChangeEvent[] = [];
      for (let c = randInt(rng, 1, 3); c > 0; c--) {
        const e = next(rng, text);
        changes.push(toChange(text, e));
        text = apply(text, e);
      }
      const outcome = applyChanges(state, changes, version, engine);
      const where = outcome === 'reset' ? 'reset' : state.frontier === 0 ? 'unscanned' : state.complete ? 'complete' : 'partial';
      outcomes[where] = (outcomes[where] ?? 0) + 1;
      assert.equal(state.text.getText(), text);
      assert.equal(state.version, version);
      // Findings never lie beyond the frontier.
      assert.ok(state.findings.length === 0 || state.findings.start[state.findings.length - 1] < state.frontier);
    }
    scanTo(state, text.length);
    assert.deepEqual(state.allFindings(engine), engine.scan(text, { kind: state.kind }), `round ${round}`);
  }
  return outcomes;
}

describe('incremental bookkeeping with a partial scan (in process)', () => {
  it('CSV: 300 rounds of random edits around a random frontier equal a full scan', () => {
    const outcomes = check('file:///t/a.csv', 'csv', payrollCsv(30, 21), 300, 21, randomCsvEdit);
    for (const o of ['reset', 'partial', 'complete']) assert.ok(outcomes[o] > 10, JSON.stringify(outcomes));
  });

  it('CSV with quoted fields across lines: 300 rounds of edits, quotes added and removed, equal a full scan', () => {
    const rng = makeRng(23);
    let text = '姓名,"地址, 备注",身份证号,银行卡号,手机号\n';
    for (let i = 0; i < 25; i++) {
      const address = pick(rng, ['"北京市\n朝阳区"', '"上海, 浦东 ""A座"""', '杭州', '"a\n\nb"']);
      text += `n${i},${address},${synthResidentId(rng)},${synthBankCard(rng)},${synthMobile(rng)}\n`;
    }
    const quoteEdit = (r: Rng, t: string): Edit => {
      if (r() < 0.7) return randomCsvEdit(r, t, false);
      const at = randInt(r, t.indexOf('\n') + 1, t.length);
      if (t[at] === '"' && r() < 0.5) return { start: at, end: at + 1, text: '', kind: 'unquote' };
      return { start: at, end: at, text: pick(r, ['"', '\n', ',', '""']), kind: 'quote' };
    };
    const outcomes = check('file:///t/q.csv', 'csv', text, 300, 23, quoteEdit);
    for (const o of ['reset', 'partial', 'complete']) assert.ok(outcomes[o] > 10, JSON.stringify(outcomes));
  });

  it('Python with directives: 300 rounds equal a full scan', () => {
    const outcomes = check('file:///t/a.py', 'python', pyFile(22), 300, 22, randomPyEdit);
    for (const o of ['reset', 'partial', 'complete']) assert.ok(outcomes[o] > 10, JSON.stringify(outcomes));
  });

  it('a change with no range, or very many changes, scans the whole document again', () => {
    const engine = builtinEngine();
    const text = payrollCsv(5, 3);
    const state = new DocState({ uri: 'file:///t/b.csv', languageId: 'csv', version: 1, text });
    scanTo(state, text.length);
    assert.equal(applyChanges(state, [{ text: text + text.slice(text.indexOf('\n') + 1) }], 2, engine), 'reset');
    assert.equal(state.frontier, 0);
    assert.equal(state.findings.length, 0);
    scanTo(state, state.text.length);
    assert.equal(state.findings.length, 30);
    const many: TextDocumentContentChangeEvent[] = Array.from({ length: 100 }, () => ({ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'x' }));
    assert.equal(applyChanges(state, many, 3, engine), 'reset');
    assert.ok(state.text.getText().includes('x'.repeat(100)));
  });
});

describe('many changes in one notification', () => {
  // More than 64 changes take the reset path; descending ones are applied in one pass.
  for (const order of ['descending', 'ascending'] as const) {
    it(`${order} changes give the text that applying them one by one gives`, () => {
      const engine = builtinEngine();
      const rng = makeRng(order === 'descending' ? 1 : 2);
      for (let round = 0; round < 20; round++) {
        const text = payrollCsv(60, round);
        let doc = TextDocument.create('file:///t/m.csv', 'csv', 1, text);
        // Non-overlapping spans, then sent last-first (each change before the previous one) or first-first.
        const cuts = Array.from({ length: 2 * randInt(rng, 65, 90) }, () => randInt(rng, 0, text.length)).sort((a, b) => a - b);
        const spans = Array.from({ length: cuts.length / 2 }, (_, i) => [cuts[2 * i], cuts[2 * i + 1]] as const);
        if (order === 'descending') spans.reverse();
        const changes: TextDocumentContentChangeEvent[] = [];
        let shift = 0;
        for (const [a, b] of spans) {
          const insert = pick(rng, ['', 'x', '\n', '号码', '13800138000']);
          // In LSP order each range is relative to the text the previous changes left.
          const change = { range: { start: doc.positionAt(a + shift), end: doc.positionAt(b + shift) }, text: insert };
          doc = TextDocument.update(doc, [change], doc.version + 1);
          if (order === 'ascending') shift += insert.length - (b - a);
          changes.push(change);
        }
        const state = new DocState({ uri: 'file:///t/m.csv', languageId: 'csv', version: 1, text }, randInt(rng, 50, 3000));
        scanTo(state, text.length);
        assert.equal(applyChanges(state, changes, 2, engine), 'reset');
        assert.equal(state.text.getText(), doc.getText());
        scanTo(state, state.text.length);
        assert.deepEqual(state.allFindings(engine), engine.scan(doc.getText(), { kind: 'csv' }));
      }
    });
  }
});

describe('chunked text', () => {
  it('agrees with one TextDocument on text, positions and offsets through random edits', () => {
    const rng = makeRng(5);
    const pieces = ['ab', '\n', '\r\n', '\r', '身份证', 'x', '\n\n', '12345'];
    const randomText = (n: number) => Array.from({ length: n }, () => pick(rng, pieces)).join('');
    for (let round = 0; round < 200; round++) {
      let text = randomText(randInt(rng, 0, 60));
      const chunked = new ChunkedText(text, randInt(rng, 1, 12));
      for (let step = 0; step < 10; step++) {
        const doc = TextDocument.create('file:///t', 'plaintext', 0, text);
        assert.equal(chunked.getText(), text);
        assert.equal(chunked.length, text.length);
        for (let o = 0; o <= text.length; o++) {
          assert.deepEqual(chunked.positionAt(o), doc.positionAt(o), `positionAt(${o}) of ${JSON.stringify(text)}`);
          const nl = o === 0 ? 0 : text.lastIndexOf('\n', o - 1) + 1;
          assert.equal(chunked.lineStart(o), nl);
          const eol = text.indexOf('\n', o);
          assert.equal(chunked.afterLineEnd(o), eol === -1 ? text.length : eol + 1);
        }
        for (let line = -1; line <= doc.lineCount + 1; line++) {
          for (const character of [0, 1, 2, 5, 100]) assert.equal(chunked.offsetAt({ line, character }), doc.offsetAt({ line, character }), `offsetAt(${line}:${character})`);
        }
        const a = randInt(rng, 0, text.length);
        const b = randInt(rng, a, Math.min(text.length, a + 8));
        const insert = randomText(randInt(rng, 0, 4));
        chunked.replace(a, b, insert);
        text = text.slice(0, a) + insert + text.slice(b);
        const from = randInt(rng, 0, text.length);
        const to = randInt(rng, from, text.length);
        assert.equal(chunked.slice(from, to), text.slice(from, to));
      }
    }
  });
});
