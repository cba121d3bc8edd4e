import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../server/src/config/loadConfig';
import { loadRulePack } from '../../../server/src/engine/rules/loadRulePack';
import { builtinEngine, repoRoot } from '../../support/engine';
import { lineOf, ruleFileErrorOf } from '../../support/ruleFiles';

const pack = readFileSync(join(repoRoot, 'rules', 'cn-mainland.yaml'), 'utf8');
const builtinIds = () => new Set(builtinEngine().rules.map((r) => r.id));

const errorOf = ruleFileErrorOf;

describe('rule packs and configurations share one YAML reader', () => {
  it('a byte order mark is not a column: rule packs', () => {
    const text = `\uFEFFcolour: red\n${pack}`;
    const e = errorOf(() => loadRulePack(text, 'custom.yaml'));
    assert.equal(e.message, 'custom.yaml:1:1: colour: is not a known field');
  });

  it('a byte order mark is not a column: configurations', () => {
    const e = errorOf(() => loadConfig('\uFEFFminConfidence: 3\n', '/project/.sdguard.yaml', builtinIds()));
    assert.equal(e.message, '/project/.sdguard.yaml:1:1: minConfidence: must be one of: low, medium, high');
  });

  it('a field written without a value is pointed at by its key: rule packs', () => {
    const text = pack.replace('    severity: warning', '    ? severity');
    const e = errorOf(() => loadRulePack(text, 'custom.yaml'));
    assert.equal(e.field, 'rules[1].severity');
    assert.equal(e.line, lineOf(text, '? severity'));
    assert.equal(e.column, 7);
  });

  it('a field written without a value is pointed at by its key: configurations', () => {
    const e = errorOf(() => loadConfig('rules:\n  ? cn-mobile\n', '/project/.sdguard.yaml', builtinIds()));
    assert.equal(e.field, 'rules.cn-mobile');
    assert.equal(e.line, 2);
    assert.equal(e.column, 5);
  });

  it('an empty rule pack has no position to name', () => {
    const e = errorOf(() => loadRulePack('', 'custom.yaml'));
    assert.equal(e.line, 0);
    assert.match(e.message, /^custom\.yaml: /);
  });
});
