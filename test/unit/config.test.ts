import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { fingerprint } from '../../server/src/engine/redact/operators';
import { RuleFileError } from '../../server/src/engine/rules/ruleFileError';
import { validators } from '../../server/src/engine/validators';
import { luhnCheckDigit } from '../../server/src/engine/validators/luhn';
import type { Engine } from '../../server/src/engine/engine';
import { engineFromSpec, engineSpec } from '../../server/src/config/configuredEngine';
import { ConfigFinder } from '../../server/src/config/findConfig';
import { loadConfig } from '../../server/src/config/loadConfig';
import { regexProblem } from '../../server/src/engine/rules/regexSafety';
import { ConfigResolver } from '../../server/src/config/resolver';
import { builtinEngine, repoRoot } from '../support/engine';
import { ruleFileErrorOf } from '../support/ruleFiles';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

const FILE = '/project/.sdguard.yaml';
const builtinIds = () => new Set(builtinEngine().rules.map((r) => r.id));

/** Loads a configuration text, or returns its error. */
function load(text: string) {
  return loadConfig(text, FILE, builtinIds());
}
const loadError = (text: string): RuleFileError => ruleFileErrorOf(() => load(text), 'the configuration loaded');
function engineOf(text: string, key?: Uint8Array): Engine {
  return engineFromSpec(engineSpec(builtinEngine().rules, load(text), { key }));
}
const found = (engine: Engine, text: string, minConfidence: 'low' | 'medium' | 'high' = 'medium') =>
  engine.scan(text, { kind: 'plain', minConfidence }).map((f) => `${f.ruleId}:${text.slice(f.start, f.end)}`);

/** A 16-digit number starting 99 (no card network) with a valid Luhn check digit, and one with a wrong one. */
function luhnPair(seed: number): [string, string] {
  const rng = makeRng(seed);
  let body = '99';
  while (body.length < 15) body += String(Math.floor(rng() * 10));
  const check = Number(luhnCheckDigit(body));
  return [body + check, body + ((check + 1) % 10)];
}

