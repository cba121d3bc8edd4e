/**
 * A conservative guard against catastrophic backtracking in the regular expressions users bring:
 * a project configuration's custom rule and allow-list patterns, and the patterns of rule packs
 * loaded from YAML (`sdguard rules test FILE`; the built-in packs pass it). JavaScript's backtracking
 * matcher can take exponential time when a repeated part can match the same text in more than one
 * way; such a pattern, tested on each candidate of a large export, would hang the scan or the
 * editor. No library is used: the checks below are a few syntactic rules over a small parser of
 * JavaScript's regular expression syntax (what `new RegExp(source)` accepts without flags), and
 * they err on the side of refusing. Refused:
 *
 * - backreferences (`\1`, `\k<name>`): matching them is NP-hard in general;
 * - a repeated part holding a quantifier without upper bound: `(a+)+`, `(.*a){12}`, `(\w+\s?)*`;
 * - a repeated part that can match the empty string: `(a?)*`, `(a|)+`;
 * - a repeated part holding alternatives that can start with the same character: `(\d|\d)*x`,
 *   `(a|ab)+`;
 * - a repeated part of variable length whose optional characters can also start it, so the same
 *   text splits into iterations in many ways: `(\d\d?)+`, `(\d{1,3})+`.
 *
 * The last three only count when the repetition can be long: without an upper bound, or with so
 * many ways to split that trying them all costs more than MAX_PATHS steps (`(\d|\d){3}` passes).
 * Polynomial cases (`\d*\d*x`) pass: the values tested are at most 40 characters long.
 */
import type { Localized } from '../types';
import { problems } from './problems';

/** Characters as 128 ASCII bits plus one flag for "some non-ASCII character". */
class CharSet {
  readonly bits = new Uint32Array(4);
  other = false;

  static of(...codes: number[]): CharSet {
    const s = new CharSet();
    for (const c of codes) s.add(c);
    return s;
  }

  static range(from: number, to: number): CharSet {
    const s = new CharSet();
    s.addRange(from, to);
    return s;
  }

  add(code: number): void {
    if (code < 128) this.bits[code >> 5] |= 1 << (code & 31);
    else this.other = true;
  }

  addRange(from: number, to: number): void {
    for (let c = from; c <= Math.min(to, 127); c++) this.add(c);
    if (to >= 128) this.other = true;
  }

  addAll(o: CharSet): this {
    for (let i = 0; i < 4; i++) this.bits[i] |= o.bits[i];
    this.other ||= o.other;
    return this;
  }

  /** The complement (non-ASCII characters are assumed to be in it: conservative). */
  complement(): CharSet {
    const s = new CharSet();
    for (let i = 0; i < 4; i++) s.bits[i] = ~this.bits[i];
    s.other = true;
    return s;
  }

  overlaps(o: CharSet): boolean {
    for (let i = 0; i < 4; i++) if ((this.bits[i] & o.bits[i]) !== 0) return true;
    return this.other && o.other;
  }
}

type Node =
  | { type: 'set'; set: CharSet }
  | { type: 'seq'; items: Node[] }
  | { type: 'alt'; alts: Node[] }
  | { type: 'group'; body: Node; look: boolean }
  | { type: 'quant'; body: Node; min: number; max: number; start: number; end: number }
  | { type: 'assert' }
  | { type: 'backref' };

const DIGITS = CharSet.range(48, 57);
const WORD = CharSet.range(48, 57).addAll(CharSet.range(65, 90)).addAll(CharSet.range(97, 122)).addAll(CharSet.of(95));
const SPACE = CharSet.of(9, 10, 11, 12, 13, 32);
SPACE.other = true; // NBSP, U+2028, the ideographic space…
const ANY = CharSet.of(10, 13).complement(); // `.`: all but line terminators

