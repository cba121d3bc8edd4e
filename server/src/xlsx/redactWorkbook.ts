// Writes a masked copy of a workbook beside it: NAME.redacted.xlsx. The original is only read.
import { readFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Engine } from '../engine/engine';
import { nonOverlapping } from '../engine/redact/operators';
import type { Confidence } from '../engine/types';
import { atomicWriteFileSync } from '../cli/atomicWrite';
import { redactedPath as redactedCopyPath } from '../cli/redactedPath';
import { refusalError } from './refusal';
import { redactWorkbookStream } from './streamRedact';

export interface RedactResult {
  /** Absolute path of the copy written. */
  output: string;
  /** Values masked. */
  findings: number;
  /** Of them, those outside cells' values (Within: a comment, a link...). */
  elsewhere: number;
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
 * never written. Other cells, sheets, styles, merged ranges and column widths are kept (see
 * streamRedact.ts). A masked number becomes the masked text (a string cell); a masked formula
 * cell becomes its masked value, since its cached result held the raw value.
 */
export async function redactWorkbookFile(path: string, engine: Engine, options: { minConfidence: Confidence; output?: string }): Promise<RedactResult> {
  const source = resolve(path);
  const output = resolve(options.output ?? redactedPath(source));
  if (output === source || (await sameFile(output, source))) throw new Error(`refusing to overwrite the original workbook ${source}`);
  let elsewhere = 0;
  const r = await redactWorkbookStream(source, engine, {
    minConfidence: options.minConfidence,
    redact: { operator: 'mask', lang: 'en' },
    select: (list) => nonOverlapping(list),
    onReplaced: (f) => {
      if (f.within) elsewhere++;
    },
  });
  if (r.residual?.length) throw refusalError({ reason: 'residual', where: r.residual[0].ref, count: r.residual.length });
  // Atomic: never a half-written copy. A workbook with nothing to mask is copied as it is.
  atomicWriteFileSync(output, r.bytes ?? readFileSync(source));
  return { output, findings: r.replaced, elsewhere, cells: r.cells, sheets: r.sheets };
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false; // the copy does not exist yet
  }
}
