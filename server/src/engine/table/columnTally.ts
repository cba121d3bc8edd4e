import type { Engine } from '../engine';
import { columnLetter } from './columnLetter';
import type { TableHeader } from './dialect';

/** What was found in one column of a table: the column summary editors and reports show. */
export interface ColumnSummary {
  /** 0-based column index. */
  index: number;
  /** Spreadsheet letter: A, B, … Z, AA… */
  letter: string;
  header?: string;
  /** Where the column's first-row cell starts on the first line (0-based UTF-16). */
  character: number;
  /** Findings per rule id, in rule order. */
  counts: Record<string, number>;
  /**
   * Values Excel damaged, when the header names an ID or card: the whole column needs
   * re-exporting, which is said once for the column as well as per cell.
   */
  excelMangled?: number;
}

const MANGLED = 'excel-mangled';

/** Counts findings per column and rule as a scan reports them (numbers only, no per-finding objects). */
export class ColumnTally {
  private readonly counts: Float64Array[] = [];

  constructor(private readonly engine: Engine) {}

  /** Counts one finding of rule `ruleIndex` in `column` (-1, outside a table: not counted). */
  add(column: number, ruleIndex: number): void {
    if (column < 0) return;
    let c = this.counts[column];
    if (!c) c = this.counts[column] = new Float64Array(this.engine.rules.length);
    c[ruleIndex]++;
  }

  /** The counts by column, then by rule (as they travel between threads: see `merge`). */
  columns(): readonly (Float64Array | undefined)[] {
    return this.counts;
  }

  /** Adds another tally's `columns()` (a part of the same file scanned in another thread). */
  merge(columns: readonly (Float64Array | null | undefined)[]): void {
    columns.forEach((counts, column) => {
      if (!counts) return;
      let c = this.counts[column];
      if (!c) c = this.counts[column] = new Float64Array(this.engine.rules.length);
      for (let r = 0; r < counts.length; r++) c[r] += counts[r];
    });
  }

  /** The columns with findings, left to right. */
  summaries(table: Pick<TableHeader, 'names' | 'starts'>): ColumnSummary[] {
    const rules = this.engine.rules;
    const mangled = rules.findIndex((r) => r.id === MANGLED);
    const out: ColumnSummary[] = [];
    this.counts.forEach((c, index) => {
      if (!c) return;
      const counts: Record<string, number> = {};
      c.forEach((n, r) => {
        if (n > 0) counts[rules[r].id] = n;
      });
      const header = table.names?.[index] || undefined;
      const summary: ColumnSummary = { index, letter: columnLetter(index), ...(header ? { header } : {}), character: table.starts[index] ?? 0, counts };
      if (mangled >= 0 && c[mangled] > 0 && header && this.engine.headerNamesRule(header, mangled)) summary.excelMangled = c[mangled];
      out.push(summary);
    });
    return out;
  }
}
