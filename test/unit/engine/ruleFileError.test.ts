import { strict as assert } from 'node:assert';
import { RuleFileError } from '../../../server/src/engine/rules/ruleFileError';

describe('RuleFileError: one wording of file:line:col: field: problem', () => {
  it('the message is the location and the detail', () => {
    const e = new RuleFileError('/p/.sdguard.yaml', 3, 5, 'customRules[0].pattern', { en: 'is wrong', 'zh-CN': '有误' });
    assert.equal(e.message, '/p/.sdguard.yaml:3:5: customRules[0].pattern: is wrong');
    assert.equal(e.message, `${e.location()}: ${e.detail()}`);
    assert.equal(e.location('.sdguard.yaml'), '.sdguard.yaml:3:5');
    assert.equal(e.detail(), 'customRules[0].pattern: is wrong');
    // In the user's language where it is reported.
    assert.equal(e.detail('zh-CN'), 'customRules[0].pattern: 有误');
    assert.equal(e.in('zh-CN'), '/p/.sdguard.yaml:3:5: customRules[0].pattern: 有误');
  });

  it('without a position or a field', () => {
    const e = new RuleFileError('/p/.sdguard.yaml', 0, 0, '', { en: 'cannot read the configuration', 'zh-CN': '无法读取配置文件' });
    assert.equal(e.message, '/p/.sdguard.yaml: cannot read the configuration');
    assert.equal(e.location('.sdguard.yaml'), '.sdguard.yaml');
    assert.equal(e.detail(), 'cannot read the configuration');
  });
});
