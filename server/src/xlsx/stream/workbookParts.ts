// The small parts a sheet's cells need: which sheets there are (in tab order) and where, which
// cell styles show dates, and the shared string table.
import { posix } from 'node:path';
import type { Damage } from '../damage';
import { oversizeError } from '../oversize';
import { REVISION_LOG } from './revisions';
import { own, parseXml, TEXT_LIMIT } from './xml';
import { partKey, type ZipParts } from './zipParts';

export interface SheetPart {
  name: string;
  /** The sheet's part in the zip, e.g. `xl/worksheets/sheet1.xml`. */
  path: string;
  /** Its comments' parts (notes, and threaded comments), those in the zip. */
  comments: string[];
  /** Its hyperlinks' targets outside the workbook (a web address, a file), by relationship id. */
  links: Map<string, string>;
  /** Its drawings' parts (text boxes, shapes, pictures' captions) and their charts', those in the zip. */
  drawings: string[];
  /** Its tables' and pivot tables' parts, those in the zip: their filters keep the values chosen (filterCriteria.ts). */
  tables: string[];
}

/** A defined name whose formula holds a text in quotes (a constant: `"…"`, or a list of them). */
export interface DefinedName {
  name: string;
  formula: string;
}

/** A linked workbook whose cells this one keeps a copy of (externalLinks.ts). */
export interface ExternalLink {
  /** Its part in the zip, e.g. `xl/externalLinks/externalLink1.xml`. */
  path: string;
  /** The linked file's name (`员工信息.xlsx`), or its number as formulas give it (`[1]`) when the link names none. */
  book: string;
}

/** A pivot table's cache (pivotCaches.ts): its definition and, when the data is saved, its records. */
export interface PivotCache {
  definition: string;
  records: string | undefined;
}

export interface WorkbookParts {
  /** The workbook part itself (`xl/workbook.xml`): its sheets' list and defined names. */
  workbook: string;
  /** Worksheets in tab order (chart and macro sheets have no cells and are left out). */
  sheets: SheetPart[];
  /**
   * Worksheets the workbook lists whose part is not in the zip (or which no relationship names):
   * a damaged workbook. Their cells cannot be read; the readers read the other sheets, then say so.
   */
  missing: SheetPart[];
  sharedStrings: string | undefined;
  styles: string | undefined;
  calcChain: string | undefined;
  /** The document properties' parts (core, extended, custom), those in the zip. */
  properties: string[];
  definedNames: DefinedName[];
  /** In the workbook's order (that of `[1]`, `[2]` in its formulas), those in the zip. */
  externalLinks: ExternalLink[];
  /** In the workbook's order, those in the zip. */
  pivotCaches: PivotCache[];
  /**
   * Every chart's part in the zip (`xl/charts/chart1.xml`, `chartEx1.xml`), whichever sheet, chart
   * sheet or none shows it: each keeps a copy of the cells it draws.
   */
  charts: ChartPart[];
  /** The data connections' part (`xl/connections.xml`), if in the zip (connections.ts). */
  connections: string | undefined;
  /** A shared workbook's change history, its logs' parts (stream/revisions.ts). */
  revisions: string[];
  /** Each sheet's name by its `sheetId` (how a revision log names a sheet), chart sheets too. */
  sheetIds: Map<string, string>;
}

/** A chart's part, and the sheet or chart sheet it is drawn on (by name), if any. */
export interface ChartPart {
  path: string;
  sheet: string | undefined;
  /** Drawn on a chart sheet, or on no sheet: its titles are not read with a worksheet's drawings. */
  apart: boolean;
  /** The text boxes and shapes drawn on the chart itself (its user shapes' drawing parts), those in the zip. */
  shapes: string[];
}

