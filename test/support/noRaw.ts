import { strict as assert } from 'node:assert';

/**
 * Fails if any of `raws` (the synthetic values a test wrote into its fixtures) occurs in any of
 * `outputs` (stdout, stderr, a written report...): findings must only ever show masked values.
 * `message` is the assertion message, or a function of the leaked value giving it.
 */
export function assertNoRaw(
  raws: readonly string[],
  outputs: readonly string[],
  message: string | ((raw: string) => string) = 'a raw value leaked into the output',
): void {
  for (const out of outputs) {
    for (const raw of raws) assert.ok(!out.includes(raw), typeof message === 'function' ? message(raw) : message);
  }
}
