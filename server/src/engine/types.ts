import type { Localized } from './validators/types';

export type { Localized };
export type Lang = 'en' | 'zh-CN';
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Confidence = 'low' | 'medium' | 'high';
export type Category = 'id-number' | 'bank-account' | 'tax-id' | 'contact';
/** What kind of text a scan sees: it decides structure parsing and comment syntax. */
export type FileKind = 'csv' | 'tsv' | 'code' | 'plain';

/** How a value is masked: keep a prefix and suffix, hide the rest, keep separators. */
export interface MaskPolicy {
  keepStart: number;
  keepEnd: number;
  char: string;
  /** A leading part kept as written (e.g. `+86 `) before keepStart counts. */
  keepPrefix?: RegExp;
}

/** A rule after loading and validation: plain data plus its compiled pattern. */
export interface Rule {
  id: string;
  name: Localized;
  /** Short type name used in redaction placeholders, e.g. `身份证号` / `ID NUMBER`. */
  placeholder: Localized;
  /**
   * Short upper-case type prefix of pseudonymization tokens, e.g. `ID` in `ID_7Q3KX9M2TZ4P`
   * (rule file field `token`; default: the rule id in upper case without dashes).
   */
  token: string;
  description: Localized;
  category: Category;
  severity: Severity;
  standard: string;
  /** Anchored pattern tested on the normalized candidate (ASCII, upper-case, no separators). */
  pattern: RegExp;
  /** Allowed lengths of the normalized value (digits and letters only). */
  minLength: number;
  maxLength: number;
  /** Whether letters may appear anywhere in the value. */
  letters: boolean;
  /** Digits only, except that the last character may be an X check character. */
  trailingX: boolean;
  /** Group-length signatures accepted when the value is split by spaces or dashes, e.g. `4 4 4 4 3`. */
  groupings: string[];
  /** Name of the built-in validator, or undefined for shape-only rules. */
  validator?: string;
  context: { hotwords: string[]; negative: string[] };
  /** Context-only rule: reported only with a hotword nearby or a header naming the type. */
  contextRequired: boolean;
  mask: MaskPolicy;
  examples: { valid: string[]; invalid: string[] };
  /** Where the rule was loaded from (for error messages and docs). */
  source: string;
}

export interface Finding {
  ruleId: string;
  /** UTF-16 offsets into the scanned text; `end` is exclusive. */
  start: number;
  end: number;
  confidence: Confidence;
  /** The CSV/TSV column header the value sits under. */
  column?: string;
}

/** Why a finding was reported (Engine.explain), for hovers and reports. */
export type Reason =
  | { kind: 'checksum'; validator: string }
  | { kind: 'structure'; validator: string }
  | { kind: 'hotword'; word: string }
  | { kind: 'header'; header: string }
  | { kind: 'negativeHeader'; header: string }
  | { kind: 'negative'; word: string };
