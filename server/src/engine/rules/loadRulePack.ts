import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../../../rules/rule-pack.schema.json';
import { regexProblem } from './regexSafety';
import { getValidator } from '../validators';
import type { Category, Localized, Rule, Severity } from '../types';
import { RuleFileError } from './ruleFileError';
import { describeSchemaError, errorAt, fieldName, parseYamlFile, type FieldPath, type YamlFile } from './yamlFile';
import { problems } from './problems';

/** The shape of a rule file once the JSON schema has accepted it. */
interface RawRule {
  id: string;
  name: Localized;
  placeholder: Localized;
  token?: string;
  description: Localized;
  category: Category;
  severity: Severity;
  standard: string;
  match: { pattern: string; length: number | [number, number]; charset: 'digits' | 'digits-x' | 'alnum'; groupings?: string[] };
  validator?: string;
  context: { hotwords: string[]; negative: string[]; required?: boolean };
  mask: { keepStart: number; keepEnd: number; char?: string; keepPrefix?: string; source?: string };
  examples: { valid: string[]; invalid: string[] };
}
interface RawPack {
  pack: string;
  name: Localized;
  rules: RawRule[];
}

export interface RulePack {
  id: string;
  name: Localized;
  rules: Rule[];
}

/** Compiled on first use: the precompiled built-in packs (loadCheckedRulePack) never need it. */
let validatePack: ReturnType<Ajv['compile']> | undefined;
function packValidator() {
  return (validatePack ??= new Ajv({ allErrors: true, strict: false }).compile<RawPack>(schema));
}

/** How a pack is compiled. */
export interface CompileOptions {
  /** The error for a problem at a field of the pack (`['rules', 0, 'match', 'pattern']`). */
  at?: (path: FieldPath, problem: Localized) => RuleFileError;
  /**
   * Refuse patterns that may backtrack catastrophically (see regexSafety.ts): for the files users
   * write. The precompiled built-in packs skip it: the build checked them as YAML.
   */
  safePatterns?: boolean;
}

/**
 * Parses and validates one rule file. Throws a RuleFileError naming file, line and field
 * for YAML syntax errors, schema violations, bad or unsafe regexes and unknown validators.
 */
export function loadRulePack(text: string, file: string): RulePack {
  const yaml = parseYamlFile(text, file);
  const data: unknown = yaml.doc.toJS();
  const validate = packValidator();
  if (!validate(data)) throw schemaError(validate.errors ?? [], yaml);
  return loadCheckedRulePack(data, file, { at: (path, problem) => errorAt(yaml, path, problem), safePatterns: true });
}

/**
 * Compiles a pack that was already parsed and schema-checked: the JSON the build writes from
 * the built-in YAML packs (parsing YAML and compiling the schema cost a CLI run ~100 ms), or a
 * configuration's custom rule. Errors have no position unless `at` gives one.
 */
export function loadCheckedRulePack(data: unknown, file: string, options: CompileOptions = {}): RulePack {
  const { at = (path, problem) => new RuleFileError(file, 0, 0, fieldName(path), problem), safePatterns = false } = options;
  const pack = data as RawPack;
  const seen = new Set<string>();
  const rules = pack.rules.map((raw, index) => {
    if (seen.has(raw.id)) throw at(['rules', index, 'id'], problems.duplicateRule(raw.id));
    seen.add(raw.id);
    return compileRule(raw, file, safePatterns, (field, problem) => at(['rules', index, ...field], problem));
  });
  return { id: pack.pack, name: pack.name, rules };
}

function compileRule(raw: RawRule, file: string, safePatterns: boolean, fail: (field: FieldPath, problem: Localized) => Error): Rule {
  let pattern: RegExp;
  try {
    pattern = new RegExp(raw.match.pattern);
  } catch (e) {
    throw fail(['match', 'pattern'], problems.invalidRegex((e as Error).message));
  }
  if (!raw.match.pattern.startsWith('^') || !raw.match.pattern.endsWith('$')) {
    throw fail(['match', 'pattern'], problems.patternNotAnchored());
  }
  const unsafe = safePatterns ? regexProblem(raw.match.pattern) : undefined;
  if (unsafe) throw fail(['match', 'pattern'], unsafe);
  if (raw.validator !== undefined && !getValidator(raw.validator)) {
    throw fail(['validator'], problems.unknownValidator(raw.validator));
  }
  const [minLength, maxLength] = typeof raw.match.length === 'number' ? [raw.match.length, raw.match.length] : raw.match.length;
  if (minLength > maxLength) throw fail(['match', 'length'], problems.lengthRange(minLength, maxLength));
  return {
    id: raw.id,
    name: raw.name,
    placeholder: raw.placeholder,
    token: raw.token ?? defaultToken(raw.id),
    description: raw.description,
    category: raw.category,
    severity: raw.severity,
    standard: raw.standard,
    pattern,
    minLength,
    maxLength,
    letters: raw.match.charset === 'alnum',
    trailingX: raw.match.charset === 'digits-x',
    groupings: raw.match.groupings ?? [],
    validator: raw.validator,
    context: {
      hotwords: raw.context.hotwords.map((w) => w.toLowerCase()),
      negative: raw.context.negative.map((w) => w.toLowerCase()),
    },
    contextRequired: raw.context.required ?? false,
    mask: { keepStart: raw.mask.keepStart, keepEnd: raw.mask.keepEnd, char: raw.mask.char ?? '*', keepPrefix: compileKeepPrefix(raw.mask.keepPrefix, fail) },
    examples: raw.examples,
    source: file,
  };
}

/** The pseudonym token prefix of a rule without a `token` field: its id in upper case, letters and digits only (at most 16). */
function defaultToken(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 16);
}

function compileKeepPrefix(source: string | undefined, fail: (field: FieldPath, problem: Localized) => Error): RegExp | undefined {
  if (source === undefined) return undefined;
  if (!source.startsWith('^')) throw fail(['mask', 'keepPrefix'], problems.patternNotAnchoredStart());
  try {
    return new RegExp(source);
  } catch (e) {
    throw fail(['mask', 'keepPrefix'], problems.invalidRegex((e as Error).message));
  }
}

function schemaError(errors: ErrorObject[], yaml: YamlFile): RuleFileError {
  // Report the most specific error: oneOf/anyOf wrappers say less than their branches.
  const best = errors.find((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf') ?? errors[0];
  const { path, problem } = describeSchemaError(best);
  return errorAt(yaml, path, problem);
}
