/** A localized string: every user-facing text exists in English and Simplified Chinese. */
export interface Localized {
  en: string;
  'zh-CN': string;
}

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
   * How much a pass tells: `checksum` = a check digit/character was verified;
   * `structure` = only format facts (dates, ranges, prefixes) were checked.
   */
  readonly strength: 'checksum' | 'structure';
  /** What a pass means, for hovers and rule docs. */
  readonly description: Localized;
  validate(value: string, start: number, end: number): boolean;
}
