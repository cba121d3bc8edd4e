/**
 * A project's `.sdguard.yaml`: parsed, validated against schemas/sdguard-config.schema.json and
 * compiled. Errors are RuleFileErrors naming the file, the line and column, and the field, as for
 * rule packs. What this gives is plain data (rules hold RegExps, which structured clone copies):
 * configuredEngine.ts turns it into an Engine, here or in a scan worker.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../../schemas/sdguard-config.schema.json';
import { Engine } from '../engine/engine';
import { loadCheckedRulePack } from '../engine/rules/loadRulePack';
import { RuleFileError } from '../engine/rules/ruleFileError';
import { testRuleExamples } from '../engine/rules/testExamples';
import { describeSchemaError, errorAt, parseYamlFile, schemaErrorPath, unescapePointer, type FieldPath, type YamlFile } from '../engine/rules/yamlFile';
import { normalizeSpan } from '../engine/scan/scanner';
import type { Category, Confidence, Localized, MaskPolicy, Rule, Severity } from '../engine/types';
import type { AllowSpec } from './allow';
import { regexProblem } from '../engine/rules/regexSafety';
import { problems } from '../engine/rules/problems';

/** Codes of diagnostics and report lines that are not rules: no custom rule may take them. */
const RESERVED_IDS = new Set(['config', 'csv-structure', 'xlsx-unread', 'sdguard-more', 'sdguard-csv-structure']);

/** Configuration file names, in the order they are looked for in each folder. */
export const CONFIG_NAMES = ['.sdguard.yaml', '.sdguard.yml', '.sdguard.json'] as const;

/** What the configuration says about one rule (built-in or custom). */
export interface RuleSettings {
  enabled?: boolean;
  severity?: Severity;
  minConfidence?: Confidence;
  mask?: Partial<Pick<MaskPolicy, 'keepStart' | 'keepEnd' | 'char'>>;
  placeholder?: Localized;
}

/** A loaded configuration. */
export interface ProjectConfig {
  /** Absolute path of the file. */
  file: string;
  /** Its folder: `ignore` paths are relative to it. */
  dir: string;
  minConfidence?: Confidence;
  /** By rule id. */
  rules: Record<string, RuleSettings>;
  customRules: Rule[];
  allow: AllowSpec;
  ignore: string[];
  /** `redact.placeholder`: the redact operator's fixed text. */
  placeholder?: string;
}

