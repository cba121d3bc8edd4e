import type { Finding, Lang, Rule } from '../types';
import { maskValue } from './mask';

export type Operator = 'mask' | 'redact';

/** A replacement of text[start, end) by newText, in UTF-16 offsets. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Pure: the edits that apply an operator to findings. Nothing outside a finding's span changes;
 * overlapping findings are merged into the first.
 */
export function redactionEdits(text: string, findings: readonly Finding[], operator: Operator, ruleOf: (id: string) => Rule | undefined, lang: Lang): TextEdit[] {
  const edits: TextEdit[] = [];
  let lastEnd = -1;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < lastEnd) continue;
    const rule = ruleOf(f.ruleId);
    if (!rule) continue;
    const raw = text.slice(f.start, f.end);
    const newText = operator === 'mask' ? maskValue(raw, rule.mask) : `[${rule.placeholder[lang]}]`;
    edits.push({ start: f.start, end: f.end, newText });
    lastEnd = f.end;
  }
  return edits;
}

/** Applies non-overlapping edits sorted by start. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}
