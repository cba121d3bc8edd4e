/**
 * Randomness for the fake generators. Every generator takes an `Rng`: a function returning a
 * float in [0, 1). In production the Rng is a keyed deterministic stream (keyedRng): HMAC-SHA256
 * in counter mode, so the same key and the same value always give the same fake, and without the
 * key the output tells nothing about the input. Tests pass a seeded PRNG instead
 * (test/support/synth.ts makeRng).
 *
 * Stream construction: seed = HMAC-SHA256(key, domain ‖ 0x00 ‖ part₁ ‖ 0x00 ‖ part₂ …);
 * block i = HMAC-SHA256(seed, uint32be(i)); each block yields eight 32-bit words, and each call
 * of the Rng consumes one word (word / 2³²).
 */

import * as crypto from 'node:crypto';

/** A source of floats in [0, 1), as Math.random. */
export type Rng = () => number;

/** One-shot hashing, without a Hash object (Node 20.12 and later). */
const oneShot = (crypto as Partial<typeof crypto>).hash;

/** A key's HMAC pads (RFC 2104), each with room after it: the message after the inner, the inner hash after the outer. */
interface Pads {
  inner: Buffer;
  outer: Buffer;
}
const padsOfKey = new WeakMap<Uint8Array, Pads>();

function padsOf(key: Uint8Array): Pads {
  let pads = padsOfKey.get(key);
  if (pads) return pads;
  const k = key.length > 64 ? crypto.createHash('sha256').update(key).digest() : key;
  pads = { inner: Buffer.alloc(64 + 256), outer: Buffer.alloc(64 + 32) };
  for (let i = 0; i < 64; i++) {
    pads.inner[i] = 0x36 ^ (k[i] ?? 0);
    pads.outer[i] = 0x5c ^ (k[i] ?? 0);
  }
  padsOfKey.set(key, pads);
  return pads;
}

/**
 * HMAC-SHA256 of `parts` joined by NUL bytes (UTF-8), under `key`. Made of two one-shot hashes
 * where Node has them: createHmac builds a keyed object for each call (2.4 µs against 1.8 µs
 * here), and a redaction takes one per value replaced, for its audit log or its pseudonym.
 */
export function hmac(key: Uint8Array, ...parts: string[]): Buffer {
  const message = parts.join('\u0000');
  if (!oneShot) return crypto.createHmac('sha256', key).update(message, 'utf8').digest();
  const pads = padsOf(key);
  // At most 3 UTF-8 bytes per UTF-16 code unit.
  if (pads.inner.length < 64 + 3 * message.length) {
    const grown = Buffer.alloc(64 + 3 * message.length);
    pads.inner.copy(grown, 0, 0, 64);
    pads.inner = grown;
  }
  const n = pads.inner.write(message, 64, 'utf8');
  oneShot('sha256', pads.inner.subarray(0, 64 + n), 'buffer').copy(pads.outer, 64);
  return oneShot('sha256', pads.outer, 'buffer');
}

/**
 * A deterministic Rng keyed by `key` and labelled by `parts` (a domain string, the rule, the
 * value…): HMAC-SHA256 counter mode, as described above. Never ends.
 */
export function keyedRng(key: Uint8Array, ...parts: string[]): Rng {
  const seed = hmac(key, ...parts);
  let block = Buffer.alloc(0);
  let word = 8;
  let counter = 0;
  const ctr = Buffer.alloc(4);
  return () => {
    if (word === 8) {
      ctr.writeUInt32BE(counter++ >>> 0, 0);
      block = crypto.createHmac('sha256', seed).update(ctr).digest();
      word = 0;
    }
    return block.readUInt32BE(4 * word++) / 4294967296;
  };
}

/** An integer in [lo, hi] (both inclusive). */
export function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, items: ArrayLike<T>): T {
  return items[Math.floor(rng() * items.length)];
}

/** `n` random ASCII digits. */
export function randomDigits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(rng() * 10));
  return s;
}

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `n` characters drawn from `alphabet` (default A-Z). */
export function randomLetters(rng: Rng, n: number, alphabet = UPPER): string {
  let s = '';
  for (let i = 0; i < n; i++) s += pick(rng, alphabet);
  return s;
}

/** `n` as a decimal string, left-padded with zeros to `width`. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Days in `month` (1-12) of `year`. */
export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A random real date YYYYMMDD with fromYear ≤ year ≤ toYear. */
export function randomDate(rng: Rng, fromYear: number, toYear: number): string {
  const year = randInt(rng, fromYear, toYear);
  const month = randInt(rng, 1, 12);
  const day = randInt(rng, 1, daysIn(year, month));
  return pad(year, 4) + pad(month, 2) + pad(day, 2);
}