/** Relationship types of the parts read for their text besides the sheets (sheets' comments, the document's properties). */
const COMMENT_TYPES = new Set(['comments', 'threadedComment']);
const DRAWING_TYPES = new Set(['drawing']);
const CHART_TYPES = new Set(['chart']);
const CHART_SHAPES_TYPES = new Set(['chartUserShapes']);
const TABLE_TYPES = new Set(['table', 'pivotTable']);
/** A chart's part by its name, as Excel and LibreOffice name them (not the charts' style and colour parts). */
export const CHART_PART = /(^|\/)charts\/chart[^/]*\.xml$/i;
const PIVOT_RECORDS_TYPES = new Set(['pivotCacheRecords']);
const PROPERTY_TYPES = new Set(['core-properties', 'extended-properties', 'custom-properties']);

/**
 * Most bytes of XML in a part read whole into memory (every part but the sheets, which stream).
 * The shared strings are the large one: 27 MB for 200,000 payroll rows, so about 140 MB for
 * Excel's most rows; a part beyond this is refused rather than risking running out of memory.
 */
export const HELD_PART_LIMIT = 512 * 2 ** 20;

const RELS_TYPE = (type: string) => type.slice(type.lastIndexOf('/') + 1);

/** Where the workbook's parts are, from the package relationships. */
export async function workbookParts(zip: ZipParts): Promise<WorkbookParts> {
  const root = await relationships(zip, '_rels/.rels', '');
  const workbook = [...root.values()].find((r) => r.type === 'officeDocument')?.target ?? 'xl/workbook.xml';
  const dir = posix.dirname(workbook);
  const rels = await relationships(zip, `${dir}/_rels/${posix.basename(workbook)}.rels`, dir);
  const sheets: SheetPart[] = [];
  const missing: SheetPart[] = [];
  const definedNames: DefinedName[] = [];
  const linked: string[] = [];
  const pivots: string[] = [];
  const chartSheets: { name: string; path: string }[] = [];
  let defined: { name: string; formula: string[] } | undefined;
  const sheetIds = new Map<string, string>();
  await parseXml(await zip.stream(workbook, HELD_PART_LIMIT), {
    open(name, a) {
      if (name === 'definedName') defined = { name: a.name ?? '', formula: [] };
      if (name === 'externalReference') {
        const rel = rels.get(relationId(a) ?? '');
        if (rel?.type === 'externalLink' && zip.has(rel.target)) linked.push(rel.target);
      }
      if (name === 'pivotCache') {
        const rel = rels.get(relationId(a) ?? '');
        if (rel?.type === 'pivotCacheDefinition' && zip.has(rel.target)) pivots.push(rel.target);
      }
      if (name !== 'sheet') return;
      if (a.sheetId !== undefined) sheetIds.set(a.sheetId, a.name ?? '');
      const rel = rels.get(relationId(a) ?? '');
      // A chart sheet or a macro sheet (another type) has no cells; a sheet with no relationship
      // at all is taken for a worksheet, as Excel would need one.
      if (rel?.type === 'chartsheet' && zip.has(rel.target)) chartSheets.push({ name: a.name ?? '', path: rel.target });
      if (rel && rel.type !== 'worksheet') return;
      const sheet = { name: a.name ?? '', path: rel?.target ?? '', comments: [], links: new Map(), drawings: [], tables: [] };
      (rel && zip.has(rel.target) ? sheets : missing).push(sheet);
    },
    text(t) {
      defined?.formula.push(t);
    },
    close(name) {
      if (name !== 'definedName' || !defined) return;
      const formula = defined.formula.join('');
      if (formula.includes('"')) definedNames.push({ name: defined.name, formula });
      defined = undefined;
    },
  }, workbook);
  // Every chart part, by key; those drawn on a sheet name it.
  const charts = new Map<string, ChartPart>(zip.names().filter((name) => CHART_PART.test(name)).map((path) => [partKey(path), { path, sheet: undefined, apart: true, shapes: [] }]));
  // The charts in the drawings a (chart) sheet's relationships `own` name.
  const drawnOn = async (own: Relationships, sheet: string, apart: boolean, onDrawing: (drawing: string, charted: string[]) => void) => {
    for (const drawing of targets(own, DRAWING_TYPES, zip)) {
      const drawingDir = posix.dirname(drawing);
      const charted = targets(await relationships(zip, `${drawingDir}/_rels/${posix.basename(drawing)}.rels`, drawingDir), CHART_TYPES, zip);
      onDrawing(drawing, charted);
      for (const path of charted) if (!charts.get(partKey(path))?.sheet) charts.set(partKey(path), { path, sheet, apart, shapes: [] });
    }
  };
  for (const sheet of sheets) {
    const sheetDir = posix.dirname(sheet.path);
    const own = await relationships(zip, `${sheetDir}/_rels/${posix.basename(sheet.path)}.rels`, sheetDir, sheet.links);
    sheet.comments = targets(own, COMMENT_TYPES, zip);
    sheet.tables = targets(own, TABLE_TYPES, zip);
    await drawnOn(own, sheet.name, false, (drawing, charted) => sheet.drawings.push(drawing, ...charted));
  }
  for (const { path, name } of chartSheets) {
    const dir = posix.dirname(path);
    await drawnOn(await relationships(zip, `${dir}/_rels/${posix.basename(path)}.rels`, dir), name, true, () => undefined);
  }
  // A text box drawn on a chart is a part of its own; a worksheet's chart's are read with the sheet's drawings.
  for (const chart of charts.values()) {
    const dir = posix.dirname(chart.path);
    chart.shapes = targets(await relationships(zip, `${dir}/_rels/${posix.basename(chart.path)}.rels`, dir), CHART_SHAPES_TYPES, zip);
    if (!chart.apart) sheets.find((s) => s.name === chart.sheet)?.drawings.push(...chart.shapes);
  }
  const externalLinks: ExternalLink[] = [];
  for (const [i, path] of linked.entries()) {
    // The linked file is the one target outside the package its relationships give.
    const linkDir = posix.dirname(path);
    const files = new Map<string, string>();
    await relationships(zip, `${linkDir}/_rels/${posix.basename(path)}.rels`, linkDir, files, () => true);
    const [file] = files.values();
    externalLinks.push({ path, book: file ? fileName(file) : `[${i + 1}]` });
  }
  const pivotCaches: PivotCache[] = [];
  for (const definition of pivots) {
    const pivotDir = posix.dirname(definition);
    const own = await relationships(zip, `${pivotDir}/_rels/${posix.basename(definition)}.rels`, pivotDir);
    pivotCaches.push({ definition, records: targets(own, PIVOT_RECORDS_TYPES, zip)[0] });
  }
  const find = (type: string) => [...rels.values()].find((r) => r.type === type)?.target;
  const connections = find('connections');
  return {
    workbook,
    sheets,
    missing,
    sharedStrings: find('sharedStrings'),
    styles: find('styles'),
    calcChain: find('calcChain'),
    properties: targets(root, PROPERTY_TYPES, zip),
    definedNames,
    externalLinks,
    pivotCaches,
    charts: [...charts.values()],
    connections: connections && zip.has(connections) ? connections : undefined,
    revisions: zip.names().filter((name) => REVISION_LOG.test(name)),
    sheetIds,
  };
}

