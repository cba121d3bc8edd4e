// Inputs and expectations shared by the LSP tests (not a spec file).
import type { Diagnostic, Range } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileKindOf } from '../../server/src/engine/fileKind';
import type { Lang } from '../../server/src/engine/types';
import { CONFIDENCE } from '../../server/src/engine/scan/context';
import { ColumnTally } from '../../server/src/engine/table/columnTally';
import { finalIssue } from '../../server/src/engine/table/cursor';
import { columnMangledLine, findingMessage, tableIssueMessage } from '../../server/src/l10n/describe';
import { builtinEngine } from '../support/engine';
import { makeRng, pick, randInt, synthBankCard, synthMobile, synthResidentId, type Rng } from '../support/synth';

export const PAYROLL_HEADER = '姓名,身份证号,银行卡号,手机号,备注\n';
const NAMES = ['王伟', '李娜', '张敏', '刘洋', '陈静'];

/** A row with three sensitive values (ID, card, mobile). */
export function payrollRow(rng: Rng): string {
  return `${pick(rng, NAMES)},${synthResidentId(rng)},${synthBankCard(rng, 'unionpay', { length: 19 })},${synthMobile(rng)},${randInt(rng, 1, 9999)}\n`;
}

/** A payroll CSV of `rows` rows: 3 findings per row. */
export function payrollCsv(rows: number, seed = 1): string {
  const rng = makeRng(seed);
  let text = PAYROLL_HEADER;
  for (let i = 0; i < rows; i++) text += payrollRow(rng);
  return text;
}

/** A payroll CSV of at least `chars` UTF-16 units, built by repeating 1,000 distinct rows (fast). */
export function bigPayrollCsv(chars: number, seed = 7): string {
  const block = payrollCsv(1000, seed).slice(PAYROLL_HEADER.length);
  return PAYROLL_HEADER + block.repeat(Math.ceil(chars / block.length));
}

/** A CSV of at least `chars` units where one row in 100 holds values (few findings, many lines). */
export function sparsePayrollCsv(chars: number, seed = 8): string {
  const rng = makeRng(seed);
  const parts = [PAYROLL_HEADER];
  let length = PAYROLL_HEADER.length;
  for (let i = 0; length < chars; i++) {
    const row = i % 100 === 50 ? payrollRow(rng) : `${pick(rng, NAMES)},无,无,无,说明文字 ${i}\n`;
    parts.push(row);
    length += row.length;
  }
  return parts.join('');
}

export function rangeOf(text: string, start: number, end: number): Range {
  const doc = TextDocument.create('file:///x', 'plaintext', 0, text);
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export interface Summary {
  code: Diagnostic['code'];
  range: Range;
  message: string;
}

export function summarize(diags: Diagnostic[]): Summary[] {
  return diags.map((d) => ({ code: d.code, range: d.range, message: d.message as string }));
}

/**
 * What a fresh full scan of `text` must publish (uncapped), computed in this process: the
 * findings, then for a table where its structure breaks and the ID columns Excel damaged.
 */
export function expectedDiagnostics(uri: string, languageId: string, text: string, lang: Lang = 'en'): Summary[] {
  const engine = builtinEngine();
  const doc = TextDocument.create(uri, languageId, 0, text);
  const kind = fileKindOf(uri, languageId);
  const findings: Summary[] = [];
  const tally = new ColumnTally(engine);
  const prepared = engine.prepare(text, { kind });
  const end = engine.scanTo(text, prepared, (rule, start, endOffset, confidence, column) => {
    const f = { ruleId: engine.rules[rule].id, start, end: endOffset, confidence: CONFIDENCE[confidence] };
    tally.add(column, rule);
    findings.push({ code: f.ruleId, range: { start: doc.positionAt(start), end: doc.positionAt(endOffset) }, message: findingMessage(engine.rules[rule], engine.masked(text, f), f.confidence, lang) });
  });
  const header = prepared.header;
  if (!header || !end) return findings;
  const issue = finalIssue(end, header.fields);
  if (issue) findings.push({ code: 'sdguard-csv-structure', range: { start: { line: issue.line, character: issue.character }, end: { line: issue.line, character: issue.character + 1 } }, message: tableIssueMessage(issue, lang) });
  for (const c of tally.summaries(header)) {
    const message = columnMangledLine(c, lang);
    const next = header.starts[c.index + 1];
    const endChar = next !== undefined ? next - 1 : c.character + Math.max(1, c.header?.length ?? 1);
    if (message) findings.push({ code: 'excel-mangled', range: { start: { line: 0, character: c.character }, end: { line: 0, character: endChar } }, message });
  }
  return findings;
}
