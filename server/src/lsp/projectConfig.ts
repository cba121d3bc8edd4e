/**
 * Project configurations (`.sdguard.yaml`) in the language server: each document is scanned by
 * the engine of its nearest configuration. Configurations are read again when a configuration
 * file changes (watched files, or any open/save: a look at a few small files), and documents
 * whose engine changed are scanned again. A configuration that breaks keeps its last good version
 * in force; its error is one diagnostic on the configuration file and one message to the user
 * (once per distinct error). In an untrusted workspace configurations are not read at all.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { DiagnosticSeverity, MessageType, type Diagnostic } from 'vscode-languageserver/node';
import { engineFromSpec, engineSpec } from '../config/configuredEngine';
import { ConfigResolver, type ConfigState, type Resolution } from '../config/resolver';
import type { Engine } from '../engine/engine';
import type { RuleFileError } from '../engine/rules/ruleFileError';
import { t, type Lang } from '../l10n/messages';
import type { DocState } from './documentStore';

export interface ProjectConfigHooks {
  lang(): Lang;
  showMessage(type: MessageType, message: string): void;
  /** The diagnostics of a configuration file (absolute path) changed: publish them, with its own if it is open. */
  configDiagnosticsChanged(path: string): void;
}

interface Assigned {
  engine: Engine;
  ignored: boolean;
}

/** Once no key has come this long after start, fingerprint entries are said to be without one. */
const KEY_GRACE_MS = 3000;

export class ProjectConfigs {
  private readonly resolver: ConfigResolver;
  private readonly assigned = new WeakMap<DocState, Assigned>();
  private readonly engines = new Map<ConfigState, { version: number; key: Uint8Array | undefined; engine: Engine }>();
  /** Configuration files with an error now, by path, with the error (for diagnostics). */
  private readonly errors = new Map<string, RuleFileError>();
  /** Messages already shown, so each is shown once. */
  private readonly told = new Set<string>();
  private key: Uint8Array | undefined;
  private keyKnown = false;
  private keyTimer: NodeJS.Timeout | undefined;
  private readonly waitingForKey = new Set<string>();

  constructor(
    private readonly base: Engine,
    trusted: boolean,
    private readonly hooks: ProjectConfigHooks,
  ) {
    this.resolver = new ConfigResolver({ builtinIds: new Set(base.rules.map((r) => r.id)), trusted, keepLastGood: true });
  }

  /** The engine of a document: fixed on first use, changed only by refresh(), setKey(), setTrusted(). */
  engineFor(state: DocState): Engine {
    return this.assign(state).engine;
  }

  /** Whether the document's configuration ignores its path (`ignore:`). */
  ignored(state: DocState): boolean {
    return this.assign(state).ignored;
  }

  /** The engine for a file that may not be open (workbooks, exports, workspace commands). */
  engineForUri(uri: string, open?: DocState): Engine {
    if (open) return this.engineFor(open);
    const path = pathOf(uri);
    return path ? this.resolveEngine(this.resolver.resolve(path)) : this.base;
  }

  /** `redact.placeholder` of the configuration that applies to a file: the redact operator's fixed text. */
  placeholderFor(uri: string): string | undefined {
    const path = pathOf(uri);
    return path ? this.resolver.resolve(path).config?.placeholder : undefined;
  }

  /** Whether a file's configuration ignores it (none, or one not read: not ignored). */
  ignoredPath(path: string): boolean {
    return this.resolver.ignored(path, this.resolver.resolve(path));
  }

  /** Diagnostics of a configuration file itself: its error, if it has one. */
  diagnosticsFor(uri: string): Diagnostic[] {
    const path = pathOf(uri);
    const e = path === undefined ? undefined : this.errors.get(path);
    if (!e) return [];
    const state = this.resolver.all().find((s) => s.file === e.file);
    const lineText = state?.text?.split(/\r?\n/)[Math.max(0, e.line - 1)] ?? '';
    const line = Math.max(0, e.line - 1);
    const character = Math.max(0, e.column - 1);
    return [
      {
        range: { start: { line, character }, end: { line, character: Math.max(character + 1, lineText.length) } },
        severity: DiagnosticSeverity.Error,
        source: 'sdguard',
        code: 'config',
        message: e.detail(this.hooks.lang()),
      },
    ];
  }

