/**
 * What rule packs and project configurations share: YAML parsed with positions, so that syntax
 * and schema errors, and later checks on the parsed data, become RuleFileErrors naming the file,
 * the line and column, and the field.
 */
import type { ErrorObject } from 'ajv';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { RuleFileError } from './ruleFileError';
import type { Localized } from '../types';
import { problems } from './problems';

/** A field's place in a parsed file: keys and array indexes (`['rules', 0, 'id']`). */
export type FieldPath = (string | number)[];

/** A parsed YAML (or JSON) file, with what it takes to point at a place in it. */
export interface YamlFile {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/**
 * Parses a rule or configuration file. A byte order mark is dropped first: the parser skips it
 * but would count it as a column of the first line.
 * @throws RuleFileError at the first YAML syntax error
 */
export function parseYamlFile(text: string, file: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const pos = lines.linePos(err.pos[0]);
    throw new RuleFileError(file, pos.line, pos.col, '', problems.yamlSyntax(err.message.split('\n')[0]));
  }
  return { file, doc, lines };
}

/**
 * The error `problem` at `path`: on the key of a field that is there (right or wrong), else on
 * the nearest parent that is (a missing field: its parent), else without a position.
 */
export function errorAt(y: YamlFile, path: FieldPath, problem: Localized): RuleFileError {
  const field = fieldName(path);
  const at = (offset: number) => {
    const pos = y.lines.linePos(offset);
    return new RuleFileError(y.file, pos.line, pos.col, field, problem);
  };
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? y.doc.contents : y.doc.getIn(path.slice(0, n), true);
    const keyOffset = n === path.length && n > 0 ? keyOffsetOf(y.doc, path) : undefined;
    if (keyOffset !== undefined) return at(keyOffset);
    if (isNode(node) && node.range) return at(node.range[0]);
  }
  return new RuleFileError(y.file, 0, 0, field, problem);
}

/** `rules[0].match.pattern` for `['rules', 0, 'match', 'pattern']`. */
export function fieldName(path: FieldPath): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** Where the key of the last step of `path` starts, if its parent is a map holding it. */
function keyOffsetOf(doc: Document, path: FieldPath): number | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const key = path[path.length - 1];
  const items = (parent as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null)?.items;
  const pair = items?.find((it) => it.key?.value === key);
  return pair?.key?.range?.[0];
}

/** The path of a schema error's value (`/rules/0/id` → `['rules', 0, 'id']`, JSON pointer escapes undone). */
export function schemaErrorPath(e: ErrorObject): FieldPath {
  return e.instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : unescapePointer(p)));
}

/** One JSON pointer segment with its escapes undone (`~1` → `/`, `~0` → `~`). */
export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * A schema error in a user's words, for the keywords both schemas meet: an unknown field (the
 * path then ends at it; `knownFields` may add which fields there are), a missing one, a value
 * outside an enum; other keywords keep ajv's message.
 */
export function describeSchemaError(e: ErrorObject, knownFields: (e: ErrorObject) => string[] = () => []): { path: FieldPath; problem: Localized } {
  const path = schemaErrorPath(e);
  switch (e.keyword) {
    case 'additionalProperties':
      path.push((e.params as { additionalProperty: string }).additionalProperty);
      return { path, problem: problems.unknownField(knownFields(e)) };
    case 'required':
      return { path, problem: problems.missingField((e.params as { missingProperty: string }).missingProperty) };
    case 'enum':
      return { path, problem: problems.notOneOf((e.params as { allowedValues: unknown[] }).allowedValues) };
    default:
      return { path, problem: problems.schema(e) };
  }
}
