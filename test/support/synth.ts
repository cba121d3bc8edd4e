/**
 * Deterministic synthetic identifiers for tests, examples and benchmarks. Everything here is
 * generated from a seeded PRNG: valid in structure and checksum, but random, so not anybody's
 * real number (a collision with a real one is possible, as for any valid-looking number, but
 * nothing is taken from real data).
 *
 * Usage:
 *   const rng = makeRng(42);
 *   const id = synthResidentId(rng);         // passes validResidentId18
 *   const bad = breakCheck(id);              // same number, wrong check character
 */

import { residentIdCheckChar } from '../../server/src/engine/validators/cnResidentId';
import { pick, randInt, type Rng } from '../../server/src/engine/fake/keyedRandom';
import { synthResidentId } from '../../server/src/engine/fake/residentId';

// The generators live in the engine (server/src/engine/fake/), where the `fake` operator draws
// them from a keyed stream; tests draw them from the seeded PRNG below.
export { pick, randInt, randomDigits, type Rng } from '../../server/src/engine/fake/keyedRandom';
export { synthResidentId, synthResidentId15, type ResidentIdOptions } from '../../server/src/engine/fake/residentId';
export { synthUscc } from '../../server/src/engine/fake/uscc';
export { synthBankCard, type BankCardOptions } from '../../server/src/engine/fake/bankCard';
export { synthMobile } from '../../server/src/engine/fake/mobile';

/** mulberry32: a tiny, fast, seedable 32-bit PRNG (public domain, Tommy Ettinger). */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The same value with a different last character, so its check digit/character fails:
 * a digit d becomes (d + 1) mod 10, any other character becomes `0`.
 */
export function breakCheck(value: string): string {
  const last = value.charCodeAt(value.length - 1);
  const repl = last >= 48 && last <= 57 ? String.fromCharCode(48 + ((last - 47) % 10)) : '0';
  return value.slice(0, -1) + repl;
}

/**
 * The same value with one digit before the last character changed to a different digit
 * (position drawn from `from` up to the last-but-one character). Any single-digit change is
 * caught by Luhn, MOD 11-2 and MOD 31.
 */
export function changeOneDigit(rng: Rng, value: string, from = 0): string {
  const positions: number[] = [];
  for (let i = from; i < value.length - 1; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) positions.push(i);
  }
  if (positions.length === 0) throw new RangeError('changeOneDigit: no digit to change');
  const i = pick(rng, positions);
  const old = value.charCodeAt(i) - 48;
  const d = (old + randInt(rng, 1, 9)) % 10;
  return value.slice(0, i) + String(d) + value.slice(i + 1);
}

/**
 * An 18-character resident ID whose check character is a digit, not X (what Excel turns into a
 * number when it is typed into a General cell): draws IDs from `rng` until one does not end in X.
 */
export function digitsOnlyId(rng: Rng): string {
  for (;;) {
    const v = synthResidentId(rng);
    if (!v.endsWith('X')) return v;
  }
}

/**
 * A resident ID with an impossible birth date (e.g. 31 February or month 13) but a correct
 * check character: fails on the date alone.
 */
export function residentIdWithBadDate(rng: Rng): string {
  const base = synthResidentId(rng);
  const year = base.slice(6, 10);
  const bad = pick(rng, ['0230', '0231', '1301', '0000', '0132', '0431', '1100']);
  const body = base.slice(0, 6) + year + bad + base.slice(14, 17);
  return body + residentIdCheckChar(body);
}
