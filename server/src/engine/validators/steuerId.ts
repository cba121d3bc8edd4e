/**
 * German tax identification number (Steuerliche Identifikationsnummer, IdNr), § 139b
 * Abgabenordnung, assigned by the Bundeszentralamt für Steuern (BZSt) since 2008: 11 digits,
 * written `36 574 261 809`, encoding no personal data.
 *
 * Format rules from section 2.2 of the ELSTER document "Prüfung der Steuer- und
 * Steueridentifikationsnummer" (Bayerisches Landesamt für Steuern):
 *   - the first digit is not 0 (numbers starting with 0 are test numbers, never assigned);
 *   - in the first 10 digits exactly one digit occurs more than once, twice or three times
 *     (three times since 2016), every other digit at most once;
 *   - a digit that occurs three times never fills three directly consecutive positions;
 *   - the 11th digit is an ISO 7064 MOD 11,10 check digit (hybrid system with moduli 11 and 10).
 */

import { mod11_10Valid } from './iso7064';

// Per-call digit counts; scans never run concurrently, so one scratch array is safe.
const counts = new Uint8Array(10);

/**
 * Whether the first 10 digits of `v` from `start` follow the IdNr repetition rule: exactly one
 * digit occurs 2 or 3 times, the others at most once, and no digit 3 times in a row.
 */
function repetitionOk(v: string, start: number): boolean {
  counts.fill(0);
  let run = 1;
  for (let i = 0; i < 10; i++) {
    const d = v.charCodeAt(start + i) - 48;
    if (d < 0 || d > 9) return false;
    counts[d]++;
    if (i > 0) {
      run = d === v.charCodeAt(start + i - 1) - 48 ? run + 1 : 1;
      if (run >= 3) return false;
    }
  }
  let repeated = 0;
  for (let d = 0; d < 10; d++) {
    if (counts[d] > 3) return false;
    if (counts[d] > 1) repeated++;
  }
  return repeated === 1;
}

/**
 * Whether `v[start, end)` is a valid German tax ID: 11 ASCII digits, first not 0, the
 * repetition rule, and the MOD 11,10 check digit. Never throws.
 */
export function validSteuerId(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 11 || v.charCodeAt(start) === 48) return false;
  return repetitionOk(v, start) && mod11_10Valid(v, start, end);
}