type Text = string | Localized;
interface RawConfig {
  minConfidence?: Confidence;
  rules?: Record<string, 'off' | 'on' | Severity | boolean | (Omit<RuleSettings, 'placeholder'> & { placeholder?: Text })>;
  allow?: { value?: string; pattern?: string; fingerprint?: string; rules?: string[]; comment?: string }[];
  ignore?: string[];
  redact?: { placeholder?: string };
  customRules?: RawCustomRule[];
}
interface RawCustomRule {
  id: string;
  name?: Text;
  description?: Text;
  category?: Category;
  severity?: Severity;
  minConfidence?: Confidence;
  pattern: string;
  length: number | [number, number];
  charset?: 'digits' | 'digits-x' | 'alnum';
  groupings?: string[];
  validator?: string;
  context?: { hotwords?: string[]; negative?: string[]; required?: boolean };
  mask?: { keepStart?: number; keepEnd?: number; char?: string };
  placeholder?: Text;
  token?: string;
  examples?: { valid?: string[]; invalid?: string[] };
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validateConfig: Validate | undefined;

/** Written by the build beside the bundles: the schema's validator, compiled (see scripts/build.mjs). */
const PRECOMPILED_VALIDATOR = 'config-validator.js';

/** The schema's validator: the build's precompiled one (bundles), else compiled now (~45 ms). */
function configValidator(): Validate {
  if (validateConfig) return validateConfig;
  const precompiled = join(__dirname, PRECOMPILED_VALIDATOR);
  if (existsSync(precompiled)) {
    const mod = require(precompiled) as Validate | { default: Validate };
    validateConfig = typeof mod === 'function' ? mod : mod.default;
  } else validateConfig = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validateConfig;
}

type SchemaNode = Record<string, unknown>;

/**
 * The schema object holding the keyword that failed. ajv's `schemaPath` is from the root, or,
 * inside a `$ref`'d definition, from that definition: so it is tried from the root, then from the
 * schemas of the failing value and of each value holding it.
 */
function parentSchema(e: ErrorObject): SchemaNode | undefined {
  const parts = e.schemaPath.replace(/^#\/?/, '').split('/').slice(0, -1).map(unescapePointer);
  const path = e.instancePath.split('/');
  const starts = [schema as SchemaNode, ...path.map((_, n) => schemaOfValue(path.slice(0, path.length - n).join('/')))];
  for (const start of starts) {
    let node: SchemaNode | undefined = start;
    for (const part of parts) node = deref(node?.[part] as SchemaNode | undefined);
    if (node && e.keyword in node) return node;
  }
  return undefined;
}

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref;
  return typeof ref === 'string' && ref.startsWith('#/definitions/') ? ((schema.definitions as Record<string, SchemaNode>)[ref.slice(14)] ?? node) : node;
}

/** The schema a value at `instancePath` (`/rules/cn-mobile`) is checked against. */
function schemaOfValue(instancePath: string): SchemaNode | undefined {
  let node = deref(schema as SchemaNode);
  for (const part of instancePath.split('/').slice(1)) {
    const props = node?.properties as Record<string, SchemaNode> | undefined;
    if (props?.[part]) node = deref(props[part]);
    else if (/^\d+$/.test(part) && node?.items) node = deref(node.items as SchemaNode);
    else if (node?.additionalProperties && typeof node.additionalProperties === 'object') node = deref(node.additionalProperties as SchemaNode);
    else return undefined;
  }
  return node;
}

/**
 * Parses, validates and compiles a configuration's text.
 * @param builtinIds the ids of the built-in rules (`rules:` may name them and custom ones only)
 * @throws RuleFileError naming file, line, column and field
 */
export function loadConfig(text: string, file: string, builtinIds: ReadonlySet<string>): ProjectConfig {
  const yaml = parseYamlFile(text, file);
  const data: unknown = yaml.doc.toJS() ?? {};
  const validate = configValidator();
  if (!validate(data)) throw schemaError(validate.errors ?? [], yaml);
  return compile(data as RawConfig, file, builtinIds, (path, problem) => errorAt(yaml, path, problem));
}

function compile(raw: RawConfig, file: string, builtinIds: ReadonlySet<string>, at: (path: FieldPath, problem: Localized) => RuleFileError): ProjectConfig {
  const customRules: Rule[] = [];
  const rules: Record<string, RuleSettings> = {};
  const customIds = new Set<string>();
  (raw.customRules ?? []).forEach((r, i) => {
    if (builtinIds.has(r.id)) throw at(['customRules', i, 'id'], problems.builtinRuleId(r.id));
    if (customIds.has(r.id)) throw at(['customRules', i, 'id'], problems.duplicateRule(r.id));
    if (RESERVED_IDS.has(r.id)) throw at(['customRules', i, 'id'], problems.reservedRuleId(r.id));
    customIds.add(r.id);
    customRules.push(compileCustomRule(r, file, (field, problem) => at(['customRules', i, ...field], problem)));
    if (r.minConfidence) rules[r.id] = { minConfidence: r.minConfidence };
  });
  for (const [id, setting] of Object.entries(raw.rules ?? {})) {
    if (!builtinIds.has(id) && !customIds.has(id)) throw at(['rules', id], problems.unknownRuleHere(id));
    rules[id] = { ...rules[id], ...ruleSettings(setting) };
  }
  const known = (id: string) => builtinIds.has(id) || customIds.has(id);
  const allow: AllowSpec = { values: [], patterns: [], fingerprints: [] };
  (raw.allow ?? []).forEach((entry, i) => {
    const kinds = (['value', 'pattern', 'fingerprint'] as const).filter((k) => entry[k] !== undefined);
    if (kinds.length !== 1) throw at(['allow', i], problems.allowOneKind(kinds));
    entry.rules?.forEach((id, k) => {
      if (!known(id)) throw at(['allow', i, 'rules', k], problems.unknownRule(id));
    });
    const scope = entry.rules ? { rules: entry.rules } : {};
    if (entry.value !== undefined) {
      const normalized = normalizeSpan(entry.value, 0, entry.value.length);
      if (!normalized) throw at(['allow', i, 'value'], problems.noLettersOrDigits());
      allow.values.push({ normalized, ...scope });
    } else if (entry.pattern !== undefined) {
      const problem = regexProblem(entry.pattern);
      if (problem) throw at(['allow', i, 'pattern'], problem);
      allow.patterns.push({ source: entry.pattern, ...scope });
    } else {
      allow.fingerprints.push({ hex: entry.fingerprint!.slice(3), ...scope });
    }
  });
  return {
    file,
    dir: dirname(file),
    ...(raw.minConfidence ? { minConfidence: raw.minConfidence } : {}),
    rules,
    customRules,
    allow,
    ignore: raw.ignore ?? [],
    ...(raw.redact?.placeholder !== undefined ? { placeholder: raw.redact.placeholder } : {}),
  };
}

function ruleSettings(setting: NonNullable<RawConfig['rules']>[string]): RuleSettings {
  if (setting === 'off' || setting === false) return { enabled: false };
  if (setting === 'on' || setting === true) return { enabled: true };
  if (typeof setting === 'string') return { severity: setting };
  const { placeholder, ...rest } = setting;
  return { ...rest, ...(placeholder !== undefined ? { placeholder: localized(placeholder) } : {}) };
}

function localized(text: Text): Localized {
  return typeof text === 'string' ? { en: text, 'zh-CN': text } : text;
}

/** A custom rule, compiled (and checked: anchors, safe regex, validator, length) by the pack loader. */
function compileCustomRule(r: RawCustomRule, file: string, fail: (field: FieldPath, problem: Localized) => RuleFileError): Rule {
  const name = localized(r.name ?? r.id);
  const raw = {
    id: r.id,
    name,
    placeholder: r.placeholder !== undefined ? localized(r.placeholder) : name,
    ...(r.token ? { token: r.token } : {}),
    description: localized(r.description ?? name),
    category: r.category ?? 'id-number',
    severity: r.severity ?? 'warning',
    standard: `custom rule (${file})`,
    match: { pattern: r.pattern, length: r.length, charset: r.charset ?? 'alnum', ...(r.groupings ? { groupings: r.groupings } : {}) },
    ...(r.validator ? { validator: r.validator } : {}),
    context: { hotwords: r.context?.hotwords ?? [], negative: r.context?.negative ?? [], required: r.context?.required ?? false },
    mask: { keepStart: r.mask?.keepStart ?? 0, keepEnd: r.mask?.keepEnd ?? 0, ...(r.mask?.char ? { char: r.mask.char } : {}) },
    examples: { valid: r.examples?.valid ?? [], invalid: r.examples?.invalid ?? [] },
  };
  // The pack's rules[0].match.pattern is this rule's pattern, its rules[0].validator its validator.
  const at = (path: FieldPath, problem: Localized) => fail(path[2] === 'match' ? path.slice(3) : path.slice(2), problem);
  const rule = loadCheckedRulePack({ pack: 'config', name, rules: [raw] }, file, { at, safePatterns: true }).rules[0];
  // The rule's own examples, as `sdguard rules test` runs a pack's (scanned by this rule alone).
  const { failures } = testRuleExamples(new Engine([rule]));
  if (failures.length) {
    const f = failures[0];
    throw fail(['examples', f.kind, f.index - 1], f.kind === 'valid' ? problems.exampleNotFound(f.masked, f.found) : problems.invalidExampleFound(f.masked));
  }
  return rule;
}

/** The error a user can act on: the deepest field, with the schema's own wording where it has one. */
function schemaError(errors: ErrorObject[], yaml: YamlFile): RuleFileError {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length + (e.keyword === 'additionalProperties' ? 1 : 0);
  const deepest = Math.max(...errors.map(depth));
  const candidates = errors.filter((e) => depth(e) === deepest);
  for (const e of candidates) {
    const schemaNode = e.keyword !== 'additionalProperties' ? parentSchema(e) : undefined;
    const [en, zh] = [schemaNode?.['x-problem'], schemaNode?.['x-problem-zh']];
    if (typeof en === 'string') return errorAt(yaml, schemaErrorPath(e), { en, 'zh-CN': typeof zh === 'string' ? zh : en });
  }
  const best = candidates.find((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf') ?? candidates[0];
  if (best.keyword === 'propertyNames') {
    const path = schemaErrorPath(best);
    const name = (best.params as { propertyName?: string }).propertyName;
    if (name !== undefined) path.push(name);
    return errorAt(yaml, path, problems.badRuleId());
  }
  const { path, problem } = describeSchemaError(best, suggestion);
  return errorAt(yaml, path, problem);
}

/** The fields there are where an unknown one was found. */
function suggestion(e: ErrorObject): string[] {
  const props = (parentSchema(e) as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props).filter((k) => k !== '$schema') : [];
}
