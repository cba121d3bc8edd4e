// Values in a workbook's texts that are not cells' values (Within): a formula's texts in quotes, a
// sheet's header or footer, a comment, a document property. Each is scanned as plain text, with
// the context it has of its own (`身份证：…` in a comment); offsets are in the text as read.
import type { Engine } from '../engine/engine';
import type { Confidence, Finding } from '../engine/types';
import type { SheetText } from './stream/sheetRows';

export function textFindings(engine: Engine, text: string, minConfidence: Confidence): Finding[] {
  return engine.scan(text, { kind: 'plain', minConfidence });
}

/**
 * The values in a formula's texts in quotes (`IF(A2="…","是","否")`, or a list `"甲,乙"`): what
 * was typed, not what the formula reads from cells. A number in a formula is left alone: Excel
 * keeps 15 digits of one, and a redaction could not put a placeholder in its place.
 */
export function formulaFindings(engine: Engine, formula: string, minConfidence: Confidence): Finding[] {
  const out: Finding[] = [];
  for (const m of formula.matchAll(/"((?:[^"]|"")*)"/g)) {
    const at = m.index! + 1;
    for (const f of engine.scan(m[1], { kind: 'plain', minConfidence })) out.push({ ...f, start: f.start + at, end: f.end + at });
  }
  return out;
}

/**
 * The values in a header or footer. Its codes (`&L` left part, `&P` page number, `&"宋体,常规"`
 * font, `&12` size) become spaces first, keeping offsets, so `&L` is not read as part of a value.
 */
export function headerFooterFindings(engine: Engine, text: string, minConfidence: Confidence): Finding[] {
  const plain = text.replace(/&(?:"[^"]*"|\d+|[^"\d])/g, (code) => (code === '&&' ? code : ' '.repeat(code.length)));
  return engine.scan(plain, { kind: 'plain', minConfidence });
}

/** The findings in a sheet's text besides its cells (readSheetRows' onText). */
export function sheetTextFindings(engine: Engine, text: SheetText, minConfidence: Confidence): Finding[] {
  return text.kind === 'formula' ? formulaFindings(engine, text.text, minConfidence) : headerFooterFindings(engine, text.text, minConfidence);
}
