// Random edits for the incremental tests (not a spec file).
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { makeRng, pick, randInt, synthBankCard, synthMobile, synthResidentId, type Rng } from '../support/synth';
import { payrollRow, rangeOf } from './fixtures';

/** An edit in offsets of the text it applies to. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  kind: string;
}

export const apply = (text: string, e: Edit) => text.slice(0, e.start) + e.text + text.slice(e.end);
export const toChange = (text: string, e: Edit): TextDocumentContentChangeEvent => ({ range: rangeOf(text, e.start, e.end), text: e.text });

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Somewhere after the first line (or anywhere when there is one line). */
function bodyOffset(rng: Rng, text: string): number {
  const first = text.indexOf('\n') + 1;
  return randInt(rng, first, text.length);
}

const DIRECTIVES = [',sdguard-ignore-line', ',sdguard-ignore-next-line', ',sdguard-ignore-line cn-mobile', ',sdguard-ignore-next-line bank-card cn-resident-id', ',sdguard-ignore-file cn-mobile'];
const HEADERS = ['姓名,身份证号,银行卡号,手机号,备注', '姓名,订单号,银行卡号,手机号,备注', '姓名,身份证号,流水号,电话,备注', 'a,b,c,d,e', '姓名;身份证号;银行卡号;手机号;备注'];

/** A random edit of a payroll CSV: typing, deleting, breaking a value, rows, the header, directives. */
export function randomCsvEdit(rng: Rng, text: string, allowHeader = true): Edit {
  const kinds = ['digit', 'digit', 'delete', 'delete', 'break', 'row', 'dropLine', 'join', 'paste', 'directive', 'undirective', ...(allowHeader ? ['header', 'headerChar'] : [])];
  const kind = pick(rng, kinds);
  const starts = lineStarts(text);
  const line = () => randInt(rng, Math.min(1, starts.length - 1), starts.length - 1);
  const lineEnd = (l: number) => (l + 1 < starts.length ? starts[l + 1] - 1 : text.length);
  switch (kind) {
    case 'digit': {
      const at = bodyOffset(rng, text);
      return { start: at, end: at, text: String(randInt(rng, 0, 9)), kind };
    }
    case 'delete': {
      const at = bodyOffset(rng, text);
      return { start: at, end: Math.min(text.length, at + randInt(rng, 1, 3)), text: '', kind };
    }
    case 'break': {
      const values = [...text.matchAll(/\d{11,}/g)].filter((m) => m.index! > starts[1]);
      if (!values.length) return { start: 0, end: 0, text: '\n', kind };
      const m = pick(rng, values);
      const at = m.index! + randInt(rng, 1, m[0].length - 1);
      return { start: at, end: at, text: '\n', kind };
    }
    case 'row': {
      const at = starts[line()];
      return { start: at, end: at, text: payrollRow(rng), kind };
    }
    case 'dropLine': {
      const l = line();
      return { start: starts[l], end: l + 1 < starts.length ? starts[l + 1] : text.length, text: '', kind };
    }
    case 'join': {
      const l = line();
      const eol = lineEnd(l);
      return eol < text.length ? { start: eol, end: eol + 1, text: '', kind } : { start: eol, end: eol, text: '\n', kind };
    }
    case 'paste': {
      const at = bodyOffset(rng, text);
      return { start: at, end: at, text: pick(rng, [synthResidentId(rng), synthBankCard(rng), synthMobile(rng), `,${synthMobile(rng)},`]), kind };
    }
    case 'directive': {
      const eol = lineEnd(line());
      return { start: eol, end: eol, text: pick(rng, DIRECTIVES), kind };
    }
    case 'undirective': {
      const found = [...text.matchAll(/,?sdguard-ignore-[a-z-]+(?: [a-z0-9-]+)*/g)];
      if (!found.length) return randomCsvEdit(rng, text, allowHeader);
      const m = pick(rng, found);
      return { start: m.index!, end: m.index! + m[0].length, text: '', kind };
    }
    case 'header': {
      const eol = text.indexOf('\n');
      return { start: 0, end: eol === -1 ? text.length : eol, text: pick(rng, HEADERS), kind };
    }
    default: {
      const eol = text.indexOf('\n');
      const at = randInt(rng, 0, eol === -1 ? text.length : eol);
      return { start: at, end: at, text: pick(rng, ['x', '号', ',']), kind };
    }
  }
}

/** Random edits of a Python file with comment directives. */
export function randomPyEdit(rng: Rng, text: string): Edit {
  const starts = lineStarts(text);
  const l = randInt(rng, 0, starts.length - 1);
  const eol = l + 1 < starts.length ? starts[l + 1] - 1 : text.length;
  switch (pick(rng, ['digit', 'delete', 'line', 'dropLine', 'comment', 'uncomment', 'break'])) {
    case 'digit': {
      const at = randInt(rng, 0, text.length);
      return { start: at, end: at, text: String(randInt(rng, 0, 9)), kind: 'digit' };
    }
    case 'delete': {
      const at = randInt(rng, 0, text.length);
      return { start: at, end: Math.min(text.length, at + randInt(rng, 1, 4)), text: '', kind: 'delete' };
    }
    case 'line':
      return { start: starts[l], end: starts[l], text: `card_no = "${synthBankCard(rng)}"  # ${synthMobile(rng)}\n`, kind: 'line' };
    case 'dropLine':
      return { start: starts[l], end: l + 1 < starts.length ? starts[l + 1] : text.length, text: '', kind: 'dropLine' };
    case 'comment':
      return { start: eol, end: eol, text: pick(rng, ['  # sdguard-ignore-line', '  # sdguard-ignore-next-line', '  # sdguard-ignore-line cn-mobile']), kind: 'comment' };
    case 'uncomment': {
      const found = [...text.matchAll(/ {2}# sdguard-ignore-[a-z-]+(?: [a-z0-9-]+)*/g)];
      if (!found.length) return randomPyEdit(rng, text);
      const m = pick(rng, found);
      return { start: m.index!, end: m.index! + m[0].length, text: '', kind: 'uncomment' };
    }
    default: {
      const values = [...text.matchAll(/\d{11,}/g)];
      if (!values.length) return { start: 0, end: 0, text: '\n', kind: 'break' };
      const m = pick(rng, values);
      const at = m.index! + randInt(rng, 1, m[0].length - 1);
      return { start: at, end: at, text: '\n', kind: 'break' };
    }
  }
}

export function pyFile(seed: number): string {
  const rng = makeRng(seed);
  let text = '';
  for (let i = 0; i < 30; i++) {
    text += pick(rng, [
      `id_card = "${synthResidentId(rng)}"\n`,
      `phone = "${synthMobile(rng)}"  # contact\n`,
      `# sdguard-ignore-next-line\nsecret = "${synthResidentId(rng)}"\n`,
      `row = ("${synthResidentId(rng)}", "${synthMobile(rng)}")  # sdguard-ignore-line cn-mobile\n`,
      `order_id = "${synthMobile(rng)}"\n`,
      `total = 12345.67\n`,
    ]);
  }
  return text;
}
