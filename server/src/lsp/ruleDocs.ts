import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findShipped } from '../engine/builtin';

let docsDir: string | undefined;
/** Rule id → URI: diagnostics are built by the thousand, and pathToFileURL is not cheap. */
const uris = new Map<string, string>();

/**
 * Link to a rule's documentation page. The pages ship with the extension (`docs/rules/ID.md`,
 * generated from the rule files), so the link works offline and nothing leaves the machine.
 */
export function ruleDocUri(ruleId: string): string {
  let uri = uris.get(ruleId);
  if (uri === undefined) {
    docsDir ??= findDocsDir();
    uris.set(ruleId, (uri = pathToFileURL(join(docsDir, `${ruleId}.md`)).href));
  }
  return uri;
}

function findDocsDir(): string {
  return findShipped(join('docs', 'rules')) ?? join(__dirname, '..', 'docs', 'rules');
}
