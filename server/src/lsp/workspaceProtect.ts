import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Connection, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { atomicWriteFileSync, isTempName } from '../cli/atomicWrite';
import { findFiles } from '../cli/findFiles';
import { redactTextBytes } from '../cli/redactText';
import { decodeBytes } from '../cli/textCodec';
import type { Engine } from '../engine/engine';
import { fileKindOf } from '../engine/fileKind';
import { MissingKeyError, needsKey, type Operator } from '../engine/redact/operators';
import type { Confidence } from '../engine/types';
import { listJoin, sentences } from '../l10n/describe';
import { isWorkbookPath } from '../xlsx/load';
import { t, type Lang } from '../l10n/messages';
import { fileEdits } from './codeActions';
import type { DocState, DocumentStore } from './documentStore';
import type { Settings } from './settings';
import { workspaceEdit } from './workspaceEdit';
import { messageIn } from '../l10n/localizedError';

/** Server → client while a workspace command runs: how far it got (the client shows it). */
const PROGRESS_NOTIFICATION = 'sdguard/progress';

export interface WorkspaceContext {
  connection: Connection;
  /** The built-in engine: its rules give the order in which a plan lists the types found. */
  engine: Engine;
  /** The engine for a file (its project configuration's; an open document's own). */
  engineAt: (path: string, state?: DocState) => Engine;
  /** `redact.placeholder` of the configuration that applies to a path. */
  placeholderAt: (path: string) => string | undefined;
  /** Whether sdguard.exclude or the project's ignore list leaves a file on disk out (the open documents' test). */
  excludedAt: (path: string, settings: Settings) => boolean;
  lang: Lang;
  key: Uint8Array | undefined;
  store: DocumentStore;
  /** An open document's findings are complete once this resolves true; false: the editor's gate leaves it out. */
  complete(state: DocState): Promise<boolean>;
  /** Per-file settings the scan follows. */
  settingsFor(uri: string): Promise<Settings>;
}

export interface WorkspacePlan {
  files: number;
  total: number;
  counts: { ruleId: string; name: string; count: number }[];
  /** Ready to show in a confirmation: `Mask: 398 value(s) in 12 file(s): …`. */
  summary: string;
  skipped: { path: string; reason: string }[];
  error?: string;
}

export interface WorkspaceResult {
  files: number;
  values: number;
  cancelled: boolean;
  failures: { path: string; message: string }[];
  message: string;
  error?: string;
}

/**
 * A workspace file: an open document (the editor's copy, its complete findings) or a file's bytes
 * read from disk once (planning decodes and scans them; applying hands them to redactTextBytes).
 */
type Target = { path: string; uri: string } & ({ state: DocState } | { state?: undefined; bytes: Buffer; minConfidence: Confidence });

/**
 * Every text file under the workspace folders (honouring .gitignore and .sdguardignore) with
 * what `mode` would change, counted by type, so the user can confirm before anything is written.
 * Workbooks are left to "Export redacted copy"; files above sdguard.maxFileSizeMB to the CLI; the
 * summary says how many of each, and of the files skipped (see leftOut).
 */
