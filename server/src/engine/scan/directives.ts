import type { LineIndex } from '../text/lineIndex';

export const DIRECTIVE_PREFIX = 'sdguard-ignore-';

/** `all` or the rule ids a directive names. */
export type Suppression = 'all' | Set<string>;

export interface Directives {
  file?: Suppression;
  /** 0-based line → what is suppressed on it. */
  lines: Map<number, Suppression>;
}

export interface DirectiveAt {
  kind: 'line' | 'next-line' | 'file';
  /** Offsets of the directive keyword and of the end of its rule list. */
  start: number;
  end: number;
  rules: string[];
}

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const DIRECTIVE = /sdguard-ignore-(next-line|line|file)\b/g;

/** Finds every inline directive; the rule ids follow the keyword, separated by spaces or commas. */
export function findDirectives(text: string): DirectiveAt[] {
  const out: DirectiveAt[] = [];
  if (!text.includes(DIRECTIVE_PREFIX)) return out;
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const kind = m[1] as DirectiveAt['kind'];
    const rules: string[] = [];
    const tail = /^[ \t,]+([^\s,]+)/y;
    let pos = m.index + m[0].length;
    let end = pos;
    for (;;) {
      tail.lastIndex = 0;
      const t = tail.exec(text.slice(pos, pos + 200));
      if (!t || !RULE_ID.test(t[1])) break;
      rules.push(t[1]);
      pos += t[0].length;
      end = pos;
    }
    out.push({ kind, start: m.index, end, rules });
  }
  return out;
}

export function collectDirectives(found: DirectiveAt[], lines: LineIndex): Directives {
  const result: Directives = { lines: new Map() };
  for (const d of found) {
    const what: Suppression = d.rules.length ? new Set(d.rules) : 'all';
    if (d.kind === 'file') result.file = mergeSuppressions(result.file, what);
    else {
      const line = lines.lineOf(d.start) + (d.kind === 'next-line' ? 1 : 0);
      result.lines.set(line, mergeSuppressions(result.lines.get(line), what));
    }
  }
  return result;
}

export function mergeSuppressions(a: Suppression | undefined, b: Suppression): Suppression {
  if (!a) return b;
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...a, ...b]);
}

export function suppresses(s: Suppression | undefined, ruleId: string): boolean {
  return s !== undefined && (s === 'all' || s.has(ruleId));
}
