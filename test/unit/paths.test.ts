import { strict as assert } from 'node:assert';
import { join, resolve } from 'node:path';
import { isInside, isUnder } from '../../server/src/cli/paths';

describe('cli/paths: where a path lies', () => {
  const root = resolve('/work/project');
  it('isUnder: the root itself and what lies below it, not a sibling that shares its prefix or a parent', () => {
    assert.ok(isUnder(root, root));
    assert.ok(isUnder(join(root, 'data', 'a.csv'), root));
    assert.ok(!isUnder(`${root}-old/a.csv`, root));
    assert.ok(!isUnder(resolve(root, '..'), root));
    assert.ok(!isUnder(resolve('/elsewhere/a.csv'), root));
  });
  it('a folder named like a drive letter is a folder on POSIX', function () {
    if (process.platform === 'win32') this.skip();
    assert.ok(isUnder(join(root, 'c:notes', 'a.txt'), root));
    assert.ok(isInside(join(root, 'c:notes'), root));
  });
  it('isInside: below the folder, not the folder itself', () => {
    assert.ok(!isInside(root, root));
    assert.ok(isInside(join(root, 'x'), root));
    assert.ok(isInside(join(root, '..x'), root), 'a name that starts with two dots is not a parent');
  });
});
