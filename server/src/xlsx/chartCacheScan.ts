// Scans a chart's cached copy of its cells (stream/chartData.ts) as the cells it copies
// (copyScan.ts): each sequence a column, under its series' name for context. What is reported is
// what no cell shows: a row deleted or changed since the chart was last drawn, a source sheet
// deleted, another workbook's cells.
import { cellRef, columnName } from './cells';
import { copyScan, type CopyScanContext } from './copyScan';
import { readChartData } from './stream/chartData';
import type { StreamedCell } from './stream/sheetRows';
import type { ChartPart } from './stream/workbookParts';
import type { ZipParts } from './stream/zipParts';

/** A point as a cell of its sequence's column, with the place reports give it. */
interface ChartCell extends StreamedCell {
  place: string;
  /** The series' name heading its values: a value there is reported where the name is cached. */
  name?: true;
}

/**
 * Reports each finding in the chart's caches that no cell holds (copyScan), placed at the source
 * cell it was copied from (`工资!A7`), or at the source as the chart names it when no cell can be
 * told (a union, a defined name), or for a value typed in the chart at the sheet or chart sheet it
 * is drawn on (chartLabel).
 */
export async function scanChartCache(zip: ZipParts, chart: ChartPart, ctx: CopyScanContext): Promise<void> {
  const { shown } = ctx;
  const label = chartLabel(chart, shown);
  await readChartData(zip, chart.path, (sequence) => {
    const source = sequence.ref === undefined ? undefined : sourceRange(sequence.ref);
    const fallback = sequence.ref === undefined ? label : shown(sequence.ref);
    for (const [level, points] of sequence.levels.entries()) {
      const scan = copyScan<ChartCell>(ctx, label, 'chartCache', (cell) => (cell.name ? undefined : cell.place));
      // The series' name heads the column, as it heads it in the sheet.
      if (sequence.series) scan.row([{ row: 1, column: 1, text: sequence.series, numeric: false, mangled: false, place: fallback, name: true }]);
      for (const p of points) {
        const place = source ? pointRef(source, sequence.levels.length, level, p.index, shown) : fallback;
        scan.row([{ row: p.index + 2, column: 1, text: p.text, numeric: p.numeric, mangled: p.mangled, place }]);
      }
      scan.end();
    }
  });
}

/** Where a chart is, as reports name it: the sheet or chart sheet it is drawn on, else its part (`chart1`). */
export function chartLabel(chart: ChartPart, shown: (name: string) => string): string {
  return chart.sheet !== undefined ? shown(chart.sheet) : chart.path.slice(chart.path.lastIndexOf('/') + 1).replace(/\.xml$/i, '');
}

interface SourceRange {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** `工资!$B$2:$B$9`, `'My Sheet'!$A$2`, `[1]明细!$C$2:$C$5` → its sheet and corners; undefined for anything else. */
export function sourceRange(ref: string): SourceRange | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^'!(),]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const left = columnNumber(m[3]);
  const top = Number(m[4]);
  const right = m[5] ? columnNumber(m[5]) : left;
  const bottom = m[6] ? Number(m[6]) : top;
  return { sheet, top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

/**
 * The source cell of a sequence's point: down a column (or across a row) from the range's first
 * cell; with several levels (multi-level categories, the innermost first), a level per column
 * from the right (or per row from the bottom).
 */
function pointRef(r: SourceRange, levels: number, level: number, index: number, shown: (name: string) => string): string {
  const down = r.bottom - r.top >= r.right - r.left;
  const column = down ? (levels > 1 ? r.right - level : r.left) : r.left + index;
  const row = down ? r.top + index : levels > 1 ? r.bottom - level : r.top;
  return cellRef(shown(r.sheet), `${columnName(column)}${row}`);
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}