describe('project configuration (.sdguard.yaml)', () => {
  const rng = makeRng(7070);
  const id = synthResidentId(rng);
  const id2 = synthResidentId(rng);
  const mobile = synthMobile(rng);
  const card = synthBankCard(rng, 'visa', { length: 16 });

  describe('regular expression safety', () => {
    for (const unsafe of ['(a+)+$', '(\\d|\\d)*x', '(.*a){12}', '(a|ab)*c', '(\\d\\d?)+$', '(\\w+\\s?)*$', '(a?)*b', '(x|[a-z])+y', '(\\d|\\d){20}', '(a)\\1', '(?<n>a)\\k<n>']) {
      it(`refuses ${unsafe}`, () => {
        const problem = regexProblem(unsafe);
        assert.ok(problem, 'accepted');
        assert.match(problem.en, /unsafe regular expression/);
        assert.match(problem['zh-CN'], /正则表达式不安全/);
      });
    }
    for (const safe of ['^E\\d{6}$', '^[A-Z]{2}\\d{6,8}$', '^TEST-', '^(?!000)\\d{9}$', '(\\d{4}[ -]?){3}', '^(?:ab|cd)+$', '^[^\\s]+$', '([A-Z]\\d{0,2})*', '(\\d|\\d){3}', '\\d*\\d*x', 'a{2,}b', '^\\p{L}+$', '[\\]a-z]+']) {
      it(`accepts ${safe}`, () => assert.equal(regexProblem(safe), undefined));
    }
    it('says what is wrong and where, and how to fix it', () => {
      assert.match(regexProblem('^E(\\d+)+$')!.en, /"\(\\d\+\)\+" \(character 3\) repeats "\\d\+", which itself repeats without limit.*\\d\{1,20\}/);
      assert.match(regexProblem('(')!.en, /invalid regular expression/);
    });
    it('refused patterns really are slow, accepted ones fast (on a 22-character input)', () => {
      const input = `${'1'.repeat(21)}!`;
      const time = (source: string) => {
        const started = performance.now();
        new RegExp(source).test(input);
        return performance.now() - started;
      };
      const fast = time('^\\d{1,40}$');
      const slow = Math.max(time('^(\\d|\\d)*$'), time('^(\\d+)+$'));
      assert.ok(slow > 20 * fast + 5, `catastrophic ${slow} ms, safe ${fast} ms`);
    });
  });

  describe('loading and errors (file:line:col: field: problem)', () => {
    it('loads the documented example', () => {
      const c = load(readFileSync(join(repoRoot, 'schemas', 'sdguard.example.yaml'), 'utf8'));
      assert.equal(c.minConfidence, 'medium');
      assert.deepEqual(c.rules['cn-mobile'], { enabled: false });
      assert.equal(c.rules['bank-card'].severity, 'error');
      assert.equal(c.customRules[0].id, 'employee-no');
      assert.equal(c.allow.values.length + c.allow.patterns.length + c.allow.fingerprints.length, 3);
      assert.equal(c.placeholder, '[REMOVED]');
    });
    it('an empty file is a configuration that changes nothing', () => {
      const c = load('');
      assert.deepEqual(c.rules, {});
      assert.equal(c.customRules.length, 0);
    });
    it('YAML syntax error', () => {
      const e = loadError('rules:\n  cn-mobile: off\n bank-card: [\n');
      assert.ok(e.line >= 2, `line ${e.line}`);
      assert.match(e.message, /^\/project\/\.sdguard\.yaml:\d+:\d+: YAML syntax error/);
    });
    it('unknown field, with the known ones', () => {
      const e = loadError('minConfidence: high\nrules:\n  cn-mobile: { severty: error }\n');
      assert.equal(e.message, '/project/.sdguard.yaml:3:16: rules.cn-mobile.severty: is not a known field (known fields: enabled, severity, minConfidence, mask, placeholder)');
      assert.equal(loadError('allowed:\n  - value: x\n').message, '/project/.sdguard.yaml:1:1: allowed: is not a known field (known fields: minConfidence, rules, allow, ignore, redact, customRules)');
    });
    it('bad type or value', () => {
      assert.equal(loadError('minConfidence: 3\n').message, '/project/.sdguard.yaml:1:1: minConfidence: must be one of: low, medium, high');
      assert.equal(
        loadError('rules:\n  cn-mobile: sometimes\n').message,
        '/project/.sdguard.yaml:2:3: rules.cn-mobile: must be off, on, a severity (error, warning, info, hint) or an object { enabled, severity, minConfidence, mask, placeholder }',
      );
      assert.equal(loadError('ignore: fixtures/\n').message, '/project/.sdguard.yaml:1:1: ignore: must be array');
      assert.match(loadError('allow:\n  - fingerprint: "fp:abc"\n').message, /:2:5: allow\[0\]\.fingerprint: must be fp: and 64 lower-case hex digits/);
      assert.match(loadError('allow:\n  - comment: why\n').message, /:2:5: allow\[0\]: an allow entry needs one of value, pattern or fingerprint/);
      assert.match(loadError('customRules:\n  - id: x-no\n    pattern: "^X\\\\d{6}$"\n').message, /:2:5: customRules\[0\]: missing required field "length"/);
    });
    it('unknown rules, built-in ids for custom rules, unknown validators', () => {
      assert.match(loadError('rules:\n  cn-mobil: off\n').message, /:2:3: rules\.cn-mobil: unknown rule "cn-mobil"/);
      assert.match(loadError('customRules:\n  - id: cn-mobile\n    pattern: "^X\\\\d{6}$"\n    length: 7\n').message, /customRules\[0\]\.id: "cn-mobile" is a built-in rule/);
      assert.match(loadError('customRules:\n  - id: x-no\n    pattern: "^X\\\\d{6}$"\n    length: 7\n    validator: nope\n').message, /:5:5: customRules\[0\]\.validator: must be one of: luhn/);
      assert.match(loadError('allow:\n  - value: "123456"\n    rules: [nope]\n').message, /allow\[0\]\.rules\[0\]: unknown rule "nope"/);
    });
    it('custom rule patterns: anchored, safe, and their examples hold', () => {
      assert.match(loadError('customRules:\n  - id: x-no\n    pattern: "X\\\\d{6}"\n    length: 7\n').message, /:3:5: customRules\[0\]\.pattern: the pattern must be anchored/);
      assert.match(loadError('customRules:\n  - id: x-no\n    pattern: "^(\\\\d|\\\\d)*X$"\n    length: 7\n').message, /:3:5: customRules\[0\]\.pattern: unsafe regular expression \(catastrophic backtracking/);
      const e = loadError('customRules:\n  - id: x-no\n    pattern: "^X\\\\d{6}$"\n    length: 7\n    examples: { valid: ["X12345"] }\n');
      assert.match(e.message, /customRules\[0\]\.examples\.valid\[0\]: the rule does not find this example/);
      assert.ok(!e.message.includes('X12345'), 'an example is shown masked');
    });
    it('allow patterns are checked for catastrophic backtracking', () => {
      for (const p of ['(a+)+$', '(\\\\d|\\\\d)*x', '(.*a){12}']) {
        const e = loadError(`allow:\n  - pattern: "${p}"\n`);
        assert.equal(e.field, 'allow[0].pattern');
        assert.equal(e.line, 2);
        assert.match(e.problem, /catastrophic backtracking/);
      }
      assert.doesNotThrow(() => load('allow:\n  - pattern: "^TEST-\\\\d+$"\n'));
    });
    it('a JSON configuration (.sdguard.json) is read by the same parser', () => {
      const c = loadConfig('{ "rules": { "cn-mobile": "off" } }', '/project/.sdguard.json', builtinIds());
      assert.deepEqual(c.rules['cn-mobile'], { enabled: false });
    });
  });

  describe('the schema', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'sdguard-config.schema.json'), 'utf8'));
    it('is a valid draft-07 schema that accepts the documented example', () => {
      const validate = new Ajv({ strict: false }).compile(schema);
      assert.ok(validate(parse(readFileSync(join(repoRoot, 'schemas', 'sdguard.example.yaml'), 'utf8'))), JSON.stringify(validate.errors));
    });
    it('lists every built-in rule and validator (for completion in the editor)', () => {
      assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...builtinIds()].sort());
      assert.deepEqual([...schema.definitions.customRule.properties.validator.enum].sort(), [...validators.keys()].sort());
    });
  });

  describe('what a configuration changes', () => {
    it('rules off, severity, mask', () => {
      const e = engineOf('rules:\n  cn-mobile: off\n  cn-resident-id: { severity: info, mask: { keepStart: 0, keepEnd: 4 } }\n  bank-card: hint\n');
      assert.equal(e.rule('cn-mobile'), undefined);
      assert.equal(e.rule('cn-resident-id')!.severity, 'info');
      assert.equal(e.rule('bank-card')!.severity, 'hint');
      assert.deepEqual(found(e, `手机 ${mobile}`), []);
      const text = `身份证 ${id}`;
      const f = e.scan(text, { kind: 'plain' });
      assert.equal(e.masked(text, f[0]), `${'*'.repeat(14)}${id.slice(-4)}`);
      // the built-in engine is untouched
      assert.equal(builtinEngine().rule('cn-resident-id')!.severity, 'error');
    });
    it('minConfidence: global and per rule (a rule may go lower than the scan)', () => {
      // A bare 18-digit ID with a valid check digit is high; a mobile number without context medium.
      const text = `${id} ${mobile}`;
      assert.deepEqual(found(engineOf(''), text).length, 2);
      assert.deepEqual(found(engineOf('minConfidence: high\n'), text), [`cn-resident-id:${id}`]);
      assert.deepEqual(found(engineOf('rules:\n  cn-mobile: { minConfidence: high }\n'), text), [`cn-resident-id:${id}`]);
      // An account number with no label is low: reported only where the rule's threshold is low.
      const account = '1234567890123456';
      const low = engineOf('rules:\n  cn-bank-account: { minConfidence: low }\n');
      assert.deepEqual(found(engineOf(''), `x ${account} y`), []);
      assert.deepEqual(found(low, `x ${account} y`), [`cn-bank-account:${account}`]);
      assert.deepEqual(found(low, `x ${mobile} y`), [`cn-mobile:${mobile}`], 'other rules keep the scan threshold');
    });
    it('allow by exact value, after normalization, optionally per rule', () => {
      const spaced = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
      const e = engineOf(`allow:\n  - value: "${spaced}"\n`);
      assert.deepEqual(found(e, `身份证 ${id} 另一个 ${id2}`), [`cn-resident-id:${id2}`]);
      assert.deepEqual(found(e, `身份证 ${id.slice(0, 17)}${id.slice(17).toLowerCase()}`).length, 0);
      const other = engineOf(`allow:\n  - value: "${id}"\n    rules: [bank-card]\n`);
      assert.deepEqual(found(other, `身份证 ${id}`), [`cn-resident-id:${id}`]);
      // A mobile number with or without +86.
      assert.deepEqual(found(engineOf(`allow:\n  - value: "+86 ${mobile}"\n`), `手机 ${mobile}`), []);
    });
    it('an entry limited to some rules leaves the same value to the other rules that match it', () => {
      // Both rules match the whole value and both hotwords are there: the resident ID (validated,
      // high) ranks first.
      const staff = 'customRules:\n  - id: staff-no\n    pattern: "^\\\\d{17}[\\\\dX]$"\n    length: 18\n    charset: digits-x\n    context: { hotwords: [工号], required: true }\n';
      const text = `身份证号 工号 ${id}`;
      assert.deepEqual(found(engineOf(staff), text), [`cn-resident-id:${id}`]);
      // Allowed as a resident ID only: it is still a staff number.
      assert.deepEqual(found(engineOf(`${staff}allow:\n  - value: "${id}"\n    rules: [cn-resident-id]\n`), text), [`staff-no:${id}`]);
      // Allowed for every rule: nothing.
      assert.deepEqual(found(engineOf(`${staff}allow:\n  - value: "${id}"\n`), text), []);
    });
    it('an allowed value still covers its span: nothing shorter inside it is reported', () => {
      // Both the 17-digit card and its first 16 digits pass the Luhn check.
      const grouped = '6222 0212 3456 7890 1';
      assert.deepEqual(found(engineOf(''), `卡号 ${grouped.slice(0, -2)}`), ['bank-card:6222 0212 3456 7890']);
      assert.deepEqual(found(engineOf(''), `卡号 ${grouped}`), [`bank-card:${grouped}`]);
      assert.deepEqual(found(engineOf(`allow:\n  - value: "${grouped}"\n`), `卡号 ${grouped}`, 'low'), []);
    });
    it('allow by regular expression, on the value as written or normalized', () => {
      const e = engineOf(`allow:\n  - pattern: "^${id.slice(0, 6)}"\n`);
      assert.deepEqual(found(e, `身份证 ${id} ${id2}`), id.slice(0, 6) === id2.slice(0, 6) ? [] : [`cn-resident-id:${id2}`]);
      const grouped = card.replace(/(\d{4})(?=\d)/g, '$1 ');
      const byNormalized = engineOf(`allow:\n  - pattern: "^${card.slice(0, 8)}"\n`);
      assert.deepEqual(found(byNormalized, `卡号 ${grouped}`), []);
    });
    it('allow by keyed fingerprint: with the key only', () => {
      const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
      const fp = fingerprint(key, 'cn-resident-id', id);
      const text = `allow:\n  - fingerprint: "fp:${fp}"\n`;
      assert.deepEqual(found(engineOf(text, key), `身份证 ${id} ${id2}`), [`cn-resident-id:${id2}`]);
      // Another spelling of the same value has the same fingerprint.
      assert.deepEqual(found(engineOf(text, key), `身份证 ${id.slice(0, 6)}-${id.slice(6)}`), []);
      // Without the key (or with another) the entry cannot apply.
      assert.equal(found(engineOf(text), `身份证 ${id}`).length, 1);
      assert.equal(found(engineOf(text, Buffer.alloc(16, 1)), `身份证 ${id}`).length, 1);
    });
    it('custom rule with context only (no validator)', () => {
      const e = engineOf('customRules:\n  - id: employee-no\n    name: { en: Employee number, zh-CN: 工号 }\n    pattern: "^E\\\\d{6}$"\n    length: 7\n    context: { hotwords: [工号, employee], required: true }\n');
      assert.deepEqual(found(e, '工号 E123456'), ['employee-no:E123456']);
      assert.deepEqual(found(e, 'ref E123456'), []);
      assert.deepEqual(found(e, '工号 E12345'), []);
      assert.equal(e.rule('employee-no')!.name['zh-CN'], '工号');
      // In a table, the header speaks for the column.
      assert.deepEqual(found(e, '姓名,工号\n张三,E654321\n').length, 0, 'plain text has no header');
      assert.deepEqual(
        e.scan('姓名,工号\n张三,E654321\n', { kind: 'csv' }).map((f) => f.ruleId),
        ['employee-no'],
      );
    });
    it('custom rule with a built-in validator', () => {
      const [good, bad] = luhnPair(5);
      const e = engineOf('customRules:\n  - id: member-card\n    pattern: "^99\\\\d{14}$"\n    length: 16\n    charset: digits\n    validator: luhn\n    severity: error\n');
      assert.deepEqual(found(e, `no ${good} here`), [`member-card:${good}`]);
      assert.deepEqual(found(e, `no ${bad} here`), []);
      assert.equal(e.rule('member-card')!.severity, 'error');
    });
    it('a shape-only custom rule is low until the threshold allows it', () => {
      const yaml = 'customRules:\n  - id: zx-code\n    pattern: "^ZX\\\\d{8}$"\n    length: 10\n';
      assert.deepEqual(found(engineOf(yaml), 'ZX12345678'), []);
      assert.deepEqual(found(engineOf(`${yaml}    minConfidence: low\n`), 'ZX12345678'), ['zx-code:ZX12345678']);
      assert.deepEqual(found(engineOf(`${yaml}rules:\n  zx-code: off\n`), 'ZX12345678', 'low'), []);
    });
    it('an engine spec survives structured cloning (scan workers build the same engine)', () => {
      const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
      const yaml = `rules:\n  cn-mobile: off\nallow:\n  - pattern: "^${id2.slice(0, 4)}"\n  - fingerprint: "fp:${fingerprint(key, 'cn-resident-id', id)}"\ncustomRules:\n  - id: employee-no\n    pattern: "^E\\\\d{6}$"\n    length: 7\n    context: { hotwords: [工号] }\n`;
      const spec = engineSpec(builtinEngine().rules, load(yaml), { key });
      const text = `身份证 ${id} ${id2} 手机 ${mobile} 工号 E123456 ${card}`;
      assert.deepEqual(found(engineFromSpec(structuredClone(spec)), text), found(engineFromSpec(spec), text));
    });
  });

  describe('finding the configuration of a file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'sdguard-config-'));
      mkdirSync(join(dir, 'a', 'b', 'c'), { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('walks up to the nearest one; the nearest wins', () => {
      writeFileSync(join(dir, '.sdguard.yaml'), 'rules:\n  cn-mobile: off\n');
      writeFileSync(join(dir, 'a', 'b', '.sdguard.yml'), 'minConfidence: high\n');
      const finder = new ConfigFinder();
      assert.equal(finder.forFile(join(dir, 'x.csv')), join(dir, '.sdguard.yaml'));
      assert.equal(finder.forFile(join(dir, 'a', 'x.csv')), join(dir, '.sdguard.yaml'));
      assert.equal(finder.forFile(join(dir, 'a', 'b', 'x.csv')), join(dir, 'a', 'b', '.sdguard.yml'));
      assert.equal(finder.forFile(join(dir, 'a', 'b', 'c', 'x.csv')), join(dir, 'a', 'b', '.sdguard.yml'));
      const resolver = new ConfigResolver({ builtinIds: builtinIds() });
      const deep = resolver.resolve(join(dir, 'a', 'b', 'c', 'x.csv')).config!;
      assert.equal(deep.minConfidence, 'high');
      assert.equal(deep.rules['cn-mobile'], undefined, 'no merging with the configuration above');
    });
    it('stops at the filesystem root; answers are cached per folder until cleared', () => {
      const finder = new ConfigFinder();
      assert.equal(finder.forFile(join(dir, 'a', 'x.csv')), undefined);
      writeFileSync(join(dir, 'a', '.sdguard.json'), '{}');
      assert.equal(finder.forFile(join(dir, 'a', 'x.csv')), undefined, 'cached');
      finder.clear();
      assert.equal(finder.forFile(join(dir, 'a', 'b', 'x.csv')), join(dir, 'a', '.sdguard.json'));
    });
    it('ignore paths are relative to the configuration, in .gitignore syntax', () => {
      writeFileSync(join(dir, 'a', '.sdguard.yaml'), 'ignore: ["b/c/", "*.min.js", "/top.csv"]\n');
      const resolver = new ConfigResolver({ builtinIds: builtinIds() });
      const ignored = (rel: string) => {
        const path = join(dir, rel);
        return resolver.ignored(path, resolver.resolve(path));
      };
      assert.equal(ignored('a/b/c/x.csv'), true);
      assert.equal(ignored('a/b/x.csv'), false);
      assert.equal(ignored('a/b/app.min.js'), true);
      assert.equal(ignored('a/top.csv'), true);
      assert.equal(ignored('a/b/top.csv'), false);
      assert.equal(ignored('x.csv'), false, 'outside the configuration');
    });
    it('a broken configuration: the editor keeps the last good one, the CLI has none', () => {
      const file = join(dir, '.sdguard.yaml');
      writeFileSync(file, 'rules:\n  cn-mobile: off\n');
      const editor = new ConfigResolver({ builtinIds: builtinIds(), keepLastGood: true });
      const cli = new ConfigResolver({ builtinIds: builtinIds() });
      const x = join(dir, 'x.csv');
      assert.ok(editor.resolve(x).config);
      writeFileSync(file, 'rules:\n  cn-mobile: offf\n');
      assert.equal(editor.recheck().length, 1);
      const r = editor.resolve(x);
      assert.deepEqual(r.config?.rules['cn-mobile'], { enabled: false }, 'last good one');
      assert.match(r.state!.error!.message, /\.sdguard\.yaml:2:3: rules\.cn-mobile: must be off, on/);
      assert.equal(cli.resolve(x).config, undefined);
      assert.equal(cli.resolve(x).broken, true);
      writeFileSync(file, 'rules:\n  cn-mobile: error\n');
      editor.recheck();
      assert.equal(editor.resolve(x).state!.error, undefined);
      assert.equal(editor.resolve(x).config!.rules['cn-mobile'].severity, 'error');
    });
    it('an untrusted workspace: configurations are found but not read', () => {
      writeFileSync(join(dir, '.sdguard.yaml'), 'customRules:\n  - id: x-no\n    pattern: "^X\\\\d{6}$"\n    length: 7\n');
      const resolver = new ConfigResolver({ builtinIds: builtinIds(), trusted: false });
      const r = resolver.resolve(join(dir, 'x.csv'));
      assert.equal(r.untrusted, true);
      assert.equal(r.file, join(dir, '.sdguard.yaml'));
      assert.equal(r.config, undefined);
      assert.equal(resolver.all().length, 0, 'not read');
    });
  });
});
