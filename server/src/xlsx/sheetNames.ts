// A sheet's name can hold a value: a payroll workbook with a sheet per employee, named by their
// ID or phone. Reports name sheets (`Sheet1!C5`, damage, errors), so every name is shown with its
// values masked; the values are findings of their own, and a redaction renames the sheet.
import type { Engine } from '../engine/engine';
import type { Confidence, Finding } from '../engine/types';
import { CONFIDENCE_RANK } from '../engine/scan/context';

export interface SheetName {
  /** The name as reports may show it: every value in it masked, whatever its confidence. */
  shown: string;
  /** The values in it at the scan's confidence (offsets in the name itself). */
  findings: Finding[];
}

/** Excel's longest sheet name. */
export const SHEET_NAME_LIMIT = 31;

export function readSheetName(name: string, engine: Engine, minConfidence: Confidence): SheetName {
  const { shown, findings } = engine.maskValuesIn(name);
  const min = CONFIDENCE_RANK[minConfidence];
  return { shown, findings: findings.filter((f) => CONFIDENCE_RANK[f.confidence] >= min) };
}

/** Characters Excel refuses in a sheet name, and the full-width forms that stand in for them. */
const REFUSED: Record<string, string> = { '*': '＊', '?': '？', ':': '：', '/': '／', '\\': '＼', '[': '［', ']': '］' };

/**
 * A replacement as it may stand in a sheet name: a mask's `*` and a placeholder's brackets are
 * characters Excel refuses there (it reports the workbook as damaged), so they become their
 * full-width forms, which read the same.
 */
export function sheetSafe(replacement: string): string {
  return replacement.replace(/[*?:/\\[\]]/g, (c) => REFUSED[c]);
}
