// Writes a masked copy of a workbook beside it: NAME.redacted.xlsx. The original is only read.
import { readFile, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Engine } from '../engine/engine';
import { applyEdits, redactionEdits } from '../engine/redact/edits';
import type { RedactOptions } from '../engine/redact/operators';
import type { Confidence } from '../engine/types';
import { atomicWriteFileSync } from '../cli/atomicWrite';
import { redactedPath as redactedCopyPath } from '../cli/redactedPath';
import { readForRedaction } from './sameReading';
import { cellKey, findingsByCell, type CellFinding } from './scanWorkbook';

export interface RedactResult {
  /** Absolute path of the copy written. */
  output: string;
  findings: CellFinding[];
  /** Cells changed. */
  cells: number;
  sheets: number;
}

/** `payroll.xlsx` → `payroll.redacted.xlsx`, in the same folder. */
export function redactedPath(path: string): string {
  return redactedCopyPath(path, '.xlsx');
}

/**
 * Masks every finding (the rule's mask policy, as `Mask all` does in the editor) and writes the
 * copy to `output` (default `redactedPath(path)`), replacing an older copy there; the original is
 * never written. Other cells, sheets, styles, merged ranges and column widths come through
 * exceljs unchanged. A masked number becomes the masked text (a string cell); a masked formula
 * cell becomes its masked value, since its cached result held the raw value.
 */
export async function redactWorkbookFile(path: string, engine: Engine, options: { minConfidence: Confidence; output?: string }): Promise<RedactResult> {
  const source = resolve(path);
  const output = resolve(options.output ?? redactedPath(source));
  if (output === source || (await sameFile(output, source))) throw new Error(`refusing to overwrite the original workbook ${source}`);
  const { workbook, sheets, findings } = await readForRedaction(await readFile(source), engine, options.minConfidence);
  const cells = maskCells(workbook, sheets, findings, engine);
  const bytes = await workbook.xlsx.writeBuffer();
  // Atomic: never a half-written copy.
  atomicWriteFileSync(output, new Uint8Array(bytes as ArrayBuffer));
  return { output, findings, cells, sheets: sheets.length };
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false; // the copy does not exist yet
  }
}

/**
 * Replaces each cell that has findings by its masked text (or, with `options`, the text another
 * operator gives: `sdguard redact --mode …`); returns the number of cells changed.
 */
export function maskCells(
  workbook: ExcelJS.Workbook,
  sheets: readonly { id: number; name: string; cells: readonly { row: number; column: number; text: string }[] }[],
  findings: readonly CellFinding[],
  engine: Engine,
  options: RedactOptions = { operator: 'mask', lang: 'en' },
): number {
  const byCell = findingsByCell(findings);
  let changed = 0;
  for (const sheet of sheets) {
    const ws = workbook.getWorksheet(sheet.id);
    if (!ws) continue;
    for (const c of sheet.cells) {
      const list = byCell.get(cellKey(sheet.name, c.row, c.column));
      if (!list) continue;
      const edits = redactionEdits(c.text, list.map(({ ruleId, start, end, confidence }) => ({ ruleId, start, end, confidence })), (id) => engine.rule(id), options);
      const masked = applyEdits(c.text, edits);
      const raws = edits.map((e) => c.text.slice(e.start, e.end));
      setMasked(ws.getCell(c.row, c.column), c.text, masked, raws);
      changed++;
    }
  }
  return changed;
}

/**
 * Puts the masked text in the cell, keeping its kind where that is safe: rich text keeps its
 * runs (masking keeps the length, so each run keeps its span), a hyperlink keeps its target with
 * the raw values in it masked too; numbers and formulas become plain text.
 */
function setMasked(cell: ExcelJS.Cell, text: string, masked: string, raws: string[]): void {
  const value = cell.value;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    if ('richText' in value) {
      cell.value = { richText: splitRuns(value.richText, text, masked) };
      return;
    }
    if ('hyperlink' in value) {
      let target = value.hyperlink ?? '';
      for (const raw of raws) target = target.split(raw).join(maskLike(raw));
      const shown = value.text as unknown;
      const runs = typeof shown === 'object' && shown && 'richText' in shown ? (shown as { richText: ExcelJS.RichText[] }).richText : undefined;
      cell.value = { ...value, text: (runs ? { richText: splitRuns(runs, text, masked) } : masked) as string, hyperlink: target };
      return;
    }
  }
  cell.value = masked;
}

function splitRuns(runs: ExcelJS.RichText[], text: string, masked: string): ExcelJS.RichText[] {
  if (masked.length !== text.length) return [{ ...runs[0], text: masked }];
  let at = 0;
  return runs.map((r) => {
    const part = masked.slice(at, at + (r.text ?? '').length);
    at += (r.text ?? '').length;
    return { ...r, text: part };
  });
}

/** A value met again outside the cell's text (a hyperlink target): every digit and letter hidden. */
function maskLike(raw: string): string {
  return raw.replace(/[\p{L}\p{N}]/gu, '*');
}
