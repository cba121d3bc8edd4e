/**
 * United States taxpayer identification numbers. All three are 9 digits with no check digit,
 * so only their structure can be checked.
 *
 *   SSN   Social Security Number, AAA-GG-SSSS (Social Security Administration). Never issued:
 *         area 000, 666 or 900-999, group 00, serial 0000 (SSA, "Social Security Number
 *         Randomization", 2011). Also rejected: numbers SSA voided after they appeared in
 *         advertising (078-05-1120 from a 1938 wallet insert, 219-09-9999 from an SSA pamphlet,
 *         and the others listed by stdnum-js `us/ssn`), and placeholders of one repeated digit.
 *
 *   ITIN  Individual Taxpayer Identification Number, 9XX-GG-XXXX (IRS): starts with 9 and the
 *         group (4th-5th digits) is 50-65, 70-88, 90-92 or 94-99 (IRS, "Individual Taxpayer
 *         Identification Number"; 50-65 added in 2011). 93 is the ATIN (adoption) group.
 *
 *   EIN   Employer Identification Number, PP-NNNNNNN (IRS): the 2-digit prefix belongs to the IRS
 *         campus or channel that assigned it (IRS, "How EINs are assigned and valid EIN
 *         prefixes"). Never assigned: 00, 07-09, 17-19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97.
 */
import { readInt } from './digits';


/** SSNs voided by SSA after publication in advertising (stdnum-js us/ssn, commit 7238bba). */
const VOID_SSNS: ReadonlySet<number> = new Set([
  2281852, 42103580, 62360749, 78051120, 95073645, 128036045, 135016629, 141186941, 165167999, 165187999, 165207999,
  165227999, 165247999, 189092294, 212097694, 212099999, 219099999, 306302348, 308125070, 457555462, 468288779,
  549241889,
]);

/**
 * Whether `v[start, end)` is a structurally valid SSN: 9 digits, area not 000/666/9xx, group not
 * 00, serial not 0000, not a voided or placeholder number. Never throws.
 */
export function validSsn(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 9) return false;
  const n = readInt(v, start, 9);
  if (n < 0) return false;
  const area = Math.floor(n / 1_000_000);
  const group = Math.floor(n / 10_000) % 100;
  const serial = n % 10_000;
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  if (n % 111_111_111 === 0) return false; // 111-11-1111 … 888-88-8888
  return !VOID_SSNS.has(n);
}

/**
 * Whether `v[start, end)` is a structurally valid ITIN: 9 digits, starting with 9, group 50-65,
 * 70-88, 90-92 or 94-99. Never throws.
 */
export function validItin(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 9 || v.charCodeAt(start) !== 57) return false;
  if (readInt(v, start, 9) < 0) return false;
  const group = readInt(v, start + 3, 2);
  return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94;
}

/** Valid EIN prefixes, one bit each (IRS campus assignments). */
const EIN_PREFIXES = (() => {
  const bits = new Uint8Array(100);
  const ranges = [
    // Brookhaven
    [1, 6], [11, 11], [13, 14], [16, 16], [21, 23], [25, 25], [34, 34], [51, 52], [54, 59], [65, 65],
    // Andover; Fresno; Internet; Cincinnati; Small Business Administration
    [10, 10], [12, 12], [15, 15], [24, 24], [20, 20], [26, 27], [45, 47], [81, 84], [30, 30], [32, 32], [35, 38], [61, 61], [31, 31],
    // Philadelphia
    [33, 33], [39, 39], [41, 43], [48, 48], [62, 64], [66, 66], [68, 68], [71, 77], [85, 88], [91, 93], [98, 99],
    // Kansas City; Austin; Atlanta; Ogden; Memphis
    [40, 40], [44, 44], [50, 50], [53, 53], [60, 60], [67, 67], [80, 80], [90, 90], [94, 95],
  ];
  for (const [lo, hi] of ranges) for (let p = lo; p <= hi; p++) bits[p] = 1;
  return bits;
})();

/**
 * Whether `v[start, end)` is a structurally valid EIN: 9 digits with an assigned 2-digit
 * prefix. Never throws.
 */
export function validEin(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 9 || readInt(v, start, 9) < 0) return false;
  return EIN_PREFIXES[readInt(v, start, 2)] === 1;
}

/** The assigned EIN prefixes, ascending (for generators and docs). */
export function einPrefixes(): number[] {
  const out: number[] = [];
  for (let p = 0; p < 100; p++) if (EIN_PREFIXES[p] === 1) out.push(p);
  return out;
}
