/** A localized string: every user-facing text exists in English and Simplified Chinese. */
export interface Localized {
  en: string;
  'zh-CN': string;
}

/**
 * A validator's verdict: 0 not valid; 1 valid in structure only (dates, ranges, prefixes, or a
 * check digit that may legitimately fail, as on some UnionPay cards); 2 check digit(s) verified.
 * The scanner turns it into the base confidence: low (never reported alone), medium, high.
 */
export type Verdict = 0 | 1 | 2;

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
   * The best a pass can tell: `checksum` = a check digit/character is verified (verdict 2);
   * `structure` = only format facts (dates, ranges, prefixes) are checked (verdict 1).
   */
  readonly strength: 'checksum' | 'structure';
  /** What a pass means, for hovers and rule docs. */
  readonly description: Localized;
  validate(value: string, start: number, end: number): Verdict;
}