/** A part's relationships by id: each one's type (the last segment of its URI) and target part. */
type Relationships = Map<string, { type: string; target: string }>;

/** The targets of relationships of the given types that are in the zip. */
function targets(rels: Relationships, types: Set<string>, zip: ZipParts): string[] {
  return [...rels.values()].filter((r) => types.has(r.type) && zip.has(r.target)).map((r) => r.target);
}

/**
 * What the workbook lists but the zip lacks, the shared strings first (without them every sheet's
 * text reads as empty cells), then the sheets; undefined for a whole workbook. A reader checks it
 * once it has read what is there, so that a damaged workbook still gives what it holds. `shown`
 * gives a sheet's name as reports may show it (sheetNames.ts).
 */
export function lostParts(zip: ZipParts, parts: WorkbookParts, shown: (name: string) => string): Damage | undefined {
  if (parts.sharedStrings && !zip.has(parts.sharedStrings)) return { kind: 'missingPart', part: parts.sharedStrings };
  const [first] = parts.missing;
  return first && { kind: 'missingSheet', sheet: shown(first.name), part: first.path, count: parts.missing.length };
}

/** `r:id`, whatever the prefix the writer gave the relationships namespace. */
export function relationId(a: Record<string, string>): string | undefined {
  if (a['r:id'] !== undefined) return a['r:id'];
  const key = Object.keys(a).find((k) => k.endsWith(':id'));
  return key ? a[key] : undefined;
}