export async function planWorkspace(folders: string[], mode: Operator, ctx: WorkspaceContext, token: CancellationToken): Promise<WorkspacePlan> {
  const { lang, engine } = ctx;
  const error = missingKey(mode, ctx);
  if (error) return { files: 0, total: 0, counts: [], summary: '', skipped: [], error };
  const counts = new Map<string, number>();
  // Rules by id as the files' engines have them (a project configuration may add custom ones).
  const rules = new Map(engine.rules.map((r) => [r.id, r] as const));
  const skipped: WorkspacePlan['skipped'] = [];
  let files = 0;
  const add = (ruleId: string, n: number) => counts.set(ruleId, (counts.get(ruleId) ?? 0) + n);
  await eachTarget(folders, ctx, token, skipped, (target) => {
    let at: Engine;
    if (target.state) {
      if (!target.state.findings.length) return;
      // An open document's findings are rule indexes of its engine: counted as they are.
      at = ctx.engineAt(target.path, target.state);
      const byRule = new Float64Array(at.rules.length);
      const { rule, length } = target.state.findings;
      for (let i = 0; i < length; i++) byRule[rule[i]]++;
      byRule.forEach((n, r) => {
        if (n) add(at.rules[r].id, n);
      });
    } else {
      // A file on disk: its bytes decoded and scanned here; a binary file or bytes that do not decode are skipped, with why.
      let text;
      try {
        text = decodeBytes(target.bytes, 'auto', target.path).text;
      } catch (e) {
        skipped.push({ path: target.path, reason: messageIn(e, lang) });
        return;
      }
      at = ctx.engineAt(target.path);
      const findings = at.scan(text, { kind: fileKindOf(target.path), minConfidence: target.minConfidence });
      if (!findings.length) return;
      for (const f of findings) add(f.ruleId, 1);
    }
    files++;
    for (const r of at.rules) if (!rules.has(r.id)) rules.set(r.id, r);
  });
  const list = [...rules.values()].filter((r) => counts.has(r.id)).map((r) => ({ ruleId: r.id, name: r.name[lang], count: counts.get(r.id)! }));
  const total = list.reduce((n, c) => n + c.count, 0);
  const byType = listJoin(list.map((c) => t(lang, 'column.count', c.count, c.name)), lang);
  const summary = total ? t(lang, 'workspace.plan', t(lang, `operator.${mode}`), total, files, byType) : t(lang, 'workspace.nothing');
  return { files, total, counts: list, skipped, summary: sentences([summary, ...leftOut(skipped, lang)], lang) };
}

/** Names shown for the files left out; the rest are counted. */
const LEFT_OUT_NAMES = 3;

/**
 * What the confirmation must say the command leaves as it is, which may hold values too:
 * workbooks (left to Export redacted copy) and files skipped (binary, an .xls among them; bytes
 * that do not decode; too large), so that "nothing found" or "18 values" never reads as all of it.
 */
function leftOut(skipped: WorkspacePlan['skipped'], lang: Lang): string[] {
  const workbooks = skipped.filter((s) => isWorkbookPath(s.path)).length;
  const others = skipped.filter((s) => !isWorkbookPath(s.path));
  const notes: string[] = [];
  if (workbooks) notes.push(t(lang, 'workspace.workbooks', workbooks));
  if (others.length) {
    const names = others.slice(0, LEFT_OUT_NAMES).map((s) => basename(s.path));
    if (others.length > LEFT_OUT_NAMES) names.push('…');
    notes.push(t(lang, 'workspace.leftOut', others.length, listJoin(names, lang)));
  }
  return notes;
}

/**
 * Applies `mode` to every finding in the workspace. Open documents change through one
 * workspace/applyEdit (so the editor can undo); files on disk are rewritten atomically in their
 * own encoding, BOM and line endings. Cancelling stops between files: each file is either as it
 * was or fully changed.
 */
