import { strict as assert } from 'node:assert';
import { RuleFileError } from '../../server/src/engine/rules/ruleFileError';

/** The RuleFileError that loading a rule pack or configuration throws; fails the test if it loads. */
export function ruleFileErrorOf(load: () => unknown, loaded = 'expected the file to be rejected'): RuleFileError {
  try {
    load();
  } catch (e) {
    assert.ok(e instanceof RuleFileError, `expected a RuleFileError, got ${String(e)}`);
    return e;
  }
  assert.fail(loaded);
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.notEqual(at, -1, `fixture lacks ${needle}`);
  return text.slice(0, at).split('\n').length;
}
