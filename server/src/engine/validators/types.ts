/** A localized string: every user-facing text exists in English and Simplified Chinese. */
export interface Localized {
  en: string;
  'zh-CN': string;
}

/**
 * A built-in validator that rule files name. It receives the normalized value:
 * ASCII only, upper-case, separators removed (for example `11010519491231002X`).
 * Validators never throw and never allocate on the fast path where avoidable.
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
  validate(value: string): boolean;
}
