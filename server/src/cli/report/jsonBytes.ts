// JSON written straight into a byte buffer, for reports with hundreds of thousands of results.
// Why by hand: building each SARIF result as a string and then UTF-8 encoding it (a rope to
// flatten, then every byte checked again) cost more than scanning the file; writing constant
// parts as pre-encoded bytes and the few variable ones byte by byte costs about half as much.
// The output is byte for byte what JSON.stringify gives (test/unit/jsonBytes.test.ts).

/** UTF-8 bytes of a constant part, encoded once. */
export function utf8(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}

/** Most bytes `putJsonString` can write for `s`: quotes, and 6 bytes (`\u001f`) per code unit. */
export function jsonStringMaxBytes(s: string): number {
  return 2 + 6 * s.length;
}

/** Copies `bytes` to `buf` at `at`; returns the offset after them. */
export function putBytes(buf: Uint8Array, at: number, bytes: Uint8Array): number {
  const n = bytes.length;
  // A loop beats TypedArray#set on the short parts that make up most of a result.
  if (n > 48) buf.set(bytes, at);
  else for (let i = 0; i < n; i++) buf[at + i] = bytes[i];
  return at + n;
}

/** A non-negative integer in decimal (positions and counts: never beyond 2^53). */
export function putUint(buf: Uint8Array, at: number, n: number): number {
  if (n < 10) {
    buf[at] = 48 + n;
    return at + 1;
  }
  let digits = 1;
  for (let p = 10; p <= n; p *= 10) digits++;
  for (let i = at + digits - 1; i >= at; i--) {
    const q = Math.floor(n / 10);
    buf[i] = 48 + (n - q * 10);
    n = q;
  }
  return at + digits;
}

/** A string known to hold only printable ASCII with no `"` or `\` (hex digits, fixed words), unquoted. */
export function putAscii(buf: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i);
  return at;
}

const HEX = '0123456789abcdef';

/** A 53-bit integer as 14 lower-case hex digits, zero-padded (Number#toString(16) is slow on numbers this large). */
export function putHex53(buf: Uint8Array, at: number, n: number): number {
  const lo = n >>> 0;
  let hi = (n - lo) / 4294967296;
  for (let i = at + 13, v = lo; i >= at + 6; i--, v >>>= 4) buf[i] = HEX.charCodeAt(v & 0xf);
  for (let i = at + 5; i >= at; i--, hi >>>= 4) buf[i] = HEX.charCodeAt(hi & 0xf);
  return at + 14;
}
/** JSON.stringify's short escapes for control characters. */
const SHORT: Record<number, number> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72 };

/** `s` as a JSON string, quotes included, in UTF-8; returns the offset after it. */
export function putJsonString(buf: Uint8Array, at: number, s: string): number {
  buf[at++] = 0x22;
  at = putJsonChars(buf, at, s);
  buf[at++] = 0x22;
  return at;
}

/** `s` escaped as within a JSON string, without the quotes, in UTF-8 (at most 6 bytes per code unit). */
export function putJsonChars(buf: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c) buf[at++] = c;
      else {
        buf[at++] = 0x5c;
        if (c === 0x22 || c === 0x5c) buf[at++] = c;
        else if (SHORT[c] !== undefined) buf[at++] = SHORT[c];
        else at = putUnicodeEscape(buf, at, c);
      }
    } else if (c < 0x800) {
      buf[at++] = 0xc0 | (c >> 6);
      buf[at++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      buf[at++] = 0xe0 | (c >> 12);
      buf[at++] = 0x80 | ((c >> 6) & 0x3f);
      buf[at++] = 0x80 | (c & 0x3f);
    } else {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c < 0xdc00 && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        buf[at++] = 0xf0 | (cp >> 18);
        buf[at++] = 0x80 | ((cp >> 12) & 0x3f);
        buf[at++] = 0x80 | ((cp >> 6) & 0x3f);
        buf[at++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        // A lone surrogate: escaped, as JSON.stringify does (well-formed JSON.stringify).
        buf[at++] = 0x5c;
        at = putUnicodeEscape(buf, at, c);
      }
    }
  }
  return at;
}

/** `uXXXX` (after the backslash), lower-case hex as JSON.stringify writes it. */
function putUnicodeEscape(buf: Uint8Array, at: number, c: number): number {
  buf[at++] = 0x75;
  for (let shift = 12; shift >= 0; shift -= 4) buf[at++] = HEX.charCodeAt((c >> shift) & 0xf);
  return at;
}
