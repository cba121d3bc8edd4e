import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { RawValues } from '../../server/src/xlsx/stream/rawValues';
import { makeRng } from '../support/synth';

// RawValues replaces a workbook's raw values wherever else they are written; held here to the
// plainest reading of its rule: at each place not just after a letter or digit, the longest
// value that starts there and ends before no letter or digit.

const isWord = (c: string | undefined) => c !== undefined && /[0-9A-Za-z]/.test(c);

function plainly(text: string, values: Map<string, string>, escape = (s: string) => s): string {
  const byLength = [...values.keys()].sort((a, b) => b.length - a.length);
  let out = '';
  for (let i = 0; i < text.length; ) {
    const raw = isWord(text[i - 1]) ? undefined : byLength.find((v) => text.startsWith(v, i) && !isWord(text[i + v.length]));
    if (raw === undefined) out += text[i++];
    else {
      out += escape(values.get(raw)!);
      i += raw.length;
    }
  }
  return out;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

async function streamed(raw: RawValues, text: string, size: number): Promise<{ out: string; found: number }> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  let found = 0;
  const out: Buffer[] = [];
  const stream = Readable.from(chunks).pipe(raw.replaceStream((n) => (found += n)));
  for await (const c of stream) out.push(c as Buffer);
  return { out: Buffer.concat(out).toString('utf8'), found };
}

describe('RawValues: a workbook redaction\'s values, replaced wherever they are written', () => {
  const rng = makeRng(42);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rng() * a.length)];
  const ALPHABET = ['1', '2', '3', 'a', 'B', 'X', '-', ' ', '.', '@'];
  const word = (n: number) => Array.from({ length: 1 + Math.floor(rng() * n) }, () => pick(ALPHABET)).join('');
  const digits = (n: number) => Array.from({ length: n }, () => pick(['1', '2', '3'])).join('');
  // Short values, and IDs' and cards' lengths (15 to 19 digits) that share their first digits.
  const value = () => (rng() < 0.5 ? pick(['1', '2', 'a', 'B']) + word(6) : `12${digits(13 + Math.floor(rng() * 5))}`);
  let pool: string[] = [];
  const text = () =>
    Array.from({ length: Math.floor(rng() * 12) }, () => {
      const v = pool.length ? pick(pool) : value();
      return pick([word(4), value(), v, `${v}${pick(['1', 'a', '-1', ' '])}`, `${pick(['1', 'a', '-'])}${v}`, v.slice(0, -1), '<v>', '"', '中', '&amp;', '\n']);
    }).join('');

  /** Up to `most` values, in RawValues and as the plain reading's map; the texts made next hold them. */
  const someValues = (most: number) => {
    const values = new Map<string, string>();
    const raw = new RawValues();
    for (let n = 1 + Math.floor(rng() * most); n > 0; n--) {
      const v = value();
      // One value, one replacement: the first given stays.
      if (!values.has(v)) values.set(v, `<${v.length}&>`);
      raw.add(v, `<${v.length}&>`);
      raw.add(v, 'later');
    }
    pool = [...values.keys()];
    return { values, raw };
  };
  const plainCount = (t: string, values: Map<string, string>) => (plainly(t, values, () => '\u0000').match(/\u0000/g) ?? []).length;

  it('replaces as the plain reading does, values with and without inner punctuation, longest first', () => {
    for (let k = 0; k < 3000; k++) {
      const { values, raw } = someValues(6);
      const t = text();
      assert.equal(raw.replaceAll(t), plainly(t, values), JSON.stringify({ t, values: [...values.keys()] }));
      assert.equal(raw.countIn(t), plainCount(t, values));
    }
  });

  it('replaces values across the chunks of a stream, escaping each replacement for XML', async () => {
    for (let k = 0; k < 300; k++) {
      const { values, raw } = someValues(4);
      const t = Array.from({ length: 5 }, text).join('');
      const expected = plainly(t, values, escapeXml);
      const count = plainCount(t, values);
      for (const size of [1, 2, 5, 64]) assert.deepEqual(await streamed(raw, t, size), { out: expected, found: count }, `${JSON.stringify(t)} in chunks of ${size}`);
    }
  });

  it('passes over what a value does not start: a longer run of letters and digits, or one cut short at a chunk\'s end', () => {
    const raw = new RawValues();
    raw.add('110105', 'X');
    raw.add('138-0013', 'Y');
    assert.equal(raw.replaceAll('<v>1101050</v><v>110105</v> 138-00130 138-0013.'), '<v>1101050</v><v>X</v> 138-00130 Y.');
    assert.equal(raw.replaceAll('a110105 110105a 110105'), 'a110105 110105a X');
  });
});
