// Redacts a workbook as it streams, in two readings: the first scans it (streamWorkbook) and plans
// each cell's new text; the second copies the zip part by part, rewriting only what must change.
// Memory holds the shared strings and the plan, never a sheet: exceljs, which read the whole
// workbook into cell objects to write it back, took 3.5 GB and 56 s for 200,000 rows.
//
// Where a value is replaced:
// - a cell with findings becomes an inline string holding its new text (a number or a formula's
//   result too: the formula is dropped, since its cached result held the raw value);
// - a shared string used by such a cell is rewritten in the shared string table, so every cell
//   showing that string shows the new text;
// - the same raw values anywhere else (hyperlinks, comments, charts' and pivot tables' cached
//   copies, other shared strings) get the same replacement (RawValues);
// - a value in a sheet's name is replaced there, so the sheet is renamed, and in the formulas
//   and defined names that name the sheet (full-width `＊` for a mask's `*`: see sheetSafe);
// - a value found anywhere else a scan looks (Within: a formula's text, a comment, a hyperlink,
//   a conditional format's rule, a filter's criteria, a header, a text box, a defined name, a
//   linked workbook's cell kept here, a pivot table's cache, a chart's cache, a shared string no
//   cell shows, a data connection, a change history, a what-if scenario, a document property, a
//   part no other reader reads whole) is replaced there, as
//   any raw value is; a note's text is rewritten whole, as a value may span its rich text runs;
//   a linked workbook's number cell becomes a text cell, a pivot cache's number a text item
//   (pivotCacheRewrite.ts), a chart's cached number replaced goes (chartCacheRewrite.ts), and a
//   change history's logged cell becomes an inline string (revisionRewrite.ts).
// What does not change is copied as it was read, byte for byte (xmlRewrite.ts).
// Styles, merged ranges, column widths and every other part come through as they were.
import { PassThrough, type Readable } from 'node:stream';
import { posix } from 'node:path';
import yazl from 'yazl';
import type { Engine } from '../engine/engine';
import type { RedactOptions } from '../engine/redact/operators';
import type { Confidence } from '../engine/types';
import type { CellFinding } from './sheetScan';
import { externalCellText } from './stream/externalLinks';
import { chartCacheRewrite } from './chartCacheRewrite';
import { revisionLogRewrite } from './revisionRewrite';
import { stringText, stringXml } from './stringElements';
import { fieldsMadeText, pivotCacheRewrite } from './pivotCacheRewrite';
import type { RawValues } from './stream/rawValues';
import { CellCursor } from './stream/sheetRows';
import { cellKey, RedactPlanner, type Plan } from './redactPlan';
import { partTarget, workbookParts, type SheetPart } from './stream/workbookParts';
import { SHEET_NAME_LIMIT, sheetSafe } from './sheetNames';
import { prefixOf } from './stream/xml';
import { childrenNamed, elementXml, escapeText, openTag, rewriteXml, textOf, type RewriteHandlers, type XmlElement } from './stream/xmlRewrite';
import { partKey, ZipParts } from './stream/zipParts';
import { TEXT_PART } from './stream/otherParts';
import { refusalError } from './refusal';
import { streamWorkbook } from './streamWorkbook';
import { unreadParts } from './unreadParts';

export interface WorkbookRedactOptions {
  minConfidence: Confidence;
  redact: RedactOptions;
  /** Of a cell's findings, those to replace (a rule selection; no overlaps). */
  select(findings: CellFinding[]): CellFinding[];
  /** Only plan: find and select, write nothing. */
  planOnly?: boolean;
  /**
   * Which findings of the scan of the copy the caller would count against it (all by default):
   * the others are not kept. Fakes look like real values, so a fake redaction keeps none.
   */
  residual?(finding: CellFinding): boolean;
  /**
   * Each finding replaced, sheet by sheet, row by row, with its raw value (for keyed fingerprints
   * only: never to be reported). The findings are not kept: a caller keeps what it needs of each.
   */
  onReplaced?(finding: CellFinding, raw: string): void;
}

export interface WorkbookRedaction {
  /** Values replaced (onReplaced heard each). */
  replaced: number;
  /** Cells whose text changed. */
  cells: number;
  sheets: number;
  /** The redacted copy; undefined when nothing was replaced, or only planned. */
  bytes?: Buffer;
  /** What a scan of the copy finds (at the same confidence), of what options.residual keeps: the caller decides what may remain. */
  residual?: CellFinding[];
}

