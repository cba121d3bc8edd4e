import { strict as assert } from 'node:assert';
import { finalIssue, type TableIssue } from '../../server/src/engine/table/cursor';
import { DocState } from '../../server/src/lsp/documentStore';
import { applyChanges } from '../../server/src/lsp/incremental';
import { builtinEngine } from '../support/engine';
import { makeRng, pick, randInt, synthMobile, synthResidentId, type Rng } from '../support/synth';
import { apply, toChange, type Edit } from './edits';

const engine = builtinEngine();

/** The structure notice a fresh full parse of `text` gives. */
function freshIssue(text: string): TableIssue | undefined {
  const prepared = engine.prepare(text, { kind: 'csv' });
  const end = engine.scanTo(text, prepared, () => {});
  return end && prepared.header ? finalIssue(end, prepared.header.fields) : undefined;
}

/** A document scanned to its end, as the background scan leaves it (tiny chunks: states cross them). */
function opened(text: string, chunkSize: number): DocState {
  const state = new DocState({ uri: 'file:///t/s.csv', languageId: 'csv', version: 1, text }, chunkSize);
  state.scanRange(engine, 0, state.text.length, state.findings.push);
  state.frontier = state.text.length;
  return state;
}

function lineSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let start = 0; start <= text.length; ) {
    const eol = text.indexOf('\n', start);
    const end = eol === -1 ? text.length : eol;
    spans.push([start, text[end - 1] === '\r' ? end - 1 : end]);
    if (eol === -1) break;
    start = eol + 1;
  }
  return spans;
}

const PLAIN = ['x', '7', '张', ' ', '号码'];

/**
 * Edits after the header that keep the table's structure (typing and deleting text that is no
 * delimiter, quote or line break, blanking a line, typing on a blank one, typing before an open
 * quote), and now and then one that changes it.
 */
function structureKeepingEdit(rng: Rng, text: string): Edit {
  const lines = lineSpans(text).slice(1);
  const [from, to] = pick(rng, lines);
  const line = text.slice(from, to);
  const roll = rng();
  if (roll < 0.1) return { start: from, end: from, text: pick(rng, [',', '"', '\n']), kind: 'structure' };
  if (roll < 0.25 && line !== '' && !/[,"]/.test(line)) return { start: from, end: to, text: '', kind: 'blank' };
  if (roll < 0.5 && line.includes('"')) {
    const at = from + randInt(rng, 0, line.indexOf('"'));
    return { start: at, end: at, text: pick(rng, PLAIN), kind: 'beforeQuote' };
  }
  if (roll < 0.75) {
    const plain = [...line].flatMap((c, i) => (/[,"\r]/.test(c) ? [] : [from + i]));
    if (plain.length) {
      const at = pick(rng, plain);
      return { start: at, end: at + 1, text: '', kind: 'delete' };
    }
  }
  const at = from + randInt(rng, 0, line.length);
  return { start: at, end: at, text: pick(rng, PLAIN), kind: 'type' };
}

function table(rng: Rng, rows: number, eol: string): string {
  const out = ['姓名,备注,身份证号,手机号'];
  for (let i = 0; i < rows; i++) {
    const note = pick(rng, ['杭州', '"a, b"', '"多\n行"', '', 'x "y"']);
    out.push(rng() < 0.1 ? '' : `n${i},${note},${synthResidentId(rng)},${synthMobile(rng)}`);
  }
  return out.join(eol) + eol;
}

describe('the structure notice after edits that keep the table structure (in process)', () => {
  it('notices a ragged row typed into a blank line of a table that had none', () => {
    const text = 'a,b\n1,2\n\n3,4\n';
    const state = opened(text, 1000);
    assert.equal(state.tableIssue(engine), undefined);
    const edit = { start: 8, end: 8, text: 'x', kind: 'type' };
    assert.equal(applyChanges(state, [toChange(text, edit)], 2, engine), 'incremental');
    assert.deepEqual(state.tableIssue(engine), freshIssue(apply(text, edit)));
    assert.equal(state.tableIssue(engine)?.kind, 'ragged-row');
  });

  it('moves an unclosed quote along its line as text is typed before it', () => {
    const text = 'a,b,c\n1,2,3\nxy,"open,3\n4,5,6\n';
    const state = opened(text, 8);
    assert.deepEqual(state.tableIssue(engine), { kind: 'unclosed-quote', line: 2, character: 3, row: 3 });
    const edit = { start: 12, end: 12, text: '号码', kind: 'type' };
    assert.equal(applyChanges(state, [toChange(text, edit)], 2, engine), 'incremental');
    assert.deepEqual(state.tableIssue(engine), { kind: 'unclosed-quote', line: 2, character: 5, row: 3 });
  });

  for (const [seed, eol, broken] of [
    [31, '\n', 'ragged'],
    [32, '\r\n', 'ragged'],
    [33, '\n', 'quote'],
    [34, '\r\n', 'quote'],
    [35, '\n', 'none'],
  ] as const) {
    it(`equals a full parse after each of 150 random edits (seed ${seed}, ${JSON.stringify(eol)}, ${broken})`, () => {
      const rng = makeRng(seed);
      let text = table(rng, 30, eol);
      const lines = text.split(eol);
      const at = randInt(rng, 5, 25);
      if (broken === 'ragged') lines[at] = `n${at},只有两列`;
      if (broken === 'quote') lines[at] = `n${at},"未闭合,${synthMobile(rng)},x`;
      text = lines.join(eol);
      const state = opened(text, randInt(rng, 20, 300));
      assert.deepEqual(state.tableIssue(engine), freshIssue(text));
      const kinds = new Set<string>();
      for (let step = 0; step < 150; step++) {
        const edit = structureKeepingEdit(rng, text);
        kinds.add(edit.kind);
        applyChanges(state, [toChange(text, edit)], step + 2, engine);
        text = apply(text, edit);
        assert.equal(state.text.getText(), text);
        assert.deepEqual(state.tableIssue(engine), freshIssue(text), `step ${step} (${edit.kind})`);
      }
      for (const k of ['type', 'delete', 'blank', 'structure']) assert.ok(kinds.has(k), `no ${k} edit`);
    });
  }
});
