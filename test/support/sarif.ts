import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

let validate: ReturnType<AjvDraft04['compile']> | undefined;

/** Checks a SARIF log against the official SARIF 2.1.0 schema (draft-04), as shipped in @microsoft/jest-sarif. */
export function assertValidSarif(log: unknown): void {
  if (!validate) {
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
  }
  assert.ok(validate(log), JSON.stringify(validate.errors));
}