export async function redactWorkbookStream(source: string | Buffer, engine: Engine, options: WorkbookRedactOptions): Promise<WorkbookRedaction> {
  const planner = new RedactPlanner((id) => engine.rule(id), options);
  const { sheets } = await streamWorkbook(source, engine, options.minConfidence, planner.finding);
  const plan = planner.end(sheets);
  const { replaced, changed } = planner;
  if (replaced === 0 || options.planOnly) return { replaced, cells: changed, sheets };
  const bytes = await writeCopy(source, plan);
  // Read the copy back: it must hold none of the values replaced, and be a workbook. The plan is
  // not used after the first check, so the scan has its memory.
  await checkNoRawValues(bytes, plan.raw);
  const residual: CellFinding[] = [];
  const kept = options.residual ?? (() => true);
  await streamWorkbook(bytes, engine, options.minConfidence, (f) => {
    if (kept(f)) residual.push(f);
  });
  return { replaced, cells: changed, sheets, bytes, residual };
}

/**
 * Throws if a part of the copy other than the worksheets still holds a value replaced. (In the
 * worksheets, a cell nobody reported may hold one, a number say, and the scan of the copy
 * decides about cells.)
 */
async function checkNoRawValues(bytes: Buffer, raw: RawValues): Promise<void> {
  const zip = await ZipParts.open(bytes);
  try {
    const sheets = new Set((await workbookParts(zip)).sheets.map((s) => partKey(s.path)));
    const parts: string[] = [];
    let count = 0;
    for (const name of zip.names()) {
      if (name.endsWith('/') || sheets.has(partKey(name))) continue;
      let found = 0;
      const counting = raw.replaceStream((n) => (found += n));
      (await zip.stream(name)).pipe(counting).resume();
      await new Promise<void>((resolve, reject) => counting.on('end', resolve).on('error', reject));
      if (found) parts.push(name);
      count += found;
    }
    if (count) throw refusalError({ reason: 'rawLeft', where: parts.join(', '), count });
  } finally {
    zip.close();
  }
}


/** The second reading: every part of the zip, in its order, into a new zip in memory. */
async function writeCopy(source: string | Buffer, plan: Plan): Promise<Buffer> {
  const zip = await ZipParts.open(source);
  try {
    const names = zip.names();
    // Values there cannot be seen, so not replaced: the copy would hold them.
    const unread = unreadParts(names);
    const embedded = unread.find((u) => u.kind === 'embedded');
    if (embedded) throw refusalError({ reason: 'embeds', where: embedded.part });
    const model = unread.find((u) => u.kind === 'dataModel');
    if (model) throw refusalError({ reason: 'dataModel', where: model.part });
    const parts = await workbookParts(zip);
    renameSheets(parts.sheets, plan.raw);
    // The parts rewritten by what they are (the others: raw values replaced in their text).
    const roles = new Map<string, PartRole>(parts.sheets.map((s, i) => [partKey(s.path), { kind: 'sheet', index: i }]));
    if (parts.sharedStrings) roles.set(partKey(parts.sharedStrings), { kind: 'sharedStrings' });
    for (const part of parts.sheets.flatMap((s) => s.comments)) roles.set(partKey(part), { kind: 'comments' });
    for (const link of parts.externalLinks) roles.set(partKey(link.path), { kind: 'externalLink' });
    roles.set(partKey(parts.workbook), { kind: 'workbook' });
    if (plan.raw.size) {
      for (const cache of parts.pivotCaches) {
        const role: PartRole = { kind: 'pivotCache', madeText: await fieldsMadeText(zip, cache, (s) => plan.raw.replaceAll(s)) };
        for (const part of [cache.definition, cache.records]) if (part) roles.set(partKey(part), role);
      }
      for (const chart of parts.charts) roles.set(partKey(chart.path), { kind: 'chart' });
      for (const log of parts.revisions) roles.set(partKey(log), { kind: 'revisionLog' });
    }
    const calcChain = plan.dropCalcChain && parts.calcChain ? partKey(parts.calcChain) : undefined;
    const out = new yazl.ZipFile();
    const chunks: Buffer[] = [];
    // A part that fails stops the copy: yazl would wait for the rest of its stream.
    let fail: (e: Error) => void = () => undefined;
    const written = new Promise<Buffer>((resolve, reject) => {
      fail = reject;
      out.outputStream.on('data', (c: Buffer) => chunks.push(c));
      out.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
      out.outputStream.on('error', reject);
      out.on('error', reject);
    });
    // Parts are made one after the other, as yazl asks for each.
    for (const name of names) {
      const key = partKey(name);
      if (name.endsWith('/') || key === calcChain) continue;
      const options = { mtime: zip.lastModified(name) ?? new Date(), compress: true, forceDosTimestamp: true };
      out.addReadStreamLazy(name, options, (done) => {
        partStream(zip, name, key, roles.get(key), calcChain, plan).then(
          (stream) => {
            stream.on('error', fail);
            done(null, stream);
          },
          fail,
        );
      });
    }
    out.end();
    return await written;
  } finally {
    zip.close();
  }
}

