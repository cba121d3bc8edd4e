/**
 * Mainland China mobile numbers: 11 digits `1[3-9]X XXXX XXXX`, the first 3 digits a segment
 * (号段) that MIIT (工业和信息化部) has allocated to a public mobile network, per its
 * 《电信网编号计划（2017年版）》 and later segment allocations (e.g. 162/165/167 to MVNOs,
 * 190/192/193/195/196/197 in 2019).
 *
 * Segments accepted (structure only: there is no check digit):
 *   130-139
 *   145 146 147 148 149        (140-144 are IoT / data-only, 13-digit numbers)
 *   150-153, 155-159           (154 unallocated)
 *   162 165 166 167
 *   170-178                    (170/171 MVNO, 174 satellite/emergency)
 *   180-189
 *   190 191 192 193 195 196 197 198 199
 *
 * The number may carry the country code: `86` + 11 digits or `0086` + 11 digits (the scanner
 * drops a leading `+`).
 */

/** The allocated segments accepted, ascending. */
export const CN_MOBILE_SEGMENTS: readonly number[] = Object.freeze([
  130, 131, 132, 133, 134, 135, 136, 137, 138, 139,
  145, 146, 147, 148, 149,
  150, 151, 152, 153, 155, 156, 157, 158, 159,
  162, 165, 166, 167,
  170, 171, 172, 173, 174, 175, 176, 177, 178,
  180, 181, 182, 183, 184, 185, 186, 187, 188, 189,
  190, 191, 192, 193, 195, 196, 197, 198, 199,
]);

// Index = segment - 130; 1 = allocated.
const SEGMENTS = new Uint8Array(70);
for (const s of CN_MOBILE_SEGMENTS) SEGMENTS[s - 130] = 1;

/** Whether `digits` is an allocated-segment mobile number, optionally with `86`/`0086`. Never throws. */
export function validCnMobile(digits: string, start = 0, end = digits.length): boolean {
  let at: number;
  switch (end - start) {
    case 11:
      at = start;
      break;
    case 13:
      if (digits.charCodeAt(start + 0) !== 56 /* 8 */ || digits.charCodeAt(start + 1) !== 54 /* 6 */) return false;
      at = start + 2;
      break;
    case 15:
      if (
        digits.charCodeAt(start + 0) !== 48 ||
        digits.charCodeAt(start + 1) !== 48 ||
        digits.charCodeAt(start + 2) !== 56 ||
        digits.charCodeAt(start + 3) !== 54
      ) {
        return false;
      }
      at = start + 4;
      break;
    default:
      return false;
  }
  let seg = 0;
  for (let i = at; i < end; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (i < at + 3) seg = seg * 10 + d;
  }
  return seg >= 130 && seg < 200 && SEGMENTS[seg - 130] === 1;
}