/** A relationship's target as a part name: relative to `dir` (the source part's folder), or absolute from the package root. */
export function partTarget(dir: string, target: string): string {
  return target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target));
}

/** The last name in a path or address (`file:///C:/HR/员工信息.xlsx`, `..\\员工信息.xlsx`), decoded. */
function fileName(target: string): string {
  const last = target.slice(Math.max(target.lastIndexOf('/'), target.lastIndexOf('\\')) + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * A part's relationships to other parts, by id; those to targets outside the workbook go to
 * `links`, if given: a hyperlink's (or, with `external`, any type it takes).
 */
async function relationships(
  zip: ZipParts,
  part: string,
  dir: string,
  links?: Map<string, string>,
  external: (type: string) => boolean = (type) => type === 'hyperlink',
): Promise<Relationships> {
  const out: Relationships = new Map();
  if (!zip.has(part)) return out;
  await parseXml(await zip.stream(part, HELD_PART_LIMIT), {
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target) return;
      if (a.TargetMode === 'External') {
        if (links && external(RELS_TYPE(a.Type ?? ''))) links.set(a.Id, a.Target);
        return;
      }
      out.set(a.Id, { type: RELS_TYPE(a.Type ?? ''), target: partTarget(dir, a.Target) });
    },
  }, part);
  return out;
}

/**
 * The shared strings, in order. A rich text string is its runs' text joined; phonetic guides
 * (`rPh`, the furigana/pinyin shown above the text) are not part of the text.
 */
export async function sharedStrings(zip: ZipParts, part: string | undefined): Promise<string[]> {
  const out: string[] = [];
  if (!part || !zip.has(part)) return out;
  let current: string[] = [];
  let chars = 0;
  let inString = false;
  let inText = false;
  let phonetic = 0;
  await parseXml(await zip.stream(part, HELD_PART_LIMIT), {
    open(name) {
      if (name === 'si') {
        current = [];
        chars = 0;
        inString = true;
      } else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = phonetic === 0;
    },
    text(t) {
      if (!inText) return;
      current.push(t);
      // A string of many runs, none of them too long alone, is a cell's text all the same.
      if ((chars += t.length) > TEXT_LIMIT) throw oversizeError({ part, kind: 'longText', place: { sharedString: out.length }, limit: TEXT_LIMIT });
    },
    textPlace: () => (inString ? { sharedString: out.length } : undefined),
    close(name) {
      if (name === 'si') {
        out.push(own(current.join('')));
        inString = false;
      }
      else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
  }, part);
  return out;
}

/**
 * Built-in number formats read as dates: those exceljs reads so (ECMA-376 §18.8.30). The East
 * Asian built-ins (27-36, 50-58) show dates too, but exceljs reads their cells as numbers, and a
 * redaction must see the cells the scan sees (sameReading.ts); a date serial is five digits,
 * which no rule finds anything in.
 */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Whether a format code shows a date or time: y m d h s outside quoted text and `[...]` sections (as exceljs reads it). */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style (`s` of a cell), whether it shows numbers as dates. */
export async function dateStyles(zip: ZipParts, part: string | undefined): Promise<boolean[]> {
  const formats = new Map<number, string>();
  const styles: number[] = [];
  if (!part || !zip.has(part)) return [];
  let inCellXfs = false;
  await parseXml(await zip.stream(part, HELD_PART_LIMIT), {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId !== undefined) formats.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) styles.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  }, part);
  return styles.map((id) => {
    const code = formats.get(id);
    return code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id);
  });
}