/**
 * Makes the replacements of values in sheets' names fit a sheet name (sheetSafe), then checks
 * that the new names are ones Excel takes: at most 31 characters, and no two alike (Excel
 * compares them without case). A mask keeps a value's length, but two masked names can meet.
 */
function renameSheets(sheets: readonly SheetPart[], raw: RawValues): void {
  if (raw.size === 0) return;
  for (const s of sheets) raw.adaptIn(s.name, sheetSafe);
  const seen = new Set<string>();
  for (const s of sheets) {
    const name = raw.replaceAll(s.name);
    const key = name.toLowerCase();
    if (name !== s.name && (name.length > SHEET_NAME_LIMIT || seen.has(key))) throw refusalError({ reason: 'sheetName', where: name });
    seen.add(key);
  }
}

/**
 * What a part is to the copy, when it is rewritten knowing it: a sheet (by its index), the
 * workbook (its list of sheets and defined names), the shared strings, a sheet's comments, a
 * linked workbook's cells, a pivot cache's definition or records, a chart, a change history's log.
 */
type PartRole = { kind: 'sheet'; index: number } | { kind: 'workbook' | 'sharedStrings' | 'comments' | 'externalLink' | 'chart' | 'revisionLog' } | { kind: 'pivotCache'; madeText: Set<number> };

/** One part of the copy, as a stream; `calcChain`: the calcChain.xml dropped, if it is. */
async function partStream(zip: ZipParts, name: string, key: string, role: PartRole | undefined, calcChain: string | undefined, plan: Plan): Promise<Readable> {
  const input = await zip.stream(name);
  const map = (s: string) => plan.raw.replaceAll(s);
  if (role?.kind === 'sheet') return rewritten(input, name, sheetRewrite(plan.cells[role.index], plan.raw));
  if (role?.kind === 'sharedStrings') return rewritten(input, name, sharedStringsRewrite(plan.strings, map));
  if (role?.kind === 'comments' && plan.raw.size) return rewritten(input, name, commentsRewrite(map));
  if (role?.kind === 'externalLink' && plan.raw.size) return rewritten(input, name, externalCellsRewrite(map));
  if (role?.kind === 'workbook' && plan.raw.size) return rewritten(input, name, workbookRewrite(plan.raw));
  if (role?.kind === 'pivotCache') return rewritten(input, name, pivotCacheRewrite(map, role.madeText));
  if (role?.kind === 'chart') return rewritten(input, name, chartCacheRewrite(plan.raw));
  if (role?.kind === 'revisionLog') return rewritten(input, name, revisionLogRewrite(plan.raw));
  if (calcChain && (key === '[content_types].xml' || key.endsWith('.rels'))) {
    // Whatever names the dropped calcChain.xml goes with it.
    return rewritten(input, name, {
      collect: (n) => n === 'Override' || n === 'Relationship',
      replace: (e) => (mentions(e, key, calcChain) ? '' : elementXml(mapped(e, map))),
      mapText: map,
    });
  }
  if (TEXT_PART.test(key) && plan.raw.size) return input.pipe(plan.raw.replaceStream());
  return input;
}

/**
 * Whether an Override (a part name from the root) or a Relationship in `part` (`D/_rels/X.rels`:
 * targets relative to D) names the part `target` (a partKey).
 */
function mentions(e: XmlElement, part: string, target: string): boolean {
  if (e.attributes.PartName) return partKey(e.attributes.PartName) === target;
  const t = e.attributes.Target;
  return t !== undefined && e.attributes.TargetMode !== 'External' && partKey(partTarget(posix.dirname(posix.dirname(part)), t)) === target;
}

function rewritten(input: Readable, part: string, handlers: RewriteHandlers): Readable {
  const output = new PassThrough();
  rewriteXml(input, output, part, handlers).then(
    () => output.end(),
    (e: Error) => output.destroy(e),
  );
  return output;
}


/**
 * A worksheet: the planned cells become inline strings; the raw values elsewhere in it are
 * replaced. Only the planned cells are collected; the others are written as they are read, the
 * values replaced in a formula's text only (`'张三…'!B2` names a renamed sheet): a cell's
 * reference, its cached value or a shared string's index is never a value to replace. A value
 * standing as a number in a formula becomes its replacement in quotes (replaceInFormula).
 */
