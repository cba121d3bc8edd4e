// Run with: npx tsx scripts/make-sample-workbook.ts
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
// Builds examples/payroll.xlsx from examples/payroll.csv (synthetic values with valid check digits),
// with one ID stored as a number, as Excel does when the column is not formatted as Text.
const rows = readFileSync('examples/payroll.csv', 'utf8').trim().split('\n').map((l) => l.split(','));
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('工资表');
rows.forEach((r, i) => ws.addRow(i === 3 ? r.map((c, j) => (j === rows[0].indexOf('身份证号') ? Number(c) : c)) : r));
ws.columns.forEach((c) => (c.width = 22));
void wb.xlsx.writeFile('examples/payroll.xlsx');