export async function applyWorkspace(folders: string[], mode: Operator, ctx: WorkspaceContext, token: CancellationToken): Promise<WorkspaceResult> {
  const { lang } = ctx;
  const failures: WorkspaceResult['failures'] = [];
  const error = missingKey(mode, ctx);
  if (error) return { files: 0, values: 0, cancelled: false, failures, message: error, error };
  // `redact.placeholder` is per configuration: looked up per file.
  const optionsFor = (path: string) => ({ operator: mode, lang, key: ctx.key, placeholder: ctx.placeholderAt(path) });
  const open: { uri: string; version: number; edits: LspTextEdit[] }[] = [];
  let files = 0;
  let values = 0;
  const cancelled = await eachTarget(folders, ctx, token, [], (target) => {
    try {
      if (target.state) {
        if (!target.state.findings.length) return;
        const edits = fileEdits(target.state, ctx.engineAt(target.path, target.state), optionsFor(target.path));
        open.push({ uri: target.uri, version: target.state.version, edits });
        values += edits.length;
      } else {
        // The CLI's path for one file, on the bytes read once: they are decoded and scanned there
        // ('unchanged' without findings); the bytes must round-trip outside the findings, and the
        // redacted text must hold no finding left, or the file is not written. A binary file or
        // bytes that do not decode are skipped, as planning skips them.
        const at = ctx.engineAt(target.path);
        const result = redactTextBytes(target.bytes, target.path, at, { redact: optionsFor(target.path), minConfidence: target.minConfidence });
        if (result.status === 'binary' || (result.status === 'error' && result.undecodable)) return;
        if (result.status === 'error') throw new Error(result.message);
        if (result.status !== 'redacted' || !result.bytes) return;
        atomicWriteFileSync(target.path, result.bytes, { mode: statSync(target.path).mode & 0o7777 });
        values += result.replacements.length;
      }
      files++;
    } catch (e) {
      failures.push({ path: target.path, message: messageIn(e, lang) });
    }
  });
  if (!cancelled && open.length) {
    const applied = await ctx.connection.workspace.applyEdit({ label: 'sdguard', edit: workspaceEdit(open) });
    if (!applied.applied) {
      for (const o of open) failures.push({ path: fileURLToPath(o.uri), message: applied.failureReason ?? t(lang, 'workspace.notApplied') });
      files -= open.length;
      values -= open.reduce((n, o) => n + o.edits.length, 0);
    }
  } else if (cancelled) {
    values -= open.reduce((n, o) => n + o.edits.length, 0);
    files -= open.length;
  }
  const message = cancelled ? t(lang, 'workspace.cancelled', files) : t(lang, 'workspace.done', t(lang, `operator.${mode}`), values, files);
  return { files, values, cancelled, failures, message: [message, ...failures.map((f) => t(lang, 'workspace.failed', basename(f.path), f.message))].join('\n') };
}

/** Why `mode` cannot run (it needs the key and none was set), checked before any file is read. */
function missingKey(mode: Operator, ctx: WorkspaceContext): string | undefined {
  return needsKey(mode) && !ctx.key ? new MissingKeyError(mode === 'fake' ? 'fake' : 'pseudonymize', ctx.lang).message : undefined;
}

/** Walks the folders and hands each open document, and each readable file's bytes, to `visit`; true if cancelled. */
async function eachTarget(folders: string[], ctx: WorkspaceContext, token: CancellationToken, skipped: WorkspacePlan['skipped'], visit: (t: Target) => void): Promise<boolean> {
  // Excel's `~$…xlsx` lock files are no workbooks, nor text.
  const paths = findFiles(folders, (path, message) => skipped.push({ path, reason: message })).filter((p) => !isTempName(basename(p)) && (isWorkbookPath(p) || !/\.xlsx$/i.test(p)));
  for (let i = 0; i < paths.length; i++) {
    if (token.isCancellationRequested) return true;
    const path = paths[i];
    const uri = pathToFileURL(path).href;
    void ctx.connection.sendNotification(PROGRESS_NOTIFICATION, { done: i, total: paths.length, message: basename(path) });
    const state = ctx.store.get(uri);
    if (state) {
      // An open document: the editor's own gate (sdguard.enable, exclude, size) decides.
      if (await ctx.complete(state)) visit({ path, uri, state });
      else if (state.tooLarge) skipped.push({ path, reason: t(ctx.lang, 'workspace.tooLarge', (await ctx.settingsFor(uri)).maxFileSizeMB) });
      continue;
    }
    const settings = await ctx.settingsFor(uri);
    if (!settings.enable || ctx.excludedAt(path, settings)) continue;
    // Workbooks are left to Export redacted copy, and named (they may hold values too).
    if (isWorkbookPath(path)) {
      skipped.push({ path, reason: t(ctx.lang, 'workspace.workbook') });
      continue;
    }
    let bytes;
    try {
      if (settings.maxFileSizeMB > 0 && statSync(path).size > settings.maxFileSizeMB * 1024 * 1024) {
        skipped.push({ path, reason: t(ctx.lang, 'workspace.tooLarge', settings.maxFileSizeMB) });
        continue;
      }
      bytes = readFileSync(path);
    } catch (e) {
      skipped.push({ path, reason: (e as Error).message });
      continue;
    }
    visit({ path, uri, bytes, minConfidence: settings.minConfidence });
    // Let other requests (hovers, edits) in between files.
    await new Promise((r) => setImmediate(r));
  }
  return token.isCancellationRequested;
}
