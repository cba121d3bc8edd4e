/** A localized string: every user-facing text exists in English and Simplified Chinese. */
export interface Localized {
  en: string;
  'zh-CN': string;
}

/**
 * A validator's verdict, which the scanner turns into the base confidence of a finding:
 * - 0 `INVALID`: not this identifier;
 * - 1 `WEAK`: plausible but unproven (e.g. a UnionPay number failing Luhn, which exists):
 *   low confidence, so reported only with a hotword or header nearby;
 * - 2 `STRUCTURE`: format facts hold (dates, ranges, prefixes) but there is no check digit: medium;
 * - 3 `CHECKSUM`: check digit(s) verified: high.
 */
export type Verdict = 0 | 1 | 2 | 3;
export const INVALID = 0;
export const WEAK = 1;
export const STRUCTURE = 2;
export const CHECKSUM = 3;

/**
 * A built-in validator that rule files name. It checks `value[start, end)`, which holds the
 * normalized value: ASCII digits and upper-case letters only, no separators (for example
 * `11010519491231002X`). The scanner passes the scanned text itself with offsets when the value
 * is already in that form, so validators must not allocate and never throw.
 */
export interface ValidatorDef {
  /** The name rule files use, e.g. `luhn`, `cn-resident-id`. */
  readonly name: string;
  /**
   * The best a pass can tell: `checksum` = a check digit/character is verified (verdict
   * CHECKSUM); `structure` = only format facts (dates, ranges, prefixes) are checked (STRUCTURE).
   */
  readonly strength: 'checksum' | 'structure';
  /** What a pass means, for hovers and rule docs. */
  readonly description: Localized;
  validate(value: string, start: number, end: number): Verdict;
}
