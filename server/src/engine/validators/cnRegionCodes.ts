// Known GB/T 2260 region codes (the first 6 digits of a resident ID number). The table itself
// is data, generated into cnRegionCodes.data.ts by scripts/gen-region-codes.mjs; this module
// decodes it once and answers lookups from a bitmap.
import { CONT, ENCODED, REGION_CODE_COUNT, TERM } from './cnRegionCodes.data';

export { REGION_CODE_COUNT };

let bitmap: Uint8Array | undefined;
let list: Uint32Array | undefined;

function decode(): Uint32Array {
  const digit = new Int8Array(128).fill(-1);
  for (let i = 0; i < 32; i++) {
    digit[TERM.charCodeAt(i)] = i;
    digit[CONT.charCodeAt(i)] = 32 + i;
  }
  const out = new Uint32Array(REGION_CODE_COUNT);
  let n = 0;
  let acc = 0;
  let value = 0;
  for (let i = 0; i < ENCODED.length; i++) {
    const d = digit[ENCODED.charCodeAt(i)];
    if (d < 32) {
      acc += value * 32 + d;
      out[n++] = acc;
      value = 0;
    } else {
      value = value * 32 + (d - 32);
    }
  }
  return out;
}

/** All known codes, ascending (decoded once, on first use). Do not mutate. */
export function regionCodeList(): Uint32Array {
  if (list === undefined) list = decode();
  return list;
}

function getBitmap(): Uint8Array {
  if (bitmap === undefined) {
    const codes = regionCodeList();
    const bits = new Uint8Array(125000); // one bit per value in 0..999999
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      bits[c >>> 3] |= 1 << (c & 7);
    }
    bitmap = bits;
  }
  return bitmap;
}

/**
 * Whether the 6 characters of `value` at `offset` are a known GB/T 2260 region code (current
 * or retired), or a 81/82/83 residence-permit prefix. Never throws; false when the characters
 * are missing or not ASCII digits.
 */
export function isKnownRegionCode(value: string, offset = 0): boolean {
  if (offset < 0 || value.length < offset + 6) return false;
  let n = 0;
  for (let i = offset; i < offset + 6; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    n = n * 10 + d;
  }
  return (getBitmap()[n >>> 3] & (1 << (n & 7))) !== 0;
}
