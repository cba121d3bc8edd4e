// A workbook redaction's plan (streamRedact.ts), made as the first reading goes: each cell's
// findings are planned once the scan has moved past the cell's row, so memory holds one row's
// findings and the plan, not every finding with its cell (about 600 bytes each, 180 MB for a
// 200,000-row payroll).
import type { Engine } from '../engine/engine';
import { applyEdits, redactionEdits, type TextEdit } from '../engine/redact/edits';
import type { RedactOptions } from '../engine/redact/operators';
import type { CellFinding } from './sheetScan';
import { RawValues } from './stream/rawValues';
import type { StreamedCell } from './stream/sheetRows';

/** What the second reading changes. */
export interface Plan {
  /** Per sheet (tab order): cellKey(row, column) → the cell's new text. */
  cells: Map<number, string>[];
  /** Shared string index → its new text. */
  strings: Map<number, string>;
  raw: RawValues;
  /** A formula was dropped: calcChain.xml would list a cell without one, which Excel reports as damage. */
  dropCalcChain: boolean;
}

/** A number for a cell's place: a sheet has at most 16,384 columns. */
export const cellKey = (row: number, column: number) => row * 16_384 + column;

type Span = { ruleId: string; start: number; end: number; confidence: CellFinding['confidence'] };

export interface PlanOptions {
  redact: RedactOptions;
  /** Of a text's findings, those to replace. */
  select(findings: CellFinding[]): CellFinding[];
  onReplaced?(finding: CellFinding, raw: string): void;
}

/**
 * Takes the first reading's findings (streamWorkbook's onFinding) and makes the plan. A finding
 * comes with its text's cell object (a cell's value, or a text outside it: a cell's formula and
 * its comment are two, with offsets of their own). A text's findings are planned together, once
 * the findings have moved to another row or sheet: a sheet's findings come row by row, and a
 * text's all at once.
 */
export class RedactPlanner {
  readonly plan: Plan = { cells: [], strings: new Map(), raw: new RawValues(), dropCalcChain: false };
  /** Values replaced. */
  replaced = 0;
  /** Cells whose text changed. */
  changed = 0;
  /** The texts of the row being read, with their findings. */
  private row = new Map<StreamedCell, { sheet: number; findings: CellFinding[] }>();
  private rowSheet = NaN;
  private rowNumber = NaN;
  /** Shared string index → its text and the spans of every cell showing it. */
  private readonly shared = new Map<number, { text: string; spans: Span[] }>();

  constructor(
    private readonly ruleOf: Engine['rule'],
    private readonly options: PlanOptions,
  ) {}

  readonly finding = (f: CellFinding, cell: StreamedCell, sheet: number): void => {
    if (sheet !== this.rowSheet || cell.row !== this.rowNumber) {
      this.flush();
      this.rowSheet = sheet;
      this.rowNumber = cell.row;
    }
    const entry = this.row.get(cell);
    if (entry) entry.findings.push(f);
    else this.row.set(cell, { sheet, findings: [f] });
  };

  /** After the first reading: the plan, with an entry for each of the workbook's `sheets`. */
  end(sheets: number): Plan {
    this.flush();
    for (let i = 0; i < sheets; i++) this.plan.cells[i] ??= new Map();
    for (const [index, s] of this.shared) this.plan.strings.set(index, applyEdits(s.text, this.edits(s.text, s.spans)));
    this.shared.clear();
    return this.plan;
  }

  /**
   * Plans the row's texts. Every value replaced goes to RawValues, to be replaced wherever else
   * it is written: a value outside a cell's value (Within: a sheet's name, a formula's text, a
   * comment...) only there; a cell's value in its cell (or its shared string) too.
   */
  private flush(): void {
    for (const [cell, { sheet, findings }] of this.row) {
      const selected = this.options.select(findings);
      if (selected.length === 0) continue;
      const found = spans(selected);
      const edits = this.edits(cell.text, found);
      for (const e of edits) this.plan.raw.add(cell.text.slice(e.start, e.end), e.newText);
      for (const f of selected) this.options.onReplaced?.(f, cell.text.slice(f.start, f.end));
      this.replaced += selected.length;
      if (!findings[0].within) this.cell(cell, sheet, found, edits);
      // A shared string no cell shows: rewritten whole, as one a cell shows (a value may span its runs).
      else if (cell.shared !== undefined) this.sharedString(cell.shared, cell.text, found);
    }
    this.row.clear();
  }

  private cell(cell: StreamedCell, sheet: number, found: Span[], edits: readonly TextEdit[]): void {
    this.changed++;
    if (cell.shared !== undefined) this.sharedString(cell.shared, cell.text, found);
    else {
      (this.plan.cells[sheet] ??= new Map()).set(cellKey(cell.row, cell.column), applyEdits(cell.text, edits));
      if (cell.formula) this.plan.dropCalcChain = true;
    }
  }

  /** Every cell showing this string is replaced the same way: the findings of all of them. */
  private sharedString(index: number, text: string, found: Span[]): void {
    const s = this.shared.get(index);
    if (s) s.spans.push(...found);
    else this.shared.set(index, { text, spans: found });
  }

  private edits(text: string, found: Span[]) {
    return redactionEdits(text, found, this.ruleOf, this.options.redact);
  }
}

/** The findings as the operators take them (a cell finding's `column` is a number, not a header). */
function spans(findings: readonly CellFinding[]): Span[] {
  return findings.map(({ ruleId, start, end, confidence }) => ({ ruleId, start, end, confidence }));
}