function sheetRewrite(cells: Map<number, string>, raw: RawValues): RewriteHandlers {
  const map = (s: string) => raw.replaceAll(s);
  const at = new CellCursor();
  let inCell = false;
  let inFormula = false;
  return {
    open(name, a) {
      at.open(name, a);
      if (name === 'c') inCell = true;
      else if (FORMULAS.has(name)) inFormula = true;
    },
    close(name) {
      if (name === 'c') inCell = inFormula = false;
      else if (FORMULAS.has(name)) inFormula = false;
    },
    collect: (name) => name === 'c' && cells.size > 0 && cells.has(cellKey(at.row, at.column)),
    replace(c) {
      const text = cells.get(cellKey(at.row, at.column))!;
      const f = childrenNamed(c, 'f')[0];
      // The first cell of a shared formula: the other cells of its range hold only a reference to it.
      if (f && f.attributes.t === 'shared' && f.attributes.ref) throw refusalError({ reason: 'sharedFormula', where: c.attributes.r ?? `R${at.row}C${at.column}` });
      const attributes: Record<string, string> = {};
      if (c.attributes.r !== undefined) attributes.r = c.attributes.r;
      if (c.attributes.s !== undefined) attributes.s = c.attributes.s;
      attributes.t = 'inlineStr';
      const inline = childrenNamed(c, 'is')[0];
      return `${openTag(c.name, attributes)}${stringXml(`${prefixOf(c.name)}is`, inline, text)}</${c.name}>`;
    },
    mapText: (s) => (inFormula ? raw.replaceInFormula(s) : inCell ? s : map(s)),
    mapAttribute: (s) => (inCell ? s : map(s)),
  };
}

/** The workbook part: a sheet's name renamed where it is listed; a defined name's formula as a cell's formula is. */
function workbookRewrite(raw: RawValues): RewriteHandlers {
  let inName = false;
  return {
    open(name) {
      if (name === 'definedName') inName = true;
    },
    close(name) {
      if (name === 'definedName') inName = false;
    },
    collect: () => false,
    replace: () => undefined,
    mapText: (s) => (inName ? raw.replaceInFormula(s) : raw.replaceAll(s)),
    mapAttribute: (s) => raw.replaceAll(s),
  };
}

/** Elements whose text is a formula: a cell's, a conditional format's, a data validation's (and its list's). */
const FORMULAS = new Set(['f', 'formula', 'formula1', 'formula2']);

/**
 * The shared string table: the planned strings rewritten (collected whole, to keep their runs);
 * the others written as they are read, with the raw values in them replaced.
 */
function sharedStringsRewrite(strings: Map<number, string>, map: (s: string) => string): RewriteHandlers {
  let index = -1;
  return {
    open(name) {
      if (name === 'si') index++;
    },
    collect: (name) => name === 'si' && strings.has(index),
    replace: (si) => stringXml(si.name, si, strings.get(index)!),
    mapText: map,
  };
}

/**
 * A sheet's comments: a note's text is replaced as the note reads, its rich text runs joined (a
 * value may span two runs, which no replacement of the XML's text would see), keeping the runs
 * as a string's (stringXml); everything else, threaded comments included, as in any part.
 */
function commentsRewrite(map: (s: string) => string): RewriteHandlers {
  return {
    collect: (name) => name === 'comment',
    replace(c) {
      const text = childrenNamed(c, 'text')[0];
      const old = text ? stringText(text) : '';
      const now = map(old);
      if (now === old) return elementXml(mapped(c, map));
      let out = openTag(c.name, c.attributes);
      for (const child of c.children) out += child === text ? stringXml(text.name, text, now) : typeof child === 'string' ? escapeText(map(child)) : elementXml(mapped(child, map));
      return `${out}</${c.name}>`;
    },
    mapText: map,
  };
}

/**
 * A linked workbook's cells as this one keeps them: a cell whose text (a number's as Excel shows
 * it) holds a value becomes a text cell with the value replaced, as a sheet's cell does (a
 * number cannot hold a placeholder); everything else as in any part.
 */
function externalCellsRewrite(map: (s: string) => string): RewriteHandlers {
  return {
    collect: (name) => name === 'cell',
    replace(cell) {
      const v = childrenNamed(cell, 'v')[0];
      const text = v && externalCellText(cell.attributes.t, textOf(v));
      const now = text && map(text);
      if (now === text) return undefined;
      const prefix = prefixOf(cell.name);
      return `${openTag(cell.name, { ...cell.attributes, t: 'str' })}<${prefix}v>${escapeText(now!)}</${prefix}v></${cell.name}>`;
    },
    mapText: map,
  };
}

/** A copy of the element with `map` applied to its text and attribute values. */
function mapped(e: XmlElement, map: (s: string) => string): XmlElement {
  const attributes: Record<string, string> = {};
  for (const key in e.attributes) attributes[key] = map(e.attributes[key]);
  return { name: e.name, attributes, children: e.children.map((c) => (typeof c === 'string' ? map(c) : mapped(c, map))) };
}
