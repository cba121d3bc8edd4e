// Loads the workbook code (zip and XML reading and writing, about 280 KB) on first use, so that the CLI, the language
// server and the scan workers start as fast as before and only a scan that meets an .xlsx pays.
import { join } from 'node:path';
import type * as Xlsx from './index';

export type XlsxModule = typeof Xlsx;

let loaded: XlsxModule | undefined;

/**
 * The bundles (dist/cli.js, dist/server.js, dist/scanWorker.js) load dist/xlsx.js beside them;
 * under tsx (tests run the sources) this file is a .ts and loads ./index.ts. The path is computed
 * at run time so that esbuild leaves the require alone and does not pull the workbook code
 * into the bundle that imports this loader.
 */
export function loadXlsx(): XlsxModule {
  if (loaded) return loaded;
  const file = __filename.endsWith('.ts') ? join(__dirname, 'index.ts') : join(__dirname, 'xlsx.js');
  loaded = require(file) as XlsxModule;
  return loaded;
}

/** Whether a path names a workbook the scanner reads (`~$…` lock files Excel leaves beside an open workbook are not workbooks). */
export function isWorkbookPath(path: string): boolean {
  if (!/\.xlsx$/i.test(path)) return false;
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return !path.startsWith('~$', slash + 1);
}

/**
 * The extension of a spreadsheet in a format the scanner does not read (`.xls`, Excel 97–2003 and
 * what many accounting packages still export; `.et`, WPS's; `.xlsm` with its macros; `.xlsb`;
 * `.ods`), or undefined. Such a
 * file is binary and skipped, which must be said: a payroll sheet left out unannounced reads as clean.
 * (An ".xls" that is really text, HTML or tab-separated, as some exports are, is scanned as text.)
 */
export function unreadSpreadsheetFormat(path: string): string | undefined {
  return /\.(xls|xlsm|xlsb|et|ods)$/i.exec(path)?.[0].toLowerCase();
}
