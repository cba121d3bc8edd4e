// What a redaction reports when exceljs reads a workbook differently from the scan (see
// sameReading.ts). Pure, so the CLI and the language server can name it without loading exceljs.

export interface Misreading {
  /** Cells with text or a number, as the streaming reader reads the workbook. */
  cells: number;
  /** The same, as exceljs read it. */
  read: number;
}

/** The error a redaction throws for such a workbook: it carries both counts. */
export function misreadError(misreading: Misreading): Error {
  return Object.assign(new Error(`the workbook cannot be rewritten faithfully (${misreading.read} cells read, not ${misreading.cells})`), { misreading });
}

/** The counts an error carries, if it is misreadError's (checked by shape: the error comes from another bundle). */
export function misreadingOf(e: unknown): Misreading | undefined {
  return (e as { misreading?: Misreading } | undefined)?.misreading;
}
