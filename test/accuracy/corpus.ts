// A labelled corpus for measuring precision and recall: CSV exports, code fixtures and log lines
// built from synthetic values (valid check digits) and hard negatives, each value's span known.
import type { FileKind } from '../../server/src/engine/types';
import { makeRng, pick, randInt, type Rng } from '../support/synth';
import { NEGATIVE_KINDS, VALUE_KINDS, type NegativeKind, type ValueKind } from './valueKinds';

export interface Label {
  ruleId: string;
  start: number;
  end: number;
}

export interface CorpusDoc {
  name: string;
  kind: FileKind;
  text: string;
  labels: Label[];
}

/** Builds text piece by piece, recording where each labelled value lands. */
class Writer {
  text = '';
  labels: Label[] = [];
  put(s: string): void {
    this.text += s;
  }
  value(ruleId: string, v: string): void {
    this.labels.push({ ruleId, start: this.text.length, end: this.text.length + v.length });
    this.text += v;
  }
}

function csvDoc(rng: Rng, n: number): CorpusDoc {
  const kinds = shuffle(rng, VALUE_KINDS).slice(0, randInt(rng, 1, VALUE_KINDS.length));
  const negatives = shuffle(rng, NEGATIVE_KINDS).slice(0, randInt(rng, 1, 4));
  const columns: ({ value: ValueKind } | { negative: NegativeKind })[] = shuffle(rng, [...kinds.map((value) => ({ value })), ...negatives.map((negative) => ({ negative }))]);
  const w = new Writer();
  w.put(['姓名', ...columns.map((c) => ('value' in c ? pick(rng, c.value.headers) : pick(rng, c.negative.headers)))].join(',') + '\n');
  const rows = randInt(rng, 5, 40);
  for (let r = 0; r < rows; r++) {
    w.put(`员工${r}`);
    for (const c of columns) {
      w.put(',');
      if ('value' in c) w.value(c.value.ruleId, c.value.make(rng));
      else w.put(c.negative.make(rng));
    }
    w.put('\n');
  }
  return { name: `sheet-${n}.csv`, kind: 'csv', text: w.text, labels: w.labels };
}

function codeDoc(rng: Rng, n: number): CorpusDoc {
  const w = new Writer();
  w.put('// Test fixtures\nexport const records = [\n');
  const items = randInt(rng, 3, 20);
  for (let i = 0; i < items; i++) {
    w.put('  { ');
    const kinds = shuffle(rng, VALUE_KINDS).slice(0, randInt(rng, 1, 3));
    for (const k of kinds) {
      w.put(`${pick(rng, k.code)}: '`);
      w.value(k.ruleId, k.make(rng));
      w.put("', ");
    }
    for (const neg of shuffle(rng, NEGATIVE_KINDS).slice(0, randInt(rng, 1, 3))) w.put(`${pick(rng, neg.code)}: '${neg.make(rng)}', `);
    w.put(`count: ${randInt(rng, 0, 100_000)} },\n`);
  }
  w.put('];\n');
  return { name: `fixtures-${n}.ts`, kind: 'code', text: w.text, labels: w.labels };
}

function logDoc(rng: Rng, n: number): CorpusDoc {
  const w = new Writer();
  const lines = randInt(rng, 5, 30);
  for (let i = 0; i < lines; i++) {
    w.put(`2026-11-${String(randInt(rng, 1, 28)).padStart(2, '0')} ${String(randInt(rng, 0, 23)).padStart(2, '0')}:14:07 INFO `);
    if (rng() < 0.6) {
      const k = pick(rng, VALUE_KINDS);
      w.put(pick(rng, k.inline));
      w.value(k.ruleId, k.make(rng));
    } else {
      const neg = pick(rng, NEGATIVE_KINDS);
      w.put(`${pick(rng, neg.headers)}：${neg.make(rng)}`);
    }
    w.put(` trace=${NEGATIVE_KINDS[5].make(rng)}\n`);
  }
  return { name: `app-${n}.log`, kind: 'plain', text: w.text, labels: w.labels };
}

/** A deterministic corpus of `size` documents (a third each of CSV, code and logs). */
export function buildCorpus(size: number, seed = 2026): CorpusDoc[] {
  const rng = makeRng(seed);
  const docs: CorpusDoc[] = [];
  for (let i = 0; i < size; i++) docs.push([csvDoc, codeDoc, logDoc][i % 3](rng, i));
  return docs;
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randInt(rng, 0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
