// A chart's cached copy of the cells it draws (`xl/charts/chart1.xml`; `chartEx1.xml` for the
// kinds Excel 2016 added): each series' name, categories and values as the cells held them when
// last drawn, so that the chart can be drawn without them. The copy stays when the cells are
// deleted or changed, or when they are another workbook's: a chart of pay by employee ID keeps
// the IDs in a file whose sheet no longer shows them.
import { renderNumber } from '../cells';
import { parseXml } from './xml';
import type { ZipParts } from './zipParts';

/** A value of a cached sequence, as its cell showed it. */
export interface ChartPoint {
  /** Its index in the sequence (`<c:pt idx="3">`): its place in the source range. */
  index: number;
  text: string;
  /** Cached as a number (numCache, numLit, numDim). */
  numeric: boolean;
  /** A number of 16 or more digits: Excel kept 15 of them (see WorkbookCell.mangled). */
  mangled: boolean;
}

/** One cached sequence: a series' name, its categories, its values, its data labels' cells. */
export interface ChartSequence {
  /** The formula naming its source (`工资!$B$2:$B$9`) as written; undefined for values typed in the chart. */
  ref: string | undefined;
  /** For a series' values, the series' name (as cached): their header in the sheet. */
  series: string | undefined;
  /** Its levels (several for categories of more than one level, the innermost first), each its points. */
  levels: ChartPoint[][];
}

/**
 * The elements holding a sequence's points: ChartML's caches and literals (with the data labels'
 * range of Excel 2013, `c15:dlblRangeCache`), and chartEx's dimensions.
 */
const SEQUENCES = new Set(['strCache', 'numCache', 'multiLvlStrCache', 'strLit', 'numLit', 'dlblRangeCache', 'strDim', 'numDim']);
export const NUMERIC_SEQUENCES = new Set(['numCache', 'numLit', 'numDim']);
/** A series: ChartML's `c:ser`, chartEx's `cx:series`. */
const SERIES = new Set(['ser', 'series']);
/** Where a series' values are (ChartML), and chartEx's dimensions of values: under the series' name, as in the sheet. */
const VALUES = new Set(['val', 'yVal', 'bubbleSize']);
const VALUE_DIMENSIONS = new Set(['val', 'y', 'size', 'colorVal']);

interface Frame {
  name: string;
  /** The text of the last `f` child: the source of a sequence in it or beside it. */
  ref?: string;
}

/** A number as cached (`6.2258801234567898E+17`), as its cell showed it (renderNumber). */
export function chartNumber(v: string): Pick<ChartPoint, 'text' | 'numeric' | 'mangled'> {
  const n = Number(v.trim());
  if (v.trim() === '' || Number.isNaN(n)) return { text: v, numeric: false, mangled: false };
  const { text, mangled } = renderNumber(n);
  return { text, numeric: true, mangled };
}

/**
 * Calls `onSequence` with each cached sequence of a chart part, in the part's order. A value typed
 * as a series' name (`<c:tx><c:v>…`) is a sequence of one point.
 */
export async function readChartData(zip: ZipParts, part: string, onSequence: (sequence: ChartSequence) => void): Promise<void> {
  const stack: Frame[] = [];
  let sequence: (ChartSequence & { numeric: boolean; level: number }) | undefined;
  /** The series' name as read (its `tx`), while inside a series. */
  let seriesName: string | undefined;
  let inName = false;
  let point: { index: number; text: string[] } | undefined;
  let loose: string[] | undefined;
  let formula: string[] | undefined;
  const parent = () => stack[stack.length - 2];
  await parseXml(
    await zip.stream(part),
    {
      open(name, a) {
        stack.push({ name });
        if (SERIES.has(name)) seriesName = undefined;
        else if (name === 'tx' && stack.some((f) => SERIES.has(f.name))) inName = true;
        if (SEQUENCES.has(name)) {
          const values = stack.some((f) => VALUES.has(f.name)) || ((name === 'strDim' || name === 'numDim') && VALUE_DIMENSIONS.has(a.type ?? ''));
          sequence = { ref: undefined, series: values ? seriesName : undefined, levels: [], numeric: NUMERIC_SEQUENCES.has(name), level: -1 };
        } else if (name === 'f') formula = [];
        else if (sequence && name === 'lvl') sequence.level = sequence.levels.push([]) - 1;
        else if (sequence && name === 'pt') point = { index: Number(a.idx ?? 0) || 0, text: [] };
        else if (!sequence && name === 'v' && parent()?.name !== 'pt') loose = [];
      },
      text(t) {
        if (point) point.text.push(t);
        else if (formula) formula.push(t);
        else if (loose) loose.push(t);
      },
      close(name) {
        const frame = stack.pop();
        if (name === 'f' && formula) {
          // A sequence's source: beside it (`c:strRef`) or in it (`cx:strDim`).
          const above = stack[stack.length - 1];
          if (above) above.ref = formula.join('');
          formula = undefined;
        } else if (name === 'pt' && point && sequence) {
          const raw = point.text.join('');
          const value = sequence.numeric ? chartNumber(raw) : { text: raw, numeric: false, mangled: false };
          if (sequence.level < 0) sequence.level = sequence.levels.push([]) - 1;
          if (value.text) sequence.levels[sequence.level].push({ index: point.index, ...value });
          point = undefined;
        } else if (SEQUENCES.has(name) && sequence) {
          const { numeric: _, level: __, ...done } = sequence;
          done.ref = frame?.ref ?? stack[stack.length - 1]?.ref;
          if (inName) seriesName ??= done.levels[0]?.[0]?.text;
          sequence = undefined;
          if (done.levels.some((l) => l.length)) onSequence(done);
        } else if (name === 'v' && loose) {
          const text = loose.join('');
          loose = undefined;
          if (inName) seriesName ??= text;
          const ref = stack[stack.length - 1]?.ref;
          if (text) onSequence({ ref, series: undefined, levels: [[{ index: 0, text, numeric: false, mangled: false }]] });
        } else if (name === 'tx') inName = false;
      },
    },
    part,
  );
}
