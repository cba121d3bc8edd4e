/**
 * Text that comes from a workbook's own bytes (a part's or a sheet's name, what a parser says of
 * a name it met), made fit for a message: a run of nine digits or more is starred out but for its
 * last two. An odd or crafted workbook could carry an ID or card number there, and no raw value may
 * reach a report or a log; offsets, lines and columns stay readable.
 */
export function fromWorkbook(text: string): string {
  return text.replace(/\d{9,}/g, (run) => `${'*'.repeat(run.length - 2)}${run.slice(-2)}`);
}
