import type { Rule } from '../types';
import { getValidator } from '../validators';
import type { ValidatorDef } from '../validators/types';
import { WordSet } from './wordSet';

/** A rule with everything the hot path needs resolved once. */
export interface CompiledRule {
  rule: Rule;
  /** Position in the enabled rule list: earlier rules win ties. */
  order: number;
  validator?: ValidatorDef;
  /** The rule pattern, unanchored and sticky, with a trailing "no more letters or digits". */
  sticky: RegExp;
  hot: WordSet;
  neg: WordSet;
  /** Whether the value may start with a `+` (a country code grouping like `+2 3 4 4`). */
  plusPrefix: boolean;
}

/**
 * Dispatch tables built once per rule set, so the scanner's cost per candidate does not grow
 * with the number of rules: a candidate only meets the rules whose length (single group) or
 * grouping signature (several groups) it has.
 */
export class RuleIndex {
  readonly byLength: (CompiledRule[] | undefined)[] = [];
  readonly byGrouping = new Map<number, CompiledRule[]>();
  readonly maxLength: number;
  readonly rules: readonly CompiledRule[];
  /**
   * First code units of every rule's hotwords, one byte per UTF-16 code unit (64 KiB, for one read
   * per code unit in FirstScan, which reads most of a dense table): a window without any cannot
   * raise a value.
   */
  readonly hotFirst = new Uint8Array(0x10000);

  constructor(rules: readonly Rule[]) {
    this.rules = rules.map((rule, order) => ({
      rule,
      order,
      validator: rule.validator ? getValidator(rule.validator) : undefined,
      sticky: new RegExp(`(?:${rule.pattern.source.replace(/^\^/, '').replace(/\$$/, '')})(?![0-9A-Za-z])`, 'y'),
      hot: new WordSet(rule.context.hotwords),
      neg: new WordSet(rule.context.negative),
      plusPrefix: rule.groupings.some((g) => g.startsWith('+')),
    }));
    let max = 0;
    for (const cr of this.rules) {
      cr.hot.markFirsts(this.hotFirst);
      max = Math.max(max, cr.rule.maxLength);
      for (let len = cr.rule.minLength; len <= cr.rule.maxLength; len++) (this.byLength[len] ??= []).push(cr);
      for (const g of cr.rule.groupings) {
        const key = groupingKey(g);
        const list = this.byGrouping.get(key) ?? [];
        list.push(cr);
        this.byGrouping.set(key, list);
      }
    }
    this.maxLength = max;
  }
}

/** Most groups a grouping signature may have (a Russian IBAN in fours has 9); keeps the key within 53 bits. */
export const MAX_GROUPS = 10;
/** Longest group a grouping signature may name: 5 bits each. */
export const MAX_GROUP_LENGTH = 31;

/**
 * Encodes a grouping signature as a number (5 bits per group length, a leading 1 or 2 for
 * "no plus"/"plus"), so the scanner can build it while walking groups without allocating.
 */
export function groupingKey(signature: string): number {
  const plus = signature.startsWith('+');
  let key = plus ? 2 : 1;
  for (const part of signature.replace('+', '').split(' ')) key = key * 32 + Number(part);
  return key;
}
