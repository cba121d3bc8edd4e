/**
 * Singapore NRIC and FIN numbers (Immigration & Checkpoints Authority): `S1234567D`, a series
 * letter, 7 digits and a check letter.
 *
 *   S  citizens and permanent residents born before 2000     T  born in 2000 or later
 *   F  foreigners issued a FIN before 2000                   G  from 2000 to 2021
 *   M  foreigners issued a FIN from 2022
 *
 * Check letter: s = Σ d_i · w_i with weights 2,7,6,5,4,3,2, plus a start constant (0 for S and F,
 * 4 for T and G, 3 for M), r = s mod 11; the letter is JZIHGFEDCBA[r] for S/T, XWUTRQPNMLK[r] for
 * F/G and XWUTRQPNJLK[r] for M (the M table is KLJNPQRTUWX read from index 10 - r). The S/T/F/G
 * rule is the long-published one; the M rule is the one the Singapore Government's FormSG
 * validates (opengovsg/FormSG `shared/utils/nric-validation.ts`, isMFinSeriesValid).
 */

const ST = 'JZIHGFEDCBA';
const FG = 'XWUTRQPNMLK';
const M = 'XWUTRQPNJLK';
const WEIGHTS = [2, 7, 6, 5, 4, 3, 2];

const S_SERIES = [ST, 0] as const;
const T_SERIES = [ST, 4] as const;
const F_SERIES = [FG, 0] as const;
const G_SERIES = [FG, 4] as const;
const M_SERIES = [M, 3] as const;

/** The check letter table and start constant for a series letter (S, T, F, G, M), or undefined. */
function seriesOf(c: number): readonly [string, number] | undefined {
  switch (c) {
    case 83:
      return S_SERIES;
    case 84:
      return T_SERIES;
    case 70:
      return F_SERIES;
    case 71:
      return G_SERIES;
    case 77:
      return M_SERIES;
    default:
      return undefined;
  }
}

/** The check letter's char code for a series and the 7 characters at `at`; -1 for a non-digit. */
function checkLetterCode(series: readonly [string, number], v: string, at: number): number {
  let sum = series[1];
  for (let i = 0; i < 7; i++) {
    const d = v.charCodeAt(at + i) - 48;
    if (d < 0 || d > 9) return -1;
    sum += d * WEIGHTS[i];
  }
  return series[0].charCodeAt(sum % 11);
}

/**
 * Whether `v[start, end)` is a valid NRIC/FIN: series S, T, F, G or M, 7 digits, and the right
 * check letter. Never throws.
 */
export function validNric(v: string, start = 0, end = v.length): boolean {
  if (end - start !== 9) return false;
  const s = seriesOf(v.charCodeAt(start));
  return s !== undefined && v.charCodeAt(start + 8) === checkLetterCode(s, v, start + 1);
}

/**
 * The check letter for a series letter and 7 digits.
 * @throws RangeError for another series letter or digits.
 */
export function nricCheckLetter(prefix: string, digits7: string): string {
  const s = prefix.length === 1 ? seriesOf(prefix.charCodeAt(0)) : undefined;
  const code = s !== undefined && digits7.length === 7 ? checkLetterCode(s, digits7, 0) : -1;
  if (code < 0) throw new RangeError('nricCheckLetter: expected S, T, F, G or M and 7 digits');
  return String.fromCharCode(code);
}
