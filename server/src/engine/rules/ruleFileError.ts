/** A problem in a rule file, located precisely enough for a user to fix it. */
export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    /** 1-based; 0 when unknown. */
    readonly line: number,
    readonly column: number,
    /** Dotted path of the offending field, e.g. `rules[0].severity`. */
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}${line ? `:${line}:${column}` : ''}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'RuleFileError';
  }
}
