import { strict as assert } from 'node:assert';
import { FirstScan, WordSet } from '../../../server/src/engine/scan/wordSet';
import { makeRng } from '../../support/synth';

// The hotwords' first code units (ASCII in either case) and a window check that reads each
// stretch of text once: its answers must be those of reading every window on its own.
describe('FirstScan', () => {
  const units = new Uint8Array(0x10000);
  new WordSet(['card', '卡号', 'Tel']).markFirsts(units);

  const naive = (text: string, from: number, to: number) => {
    for (let i = from; i < to; i++) if (units[text.charCodeAt(i)] !== 0) return true;
    return false;
  };

  it('marks each word’s first code unit, an ASCII letter in both cases', () => {
    const marked = [...'cCtT卡'].map((c) => units[c.charCodeAt(0)]);
    assert.deepEqual(marked, [1, 1, 1, 1, 1]);
    assert.deepEqual([...'aA号0,'].map((c) => units[c.charCodeAt(0)]), [0, 0, 0, 0, 0]);
  });

  it('answers as a window read on its own, for windows in text order, overlapping, apart or going back', () => {
    const rng = makeRng(11);
    const alphabet = '0123456789,,,\n c卡T号x';
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 300 }, () => alphabet[Math.floor(rng() * alphabet.length)]).join('');
      const scan = new FirstScan(units, text);
      let at = 0;
      for (let k = 0; k < 80; k++) {
        // Mostly forward by a cell or so, sometimes back, sometimes far ahead.
        const r = rng();
        at = r < 0.1 ? Math.floor(rng() * text.length) : Math.min(text.length, at + Math.floor(rng() * 20));
        const from = at;
        const to = Math.min(text.length, from + Math.floor(rng() * 60));
        assert.equal(scan.any(from, to), naive(text, from, to), `round ${round}, window [${from}, ${to})`);
      }
    }
  });

  it('finds nothing in an empty window, even where the last read stopped on a marked unit', () => {
    const scan = new FirstScan(units, '12,c34');
    assert.equal(scan.any(0, 6), true);
    assert.equal(scan.any(3, 3), false);
    assert.equal(scan.any(0, 3), false);
    assert.equal(scan.any(4, 6), false);
  });
});

// The context words' search: a position is skipped on its first two code units; what it finds
// must be what comparing every word at every position finds.
describe('WordSet', () => {
  const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  const isUpper = (c: number) => c >= 65 && c <= 90;
  const lower = (c: number) => (isUpper(c) ? c + 32 : c);
  // The rule of wordSet.ts, written out: ASCII compared case-insensitively, an ASCII-letter end
  // of the word must be an end of a word in the text (camelCase counts).
  const wordAt = (text: string, at: number, w: string) => {
    for (let k = 0; k < w.length; k++) if (lower(text.charCodeAt(at + k)) !== w.charCodeAt(k)) return false;
    if (isLetter(w.charCodeAt(0)) && at > 0) {
      const before = text.charCodeAt(at - 1);
      if (isLetter(before) && !(isUpper(text.charCodeAt(at)) && !isUpper(before))) return false;
    }
    if (isLetter(w.charCodeAt(w.length - 1)) && at + w.length < text.length) {
      const after = text.charCodeAt(at + w.length);
      if (after >= 97 && after <= 122) return false;
    }
    return true;
  };
  const before = (words: string[], text: string, from: number, start: number) => {
    let best = -1;
    for (let i = from; i < start; i++) for (const w of words) if (i + w.length <= start && wordAt(text, i, w)) best = start - (i + w.length);
    return best;
  };
  const after = (words: string[], text: string, end: number, to: number) => {
    for (let i = end; i < to; i++) for (const w of words) if (i + w.length <= to && wordAt(text, i, w)) return i - end;
    return -1;
  };

  for (const words of [['card', 'no', 'tel', '卡号', 'acct'], ['no', '号', 'id']]) {
    it(`finds what every word compared at every position finds (${words.join(' ')})`, () => {
      const set = new WordSet(words);
      const rng = makeRng(words.length);
      const pieces = ['card', 'Card', 'CARD', 'no', 'No', 'tel', 'hotel', 'acct', 'id', '卡号', '号', '卡', 'c', 'a', 'n', 'x', ' ', '_', '=', '1234'];
      for (let round = 0; round < 300; round++) {
        const text = Array.from({ length: 20 }, () => pieces[Math.floor(rng() * pieces.length)]).join('');
        const a = Math.floor(rng() * text.length);
        const b = a + Math.floor(rng() * (text.length - a + 1));
        assert.equal(set.distanceBefore(text, a, b), before(words, text, a, b), `before in ${JSON.stringify(text)} [${a}, ${b})`);
        assert.equal(set.distanceAfter(text, a, b), after(words, text, a, b), `after in ${JSON.stringify(text)} [${a}, ${b})`);
      }
    });
  }
});
