import { strict as assert } from 'node:assert';
import { encodingOption, givesMinConfidence, minConfidenceOption } from '../../server/src/cli/optionChecks';
import { UsageError } from '../../server/src/cli/usageError';

describe('CLI option checks shared by scan, baseline and redact', () => {
  it('--min-confidence: low, medium or high, else a usage error', () => {
    for (const v of ['low', 'medium', 'high']) assert.equal(minConfidenceOption(v), v);
    assert.throws(() => minConfidenceOption('HIGH'), (e) => e instanceof UsageError && e.message === '--min-confidence must be low, medium or high, not "HIGH"');
    // The same mistake in Chinese, for whoever reports it in the user's language.
    assert.throws(() => minConfidenceOption('HIGH'), (e) => e instanceof UsageError && e.in('zh-CN') === '--min-confidence 只能是 low、medium 或 high，而不是“HIGH”');
  });

  it('--encoding: a known name or alias, else a usage error listing the names', () => {
    assert.equal(encodingOption('GBK'), 'gb18030');
    assert.equal(encodingOption('utf8'), 'utf-8');
    assert.throws(() => encodingOption('latin1'), (e) => e instanceof UsageError && e.message === '--encoding must be one of auto, utf-8, utf-16le, utf-16be, gb18030, gbk, not "latin1"');
  });

  it('givesMinConfidence: the option given in either form, not its default', () => {
    assert.equal(givesMinConfidence(['data', '--min-confidence', 'low']), true);
    assert.equal(givesMinConfidence(['--min-confidence=high', 'data']), true);
    assert.equal(givesMinConfidence(['data', '--min-confidenceX']), false);
    assert.equal(givesMinConfidence([]), false);
  });
});
