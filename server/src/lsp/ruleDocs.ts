import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

let docsDir: string | undefined;

/**
 * Link to a rule's documentation page. The pages ship with the extension (`docs/rules/ID.md`,
 * generated from the rule files), so the link works offline and nothing leaves the machine.
 */
export function ruleDocUri(ruleId: string): string {
  docsDir ??= findDocsDir();
  return pathToFileURL(join(docsDir, `${ruleId}.md`)).href;
}

function findDocsDir(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'docs', 'rules');
    if (existsSync(candidate)) return candidate;
  }
  return join(__dirname, '..', 'docs', 'rules');
}
