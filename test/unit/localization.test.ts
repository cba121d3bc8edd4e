import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/engine';

const read = (p: string) => readFileSync(join(repoRoot, p), 'utf8');

describe('localization: every user-facing string of the extension exists in English and Simplified Chinese', () => {
  it('every %key% of package.json is in package.nls.json and package.nls.zh-cn.json', () => {
    const keys = [...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 40, `found ${keys.length} keys`);
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const table = JSON.parse(read(file)) as Record<string, string>;
      const missing = keys.filter((k) => !table[k]);
      assert.deepEqual(missing, [], `${file} lacks ${missing.join(', ')}`);
    }
    const zh = JSON.parse(read('package.nls.zh-cn.json')) as Record<string, string>;
    const untranslated = keys.filter((k) => !/[\u4e00-\u9fff]/.test(zh[k]));
    assert.deepEqual(untranslated, [], `not translated: ${untranslated.join(', ')}`);
  });

  it('every vscode.l10n.t string of the client is in l10n/bundle.l10n.zh-cn.json', () => {
    const bundle = JSON.parse(read('l10n/bundle.l10n.zh-cn.json')) as Record<string, string>;
    const strings = new Set<string>();
    for (const f of readdirSync(join(repoRoot, 'client', 'src'))) {
      for (const m of read(join('client', 'src', f)).matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) strings.add(m[1].replace(/\\'/g, "'"));
    }
    assert.ok(strings.size > 20, `found ${strings.size} strings`);
    const missing = [...strings].filter((s) => !bundle[s]);
    assert.deepEqual(missing, [], `bundle.l10n.zh-cn.json lacks: ${missing.join(' | ')}`);
  });
});
