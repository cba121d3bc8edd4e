import type { Lang, Localized } from '../types';
import { LocalizedError } from '../../l10n/localizedError';

/** A problem in a rule file, located precisely enough for a user to fix it, in either language (problems.ts). */
export class RuleFileError extends LocalizedError {
  private readonly said: Localized;

  constructor(
    readonly file: string,
    /** 1-based; 0 when unknown. */
    readonly line: number,
    readonly column: number,
    /** Dotted path of the offending field, e.g. `rules[0].severity`. */
    readonly field: string,
    problem: Localized,
  ) {
    super((lang) => `${location(file, line, column)}: ${detail(field, problem[lang])}`);
    this.name = 'RuleFileError';
    this.said = problem;
  }

  /** The problem alone, in English. */
  get problem(): string {
    return this.said.en;
  }

  /** `file:line:col` (`file` alone when the position is unknown), the file as `shown` (e.g. relative). */
  location(shown = this.file): string {
    return location(shown, this.line, this.column);
  }

  /** `field: problem`, or the problem alone: the message without the file (editors put it on the file). */
  detail(lang: Lang = 'en'): string {
    return detail(this.field, this.said[lang]);
  }
}

function location(file: string, line: number, column: number): string {
  return line ? `${file}:${line}:${column}` : file;
}

function detail(field: string, problem: string): string {
  return field ? `${field}: ${problem}` : problem;
}
