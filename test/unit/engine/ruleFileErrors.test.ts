import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRulePack } from '../../../server/src/engine/rules/loadRulePack';
import { repoRoot } from '../../support/engine';
import { lineOf, ruleFileErrorOf } from '../../support/ruleFiles';

const good = readFileSync(join(repoRoot, 'rules', 'cn-mainland.yaml'), 'utf8');

const errorOf = (text: string) => ruleFileErrorOf(() => loadRulePack(text, 'custom.yaml'), 'expected the rule file to be rejected');

describe('rule file errors name file, line and field', () => {
  it('accepts the built-in pack', () => {
    const pack = loadRulePack(good, 'cn-mainland.yaml');
    assert.equal(pack.id, 'cn-mainland');
    assert.ok(pack.rules.some((r) => r.id === 'cn-resident-id'));
  });

  it('an unknown severity', () => {
    const text = good.replace('severity: warning', 'severity: critical');
    const e = errorOf(text);
    assert.equal(e.file, 'custom.yaml');
    assert.equal(e.field, 'rules[1].severity');
    assert.equal(e.line, lineOf(text, 'severity: critical'));
    assert.match(e.message, /^custom\.yaml:\d+:\d+: rules\[1\]\.severity: must be one of: error, warning, info, hint$/);
  });

  it('an unknown field, pointing at its key', () => {
    const text = good.replace('    standard: GB 32100', '    colour: red\n    standard: GB 32100');
    const e = errorOf(text);
    assert.equal(e.field, 'rules[1].colour');
    assert.equal(e.line, lineOf(text, 'colour: red'));
    assert.match(e.problem, /not a known field/);
  });

  it('a missing required field', () => {
    const text = good.replace(/    category: contact\n/, '');
    const e = errorOf(text);
    assert.equal(e.field, 'rules[2]');
    assert.match(e.problem, /missing required field "category"/);
    assert.equal(e.line, lineOf(text, '- id: cn-mobile') );
  });

  it('an invalid regular expression', () => {
    // A function replacement: a replacement string would read `$'` as a special pattern.
    const text = good.replace("pattern: '^(?:86|0086)?1[3-9]\\d{9}$'", () => "pattern: '^(?:86|0086?1[3-9]\\d{9}$'");
    const e = errorOf(text);
    assert.equal(e.field, 'rules[2].match.pattern');
    assert.equal(e.line, lineOf(text, "pattern: '^(?:86|0086?1"));
    assert.match(e.problem, /invalid regular expression/);
  });

  it('an unknown validator', () => {
    const text = good.replace('validator: uscc', 'validator: no-such-check');
    const e = errorOf(text);
    assert.equal(e.field, 'rules[1].validator');
    assert.equal(e.line, lineOf(text, 'validator: no-such-check'));
    assert.match(e.problem, /unknown validator "no-such-check"/);
  });

  it('a duplicate rule id', () => {
    const text = good.replace('- id: cn-mobile', '- id: cn-uscc');
    const e = errorOf(text);
    assert.equal(e.field, 'rules[2].id');
    assert.match(e.problem, /duplicate rule id/);
  });

  it('a YAML syntax error', () => {
    const text = good.replace('category: contact', 'category: [contact');
    const e = errorOf(text);
    assert.equal(e.field, '');
    assert.ok(e.line > 0);
    assert.match(e.problem, /YAML syntax error/);
  });
});
