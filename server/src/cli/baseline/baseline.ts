/**
 * `.sdguard-baseline.json`: the findings a project has accepted for now, so that CI fails on new
 * ones only. Each entry is a file, a rule and a keyed slow fingerprint of the value (see
 * fingerprint.ts), with the line as a hint for people reading it: lines move, so matching ignores
 * them. No value, masked or not, is stored.
 *
 * ```json
 * {
 *   "tool": "sdguard",
 *   "version": 1,
 *   "fingerprint": { "algorithm": "scrypt", "N": 16384, "r": 8, "p": 1, "keyLength": 16,
 *                    "salt": "base64…", "keyCheck": "hex…" },
 *   "entries": [ { "path": "test/fixtures/users.csv", "ruleId": "cn-resident-id", "fingerprint": "hex…", "line": 3 } ]
 * }
 * ```
 *
 * Paths are relative to the folder of the baseline file, with `/`. A finding matches an entry of
 * the same path, rule and fingerprint; each entry absorbs one finding (a value accepted once and
 * pasted again elsewhere in the file is new).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { atomicWriteFileSync } from '../atomicWrite';
import { isInside } from '../paths';
import type { Reporter } from '../report/reporter';
import type { ReportedFinding } from '../scanFile';
import { DEFAULT_SCRYPT, keyCheck, type FingerprintOptions, type ScryptParams } from './fingerprint';
import { LocalizedError } from '../../l10n/localizedError';
import { t, type Key } from '../../l10n/messages';

export const BASELINE_FILE = '.sdguard-baseline.json';

export interface BaselineEntry {
  path: string;
  ruleId: string;
  fingerprint: string;
  /** Where it was when the baseline was written: a hint for readers, not used to match. */
  line?: number;
}

export interface BaselineDocument {
  tool: 'sdguard';
  version: 1;
  fingerprint: ScryptParams & { salt: string; keyCheck: string };
  entries: BaselineEntry[];
}

/** An unreadable or malformed baseline: a configuration error (exit 2). */
class BaselineError extends LocalizedError {}

/** Reads and checks a baseline file. */
export function readBaseline(file: string): BaselineDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BaselineError((lang) => t(lang, 'baseline.unreadable', file, missing ? t(lang, 'baseline.noFile') : (e as Error).message));
  }
  let doc: BaselineDocument;
  try {
    doc = JSON.parse(text) as BaselineDocument;
  } catch (e) {
    throw new BaselineError((lang) => t(lang, 'baseline.notJson', file, (e as Error).message));
  }
  const fp = doc?.fingerprint;
  const bad = (what: Key, ...args: number[]) => new BaselineError((lang) => t(lang, 'baseline.notOurs', file, t(lang, what, ...args)));
  if (doc?.tool !== 'sdguard' || doc.version !== 1) throw bad('baseline.badTool');
  if (!fp || fp.algorithm !== 'scrypt' || ![fp.N, fp.r, fp.p, fp.keyLength].every((n) => Number.isInteger(n) && n > 0) || (fp.N & (fp.N - 1)) !== 0) {
    throw bad('baseline.badScrypt');
  }
  if (fp.N * fp.r > 1 << 24 || fp.keyLength > 64) throw bad('baseline.beyond');
  if (typeof fp.salt !== 'string' || typeof fp.keyCheck !== 'string') throw bad('baseline.noSalt');
  if (!Array.isArray(doc.entries)) throw bad('baseline.noEntries');
  for (const [i, e] of doc.entries.entries()) {
    if (typeof e?.path !== 'string' || typeof e.ruleId !== 'string' || typeof e.fingerprint !== 'string') throw bad('baseline.badEntry', i + 1);
  }
  return doc;
}

/** The salt and parameters of a baseline, as scan options. */
function params(doc: BaselineDocument): { salt: Uint8Array; params: ScryptParams } {
  const { algorithm, N, r, p, keyLength } = doc.fingerprint;
  return { salt: Buffer.from(doc.fingerprint.salt, 'base64'), params: { algorithm, N, r, p, keyLength } };
}

/** Whether `key` is the one the baseline was written with (one scrypt). */
export function keyMatches(doc: BaselineDocument, key: Uint8Array): boolean {
  const { salt, params: p } = params(doc);
  const want = Buffer.from(doc.fingerprint.keyCheck, 'hex');
  const got = Buffer.from(keyCheck(key, salt, p), 'hex');
  return want.length === got.length && timingSafeEqual(want, got);
}

/**
 * The salt and parameters for writing `file`: those of the baseline already there when it was
 * written with the same key (so unchanged findings keep their fingerprints and the file's diff
 * shows only what changed), else a new random salt and the default parameters.
 */
export function saltFor(file: string, key: Uint8Array): { salt: Uint8Array; params: ScryptParams; keyCheck: string } {
  if (existsSync(file)) {
    try {
      const old = readBaseline(file);
      if (keyMatches(old, key)) return { ...params(old), keyCheck: old.fingerprint.keyCheck };
    } catch {
      // not a baseline we can reuse: start afresh
    }
  }
  const salt = randomBytes(16);
  return { salt, params: DEFAULT_SCRYPT, keyCheck: keyCheck(key, salt, DEFAULT_SCRYPT) };
}

