import { join } from 'node:path';
import { builtinEngine as loadBuiltin } from '../../server/src/engine/builtin';
import type { Engine } from '../../server/src/engine/engine';

/** Repository root and the shared test data beside it. */
export const repoRoot = join(__dirname, '..', '..');
/** `../shared` beside the checkout (as on every project machine and in CI), or SDGUARD_SHARED_DIR. */
export const sharedDir = process.env.SDGUARD_SHARED_DIR ?? join(repoRoot, '..', 'shared');

let engine: Engine | undefined;
/** The engine with the built-in rules, loaded once per test run. */
export function builtinEngine(): Engine {
  engine ??= loadBuiltin(join(repoRoot, 'rules'));
  return engine;
}
