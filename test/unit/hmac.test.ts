import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { hmac } from '../../server/src/engine/fake/keyedRandom';
import { makeRng } from '../support/synth';

describe('hmac: HMAC-SHA256 of NUL-joined parts (two one-shot hashes where Node has them)', () => {
  const rng = makeRng(2026);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rng() * 256));
  const reference = (key: Uint8Array, ...parts: string[]) => createHmac('sha256', key).update(parts.join('\u0000'), 'utf8').digest('hex');

  it('equals createHmac for keys of every length around the block size (a key over 64 bytes is hashed first)', () => {
    for (let n = 0; n <= 130; n++) {
      const key = bytes(n);
      assert.equal(hmac(key, 'sdguard/fingerprint/v1', 'cn-resident-id', '11010519491231002X').toString('hex'), reference(key, 'sdguard/fingerprint/v1', 'cn-resident-id', '11010519491231002X'), `key of ${n} bytes`);
    }
  });

  it('equals createHmac for texts of any length and any UTF-8 width: CJK, a surrogate pair, a lone surrogate, longer than the buffer held', () => {
    const key = bytes(32);
    const texts = ['', 'a', '张三', '𠮷野家', 'x\ud800y', '\udc00', '工资'.repeat(3000), 'z'.repeat(100_000), '6222021234567890123'];
    // Long then short again: what a longer text left in the buffer is not hashed with a shorter one.
    for (const text of [...texts, ...texts.reverse()]) assert.equal(hmac(key, 'd', text).toString('hex'), reference(key, 'd', text), JSON.stringify(text.slice(0, 20)));
  });

  it('keeps each key apart, the same key object or a copy', () => {
    const a = bytes(32);
    const b = bytes(32);
    assert.notEqual(hmac(a, 'v').toString('hex'), hmac(b, 'v').toString('hex'));
    assert.equal(hmac(a, 'v').toString('hex'), hmac(Uint8Array.from(a), 'v').toString('hex'));
    assert.equal(hmac(b, 'v').toString('hex'), reference(b, 'v'));
  });
});