/** Writes a baseline atomically, entries sorted by path, line and rule (stable diffs). */
function writeBaseline(file: string, salt: Uint8Array, p: ScryptParams, check: string, entries: BaselineEntry[]): void {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)));
  const doc: BaselineDocument = {
    tool: 'sdguard',
    version: 1,
    fingerprint: { ...p, salt: Buffer.from(salt).toString('base64'), keyCheck: check },
    entries: sorted,
  };
  // One entry per line: a reviewer sees one line per accepted or fixed finding.
  const body = sorted.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
  const head = JSON.stringify({ ...doc, entries: [] }, null, 2).replace(/"entries": \[\]\n\}$/, '');
  atomicWriteFileSync(file, Buffer.from(`${head}"entries": [${sorted.length ? `\n${body}\n  ` : ''}]\n}\n`, 'utf8'));
}

/** Baseline paths are relative to the baseline's folder; reports' paths to the working folder. */
function pathConverter(file: string, cwd: string): { toBaseline(reportPath: string): string; toAbs(baselinePath: string): string } {
  const dir = dirname(resolve(file));
  // Findings come file by file: the path asked for is nearly always the one converted last.
  let lastReportPath: string | undefined;
  let lastBaselinePath = '';
  return {
    toBaseline: (reportPath) => {
      if (reportPath !== lastReportPath) {
        lastReportPath = reportPath;
        lastBaselinePath = relative(dir, resolve(cwd, reportPath)).split(sep).join('/');
      }
      return lastBaselinePath;
    },
    toAbs: (baselinePath) => resolve(dir, ...baselinePath.split('/')),
  };
}

/**
 * Matches findings against a baseline's entries (each entry absorbs one finding) and counts the
 * entries no finding matched in the files scanned: fixed, or changed beyond recognition.
 */
export class BaselineMatcher {
  /** `path\0ruleId\0fingerprint` → entries left. */
  private readonly left = new Map<string, number>();
  private readonly paths: ReturnType<typeof pathConverter>;
  matched = 0;

  constructor(
    readonly doc: BaselineDocument,
    file: string,
    cwd: string,
  ) {
    this.paths = pathConverter(file, cwd);
    for (const e of doc.entries) {
      const k = `${e.path}\u0000${e.ruleId}\u0000${e.fingerprint}`;
      this.left.set(k, (this.left.get(k) ?? 0) + 1);
    }
  }

  /** `path\0ruleId` in report paths, for the findings worth a slow fingerprint (see FingerprintOptions). */
  private candidates(reportPathOf: (abs: string) => string): string[] {
    // Each path resolved once, however many entries it has.
    const rulesByPath = new Map<string, Set<string>>();
    for (const e of this.doc.entries) {
      let rules = rulesByPath.get(e.path);
      if (!rules) rulesByPath.set(e.path, (rules = new Set()));
      rules.add(e.ruleId);
    }
    const out = new Set<string>();
    for (const [path, rules] of rulesByPath) {
      const reportPath = reportPathOf(this.paths.toAbs(path));
      for (const ruleId of rules) out.add(`${reportPath}\u0000${ruleId}`);
    }
    return [...out];
  }

  /** Whether the finding is in the baseline (and takes one entry). */
  take(reportPath: string, ruleId: string, fingerprint: string | undefined): boolean {
    if (fingerprint === undefined) return false;
    const k = `${this.paths.toBaseline(reportPath)}\u0000${ruleId}\u0000${fingerprint}`;
    const n = this.left.get(k);
    if (!n) return false;
    if (n === 1) this.left.delete(k);
    else this.left.set(k, n - 1);
    this.matched++;
    return true;
  }

  /**
   * Entries left over in files that were scanned (their findings are gone), or, when `complete`,
   * in files under the scanned folders that no longer exist.
   */
  gone(scanned: ReadonlySet<string>, complete: boolean, roots: readonly string[]): number {
    let n = 0;
    for (const [k, count] of this.left) {
      const abs = this.paths.toAbs(k.slice(0, k.indexOf('\u0000')));
      if (scanned.has(abs) || (complete && !existsSync(abs) && roots.some((r) => abs === r || isInside(abs, r)))) n += count;
    }
    return n;
  }

  /** What the scan computes for findings: slow fingerprints for findings in files and rules with entries. */
  fingerprintOptions(key: Uint8Array, reportPathOf: (abs: string) => string): FingerprintOptions['baseline'] {
    return { key, ...params(this.doc), only: this.candidates(reportPathOf) };
  }
}

/** `sdguard baseline`: gathers every finding's entry, then writes the file. */
export class BaselineCollector implements Reporter {
  readonly detail = true;
  readonly entries: BaselineEntry[] = [];
  private readonly fingerprints = new Set<string>();
  private readonly paths: ReturnType<typeof pathConverter>;

  constructor(
    private readonly file: string,
    cwd: string,
  ) {
    this.paths = pathConverter(file, cwd);
  }

  finding(path: string, f: ReportedFinding): void {
    if (f.baselineFingerprint === undefined) return;
    this.entries.push({ path: this.paths.toBaseline(path), ruleId: f.ruleId, fingerprint: f.baselineFingerprint, line: f.line });
    this.fingerprints.add(`${f.ruleId}\u0000${f.baselineFingerprint}`);
  }

  fileDone(): void {}

  end(): void {}

  /** Distinct (rule, value) pairs: the slow fingerprints computed. */
  get distinct(): number {
    return this.fingerprints.size;
  }

  write(w: { salt: Uint8Array; params: ScryptParams; keyCheck: string }): void {
    writeBaseline(this.file, w.salt, w.params, w.keyCheck, this.entries);
  }
}