/** Parses a pattern that `new RegExp(source)` accepted (so it is well formed). */
class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected "${this.src[this.i]}" at character ${this.i + 1}`);
    return node;
  }

  private alternation(): Node {
    const alts = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0] : { type: 'alt', alts };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const start = this.i;
      const atom = this.atom();
      items.push(this.quantified(atom, start));
    }
    return items.length === 1 ? items[0] : { type: 'seq', items };
  }

  private quantified(body: Node, start: number): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return body; // a literal `{` (already consumed as an atom's text otherwise)
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return body;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy: the same paths, tried in another order
    return this.quantified({ type: 'quant', body, min, max, start, end: this.i }, start);
  }

  private atom(): Node {
    const c = this.src[this.i++];
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return { type: 'set', set: this.charClass() };
      case '.':
        return { type: 'set', set: ANY };
      case '^':
      case '$':
        return { type: 'assert' };
      case '\\':
        return this.escape(false);
      default:
        return { type: 'set', set: CharSet.of(c.charCodeAt(0)) };
    }
  }

  private group(): Node {
    let look = false;
    if (this.src.startsWith('?:', this.i)) this.i += 2;
    else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
      this.i += 2;
      look = true;
    } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
      this.i += 3;
      look = true;
    } else if (this.src.startsWith('?<', this.i)) this.i = this.src.indexOf('>', this.i) + 1;
    const body = this.alternation();
    this.i++; // ')'
    return { type: 'group', body, look };
  }

  private charClass(): CharSet {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const set = new CharSet();
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      const lo = this.classAtom();
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length && typeof lo === 'number') {
        const save = this.i;
        this.i++;
        const hi = this.classAtom();
        if (typeof hi === 'number') {
          set.addRange(lo, hi);
          continue;
        }
        // `[a-\d]` (Annex B): a, -, and the class
        this.i = save;
      }
      if (typeof lo === 'number') set.add(lo);
      else set.addAll(lo);
    }
    this.i++; // ']'
    return negated ? set.complement() : set;
  }

  /** One character of a class (its code) or a class escape (`\d`…). */
  private classAtom(): number | CharSet {
    const c = this.src[this.i++];
    if (c !== '\\') return c.charCodeAt(0);
    const e = this.src[this.i];
    if (e === 'b') {
      this.i++;
      return 8;
    }
    if (e === '-') {
      this.i++;
      return 45;
    }
    const node = this.escape(true);
    return node.type === 'set' ? singleCode(node.set) ?? node.set : new CharSet();
  }

  private escape(inClass: boolean): Node {
    const c = this.src[this.i++];
    const set = (s: CharSet): Node => ({ type: 'set', set: s });
    switch (c) {
      case 'd':
        return set(DIGITS);
      case 'D':
        return set(DIGITS.complement());
      case 'w':
        return set(WORD);
      case 'W':
        return set(WORD.complement());
      case 's':
        return set(SPACE);
      case 'S':
        return set(SPACE.complement());
      case 'b':
      case 'B':
        return { type: 'assert' };
      case 'f':
        return set(CharSet.of(12));
      case 'n':
        return set(CharSet.of(10));
      case 'r':
        return set(CharSet.of(13));
      case 't':
        return set(CharSet.of(9));
      case 'v':
        return set(CharSet.of(11));
      case 'c': {
        const l = this.src[this.i];
        if (l && /[A-Za-z]/.test(l)) {
          this.i++;
          return set(CharSet.of(l.charCodeAt(0) % 32));
        }
        return set(CharSet.of(92)); // `\c` alone is a backslash and a c
      }
      case 'x': {
        const m = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.i));
        if (!m) return set(CharSet.of(120));
        this.i += 2;
        return set(CharSet.of(parseInt(m[0], 16)));
      }
      case 'u': {
        const m = /^[0-9A-Fa-f]{4}/.exec(this.src.slice(this.i));
        if (!m) return set(CharSet.of(117));
        this.i += 4;
        return set(CharSet.of(parseInt(m[0], 16)));
      }
      case 'k':
        if (!inClass && this.src[this.i] === '<' && /\(\?<[A-Za-z_$]/.test(this.src)) {
          this.i = this.src.indexOf('>', this.i) + 1;
          return { type: 'backref' };
        }
        return set(CharSet.of(107));
      default:
        if (c >= '1' && c <= '9' && !inClass) {
          while (/[0-9]/.test(this.src[this.i] ?? '')) this.i++;
          return { type: 'backref' };
        }
        if (c >= '0' && c <= '7') {
          // \0 and legacy octal escapes
          while (/[0-7]/.test(this.src[this.i] ?? '')) this.i++;
          return set(CharSet.range(0, 255));
        }
        return set(CharSet.of(c.charCodeAt(0)));
    }
  }
}

function singleCode(s: CharSet): number | undefined {
  if (s.other) return undefined;
  let code: number | undefined;
  for (let c = 0; c < 128; c++) {
    if ((s.bits[c >> 5] & (1 << (c & 31))) !== 0) {
      if (code !== undefined) return undefined;
      code = c;
    }
  }
  return code;
}

/** What the checks need to know of a node. */
interface Info {
  nullable: boolean;
  /** Characters a match can start with. */
  first: CharSet;
  /** Characters of the parts that may or may not be matched (under `?`, `*`, `{m,n}`, a nullable alternative). */
  optional: CharSet;
  minLen: number;
  maxLen: number;
  /** A quantifier without upper bound inside. */
  unbounded?: Node & { type: 'quant' };
  /** The first alternation inside whose alternatives can start with the same character. */
  ambiguousAlt?: { ways: number };
}

/** Above this many ways to try a repetition, an ambiguous one is refused. */
const MAX_PATHS = 1000;

class Unsafe extends Error {
  constructor(
    readonly said: Localized,
    readonly backtracking = true,
  ) {
    super(said.en);
  }
}

function analyze(node: Node, src: string): Info {
  switch (node.type) {
    case 'set':
      return { nullable: false, first: node.set, optional: new CharSet(), minLen: 1, maxLen: 1 };
    case 'assert':
      return { nullable: true, first: new CharSet(), optional: new CharSet(), minLen: 0, maxLen: 0 };
    case 'backref':
      throw new Unsafe(problems.regexBackreference(), false);
    case 'group': {
      const body = analyze(node.body, src);
      if (!node.look) return body;
      // A lookaround matches no text: what it checks counts for nothing around it.
      return { nullable: true, first: new CharSet(), optional: new CharSet(), minLen: 0, maxLen: 0, unbounded: body.unbounded, ambiguousAlt: body.ambiguousAlt };
    }
    case 'seq': {
      const infos = node.items.map((n) => analyze(n, src));
      const first = new CharSet();
      for (const info of infos) {
        first.addAll(info.first);
        if (!info.nullable) break;
      }
      return {
        nullable: infos.every((x) => x.nullable),
        first,
        optional: infos.reduce((s, x) => s.addAll(x.optional), new CharSet()),
        minLen: infos.reduce((n, x) => n + x.minLen, 0),
        maxLen: infos.reduce((n, x) => n + x.maxLen, 0),
        unbounded: infos.find((x) => x.unbounded)?.unbounded,
        ambiguousAlt: infos.find((x) => x.ambiguousAlt)?.ambiguousAlt,
      };
    }
    case 'alt': {
      const infos = node.alts.map((n) => analyze(n, src));
      const nullable = infos.some((x) => x.nullable);
      const optional = infos.reduce((s, x) => s.addAll(x.optional), new CharSet());
      // With an empty alternative, all the others are optional.
      if (nullable) for (const x of infos) optional.addAll(x.first);
      let overlapping = false;
      for (let a = 0; a < infos.length && !overlapping; a++) {
        for (let b = a + 1; b < infos.length && !overlapping; b++) overlapping = infos[a].first.overlaps(infos[b].first);
      }
      return {
        nullable,
        first: infos.reduce((s, x) => s.addAll(x.first), new CharSet()),
        optional,
        minLen: Math.min(...infos.map((x) => x.minLen)),
        maxLen: Math.max(...infos.map((x) => x.maxLen)),
        unbounded: infos.find((x) => x.unbounded)?.unbounded,
        ambiguousAlt: overlapping ? { ways: infos.length } : infos.find((x) => x.ambiguousAlt)?.ambiguousAlt,
      };
    }
    case 'quant': {
      const body = analyze(node.body, src);
      const text = src.slice(node.start, node.end);
      if (node.max > 1) {
        if (body.unbounded) {
          const inner = src.slice(body.unbounded.start, body.unbounded.end);
          throw new Unsafe(problems.regexNestedRepeat(text, node.start + 1, inner));
        }
        // How many ways one repetition may be tried: unbounded, or (ways per iteration)^max.
        const costly = (waysPerIteration: number) => node.max === Infinity || waysPerIteration ** node.max > MAX_PATHS;
        if (body.nullable && costly(2)) throw new Unsafe(problems.regexRepeatsEmpty(text, node.start + 1));
        if (body.ambiguousAlt && costly(body.ambiguousAlt.ways)) {
          throw new Unsafe(problems.regexRepeatsAlternatives(text, node.start + 1));
        }
        const spread = body.maxLen - body.minLen + 1;
        if (body.maxLen !== body.minLen && body.optional.overlaps(body.first) && costly(spread === Infinity ? 2 : spread)) {
          throw new Unsafe(problems.regexRepeatsVariable(text, node.start + 1));
        }
      }
      // A part repeated a varying number of times: each character it can consume is optional
      // (its first and optional characters among them).
      const optional = new CharSet().addAll(body.optional);
      if (node.min < node.max) addAllChars(node.body, optional);
      return {
        nullable: node.min === 0 || body.nullable,
        first: body.first,
        optional,
        minLen: body.minLen * node.min,
        maxLen: node.max === Infinity ? (body.maxLen > 0 ? Infinity : 0) : body.maxLen * node.max,
        unbounded: node.max === Infinity ? node : body.unbounded,
        ambiguousAlt: body.ambiguousAlt,
      };
    }
  }
}

/** Every character a node can consume. */
function addAllChars(node: Node, into: CharSet): void {
  switch (node.type) {
    case 'set':
      into.addAll(node.set);
      return;
    case 'seq':
      for (const n of node.items) addAllChars(n, into);
      return;
    case 'alt':
      for (const n of node.alts) addAllChars(n, into);
      return;
    case 'group':
      if (!node.look) addAllChars(node.body, into);
      return;
    case 'quant':
      addAllChars(node.body, into);
      return;
    default:
      return;
  }
}

/** Longest pattern accepted: a rule or an allow-list entry needs far less. */
export const MAX_PATTERN_LENGTH = 1000;

/**
 * Why `source` is refused as a user regular expression, or undefined when it is safe to run:
 * a syntax error, or a shape that can backtrack catastrophically (see above).
 */
export function regexProblem(source: string): Localized | undefined {
  if (source.length > MAX_PATTERN_LENGTH) return problems.regexTooLong(MAX_PATTERN_LENGTH);
  try {
    new RegExp(source);
  } catch (e) {
    return problems.invalidRegex((e as Error).message);
  }
  let tree: Node;
  try {
    tree = new Parser(source).parse();
  } catch (e) {
    return problems.regexUncheckable((e as Error).message);
  }
  try {
    analyze(tree, source);
  } catch (e) {
    if (!(e instanceof Unsafe)) throw e;
    return e.backtracking ? problems.regexBacktracking(e.said) : problems.regexUnsafe(e.said);
  }
  return undefined;
}