  /**
   * Reads the configurations again (files may have changed, come or gone) and returns the open
   * documents whose engine or ignore status changed: they must be scanned again.
   */
  refresh(states: readonly DocState[]): DocState[] {
    this.resolver.recheck();
    // A broken configuration that is gone takes its error along.
    for (const path of this.errors.keys()) {
      if (this.resolver.all().some((s) => s.file === path)) continue;
      this.errors.delete(path);
      setImmediate(() => this.hooks.configDiagnosticsChanged(path));
    }
    return this.reassign(states);
  }

  /** Whether a document is the configuration file at `path`. */
  isFile(state: DocState, path: string): boolean {
    const own = pathOf(state.uri);
    return own !== undefined && resolve(own) === resolve(path);
  }

  /** The editor's key (fingerprint allow entries) arrived or changed. */
  setKey(key: Uint8Array | undefined, states: readonly DocState[]): DocState[] {
    this.key = key && key.length ? key : undefined;
    this.keyKnown = true;
    if (this.key) this.waitingForKey.clear();
    else this.tellMissingKeys();
    return this.reassign(states);
  }

  /** Workspace trust changed: every document gets its engine again (the caller rescans them all). */
  setTrusted(trusted: boolean, states: readonly DocState[]): void {
    this.resolver.trusted = trusted;
    for (const s of states) this.assigned.delete(s);
  }

  private reassign(states: readonly DocState[]): DocState[] {
    const changed: DocState[] = [];
    for (const state of states) {
      const old = this.assigned.get(state);
      if (!old) continue; // not scanned yet: it gets its engine when it is
      this.assigned.delete(state);
      const now = this.assign(state);
      if (now.engine !== old.engine || now.ignored !== old.ignored) changed.push(state);
      else this.assigned.set(state, old);
    }
    return changed;
  }

  private assign(state: DocState): Assigned {
    let a = this.assigned.get(state);
    if (!a) {
      const path = pathOf(state.uri);
      if (!path) a = { engine: this.base, ignored: false };
      else {
        const r = this.resolver.resolve(path);
        a = { engine: this.resolveEngine(r), ignored: this.resolver.ignored(path, r) };
      }
      this.assigned.set(state, a);
    }
    return a;
  }

  private resolveEngine(r: Resolution): Engine {
    if (r.untrusted && r.file) this.tellOnce(`untrusted ${r.file}`, MessageType.Info, t(this.hooks.lang(), 'config.untrusted', r.file));
    const state = r.state;
    if (state) this.noteError(state);
    if (!state || !r.config) return this.base;
    const withKey = r.config.allow.fingerprints.length > 0;
    if (withKey && !this.key) this.missingKey(r.config.file);
    const cached = this.engines.get(state);
    if (cached && cached.version === state.version && (!withKey || cached.key === this.key)) return cached.engine;
    const engine = engineFromSpec(engineSpec(this.base.rules, r.config, { key: this.key }));
    this.engines.set(state, { version: state.version, key: this.key, engine });
    return engine;
  }

  /** Keeps the configuration's error (or its absence) in step with what was last published. */
  private noteError(state: ConfigState): void {
    const path = state.file;
    const old = this.errors.get(path);
    const now = state.error;
    if (old?.message === now?.message) return;
    if (now) {
      this.errors.set(path, now);
      const lang = this.hooks.lang();
      this.tellOnce(`error ${now.message}`, MessageType.Error, t(lang, state.config ? 'config.invalidKept' : 'config.invalidNone', now.in(lang)));
    } else this.errors.delete(path);
    setImmediate(() => this.hooks.configDiagnosticsChanged(path));
  }

  private missingKey(file: string): void {
    this.waitingForKey.add(file);
    if (this.keyKnown) this.tellMissingKeys();
    else this.keyTimer ??= setTimeout(() => this.tellMissingKeys(), KEY_GRACE_MS).unref();
  }

  private tellMissingKeys(): void {
    if (this.key) return;
    for (const file of this.waitingForKey) this.tellOnce(`key ${file}`, MessageType.Warning, t(this.hooks.lang(), 'config.noKeyEditor', file));
    this.waitingForKey.clear();
  }

  private tellOnce(id: string, type: MessageType, message: string): void {
    if (this.told.has(id)) return;
    this.told.add(id);
    this.hooks.showMessage(type, message);
  }
}

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
