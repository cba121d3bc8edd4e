import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { jsonStringMaxBytes, putHex53, putJsonString, putUint } from '../../server/src/cli/report/jsonBytes';
import { SlotCounts } from '../../server/src/cli/report/slotCounts';

/** What a writer put in a fresh buffer, as bytes. */
function written(max: number, put: (buf: Buffer, at: number) => number): Buffer {
  // Filled with a marker, so a writer that goes past its offset shows up.
  const buf = Buffer.alloc(max + 8, 0xee);
  const end = put(buf, 3);
  assert.ok(end - 3 <= max, `wrote ${end - 3} bytes, more than the ${max} promised`);
  assert.ok(buf.subarray(end).every((b) => b === 0xee), 'wrote past the offset it returned');
  return buf.subarray(3, end);
}

describe('JSON written as bytes (SARIF results)', () => {
  const samples = [
    '',
    'Payment card number: 627201*********2331 (confidence high)',
    '银行卡号',
    '身份证号 "quoted" \\ back\\slash',
    'tab\there\nnew line\r\u0000\u0001\u001f\u007f\b\f',
    '😀 pair, lone high \ud800 x, lone low \udc00, high at end \ud83d',
    '\u0080\u07ff\u0800\uffff\ue000',
  ];

  it('writes the bytes of JSON.stringify for every kind of character', () => {
    for (const s of samples) assert.deepEqual(written(jsonStringMaxBytes(s), (b, at) => putJsonString(b, at, s)), Buffer.from(JSON.stringify(s)), JSON.stringify(s));
  });

  it('agrees with JSON.stringify on random strings, lone surrogates included', () => {
    const units = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((a) => String.fromCharCode(...a));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), units), (s) => {
        assert.deepEqual(written(jsonStringMaxBytes(s), (b, at) => putJsonString(b, at, s)), Buffer.from(JSON.stringify(s)));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes whole numbers in decimal', () => {
    for (const n of [0, 7, 9, 10, 99, 100, 12345, 2 ** 31, 2 ** 53 - 1]) assert.equal(written(16, (b, at) => putUint(b, at, n)).toString(), String(n));
    fc.assert(fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (n) => written(16, (b, at) => putUint(b, at, n)).toString() === String(n)));
  });

  it('writes a 53-bit number as 14 hex digits', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (n) => {
        assert.equal(written(14, (b, at) => putHex53(b, at, n)).toString(), n.toString(16).padStart(14, '0'));
      }),
    );
  });
});

describe('SlotCounts', () => {
  it('counts like a Map, across growth and clears', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2 ** 30 - 1 }), fc.constant(-1)), { maxLength: 3000 }), (ops) => {
        const counts = new SlotCounts();
        let map = new Map<number, number>();
        for (const key of ops) {
          // -1 stands for "the next file": both forget.
          if (key < 0) {
            counts.clear();
            map = new Map();
            continue;
          }
          const n = (map.get(key) ?? 0) + 1;
          map.set(key, n);
          assert.equal(counts.add(key), n);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps up with 300,000 distinct keys', () => {
    const counts = new SlotCounts();
    for (let k = 0; k < 300_000; k++) assert.equal(counts.add(k * 3571), 1);
    for (let k = 0; k < 300_000; k += 1000) assert.equal(counts.add(k * 3571), 2);
  });
});
