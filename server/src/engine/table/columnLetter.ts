// One helper for tables and workbooks alike. Kept in a file of its own, with no imports, because
// the workbook bundle (dist/xlsx.js, loaded lazily) takes it too and should take nothing else.

/** 0 → A, 25 → Z, 26 → AA (the spreadsheet's own column names). */
export function columnLetter(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}
