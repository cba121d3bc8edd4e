import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { loadConfig } from '../../../server/src/config/loadConfig';
import { loadRuleFolder, rulesOf } from '../../../server/src/engine/rules/builtinRules';
import { loadRulePack } from '../../../server/src/engine/rules/loadRulePack';
import { builtinEngine, repoRoot } from '../../support/engine';
import { ruleFileErrorOf } from '../../support/ruleFiles';

const builtinIds = () => new Set(builtinEngine().rules.map((r) => r.id));

const errorOf = ruleFileErrorOf;

/** A one-rule pack as a user writes one for `sdguard rules test`. */
function pack(pattern: string, length = '7'): string {
  return [
    'pack: mine',
    'name: { en: Mine, zh-CN: 我的 }',
    'rules:',
    '  - id: employee-no',
    '    name: { en: Employee number, zh-CN: 工号 }',
    '    placeholder: { en: Employee number, zh-CN: 工号 }',
    '    description: { en: Employee number, zh-CN: 工号 }',
    '    category: id-number',
    '    severity: warning',
    '    standard: internal',
    '    match:',
    `      pattern: '${pattern}'`,
    `      length: ${length}`,
    '      charset: alnum',
    '    context: { hotwords: [工号], negative: [] }',
    '    mask: { keepStart: 0, keepEnd: 2 }',
    "    examples: { valid: ['E123456'], invalid: ['E12345'] }",
    '',
  ].join('\n');
}

/** A configuration with one custom rule. */
function config(pattern: string, length = '7'): string {
  return `customRules:\n  - id: x-no\n    pattern: '${pattern}'\n    length: ${length}\n`;
}

describe('custom rules are checked once, by the pack loader, wherever they come from', () => {
  it('a user pack with a pattern that may backtrack catastrophically is refused, at the pattern', () => {
    const e = errorOf(() => loadRulePack(pack('^E(\\d+)+$'), 'mine.yaml'));
    assert.equal(e.field, 'rules[0].match.pattern');
    assert.equal(e.line, 12);
    assert.match(e.problem, /^unsafe regular expression \(catastrophic backtracking/);
  });

  it('a user pack with a safe pattern loads', () => {
    assert.equal(loadRulePack(pack('^E\\d{6}$'), 'mine.yaml').rules[0].id, 'employee-no');
  });

  it('an unanchored pattern: the same words in a pack and in a configuration', () => {
    const inPack = errorOf(() => loadRulePack(pack('E\\d{6}'), 'mine.yaml'));
    const inConfig = errorOf(() => loadConfig(config('E\\d{6}'), '/project/.sdguard.yaml', builtinIds()));
    assert.equal(inPack.problem, inConfig.problem);
    assert.equal(inConfig.message, '/project/.sdguard.yaml:3:5: customRules[0].pattern: the pattern must be anchored with ^ and $ (it is tested on the whole normalized value)');
  });

  it('a length range the wrong way round, at the field where the configuration has it', () => {
    const e = errorOf(() => loadConfig(config('^E\\d{6}$', '[8, 7]'), '/project/.sdguard.yaml', builtinIds()));
    assert.equal(e.message, '/project/.sdguard.yaml:4:5: customRules[0].length: minimum 8 is greater than maximum 7');
    assert.equal(errorOf(() => loadRulePack(pack('^E\\d{6}$', '[8, 7]'), 'mine.yaml')).field, 'rules[0].match.length');
  });

  it('the built-in packs pass the same checks (as YAML, the way the build reads them)', () => {
    // Loaded here, not from the cached engine: loadRuleFolder reads each rules/*.yaml through
    // loadRulePack (YAML, schema, then the pattern checks a user's pack gets, safety included).
    const rules = rulesOf(loadRuleFolder(join(repoRoot, 'rules')));
    assert.ok(rules.length > 20);
  });
});
