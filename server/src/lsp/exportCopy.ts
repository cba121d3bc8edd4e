import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { atomicWriteFileSync } from '../cli/atomicWrite';
import { redactedPath } from '../cli/redactedPath';
import { encodeText, readTextFile } from '../cli/textCodec';
import type { Engine } from '../engine/engine';
import { fileKindOf } from '../engine/fileKind';
import { applyEdits } from '../engine/redact/edits';
import { MissingKeyError, redactionEdits, type Operator } from '../engine/redact/operators';
import type { Confidence, Finding } from '../engine/types';
import { t, type Lang } from '../l10n/messages';
import type { DocState } from './documentStore';

/**
 * Writes NAME.redacted.EXT beside a text file with `mode` applied to every finding, in the
 * file's own encoding, BOM and line endings; the original is never written. An open document's
 * current text is used (what the user sees), encoded like the file on disk, with its findings
 * when the editor has them complete (`findings`), else scanned as the editor would.
 */
export function exportRedactedCopy(
  uri: string,
  mode: Operator,
  ctx: { engine: Engine; lang: Lang; key: Uint8Array | undefined; minConfidence: Confidence; open?: DocState; findings?: Finding[]; placeholder?: string },
): { output?: string; count: number; message: string; error?: string } {
  const path = fileURLToPath(uri);
  const output = redactedPath(path);
  try {
    const disk = readTextFile(path);
    const text = ctx.open ? ctx.open.text.getText() : disk.text;
    const findings = ctx.findings ?? ctx.engine.scan(text, { kind: ctx.open?.kind ?? fileKindOf(path), minConfidence: ctx.minConfidence });
    const edits = redactionEdits(text, findings, (id) => ctx.engine.rule(id), { operator: mode, lang: ctx.lang, key: ctx.key, placeholder: ctx.placeholder });
    atomicWriteFileSync(output, encodeText(applyEdits(text, edits), disk));
    return { output, count: edits.length, message: t(ctx.lang, 'export.done', basename(output), edits.length) };
  } catch (e) {
    const message = (e as Error).message;
    return { count: 0, message, error: e instanceof MissingKeyError ? 'missing-key' : message };
  }
}
