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
