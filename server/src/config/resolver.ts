/**
 * Which configuration governs each file, loaded once and reloaded when its file changes: the
 * CLI and the language server both ask here. A file is governed by its nearest configuration
 * (no merging with configurations further up). A configuration that fails to load:
 * - `keepLastGood` (the editor): its last good version stays in force, with the error beside it;
 * - otherwise (the CLI): the error is all there is, and nothing under it is scanned.
 *
 * Untrusted (`trusted: false`, a workspace the user has not trusted): configurations are found
 * and reported but never read; every file gets the built-in rules only. A workspace's own
 * regular expressions and paths thus never run before the user trusts it.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { RuleFileError } from '../engine/rules/ruleFileError';
import { ConfigFinder } from './findConfig';
import { loadConfig, type ProjectConfig } from './loadConfig';
import { problems } from '../engine/rules/problems';

export interface ConfigState {
  file: string;
  /** The configuration in force: the current one, or the last good one after an error. */
  config?: ProjectConfig;
  /** What is wrong with the file as it is now. */
  error?: RuleFileError;
  /**
   * The file's text when last read (undefined: unreadable). Configurations are small: comparing
   * texts is cheap and, unlike timestamps, never misses two writes within one tick.
   */
  text: string | undefined;
  /** Bumped whenever `config` is replaced (engines are cached per version). */
  version: number;
  ignore?: Ignore;
}

export interface Resolution {
  /** The nearest configuration file, if any (also when it is broken or not trusted). */
  file?: string;
  state?: ConfigState;
  /** The configuration in force (undefined: the built-in rules alone). */
  config?: ProjectConfig;
  /** The configuration exists but the workspace is not trusted: it was not read. */
  untrusted?: boolean;
  /** The configuration is broken and has no good version to fall back on (CLI: skip the file). */
  broken?: boolean;
}

export interface ResolverOptions {
  builtinIds: ReadonlySet<string>;
  trusted?: boolean;
  keepLastGood?: boolean;
}

export class ConfigResolver {
  readonly finder = new ConfigFinder();
  private readonly states = new Map<string, ConfigState>();
  trusted: boolean;

  constructor(private readonly options: ResolverOptions) {
    this.trusted = options.trusted ?? true;
  }

  /** The configuration governing `file` (absolute). */
  resolve(file: string): Resolution {
    return this.resolveConfig(this.finder.forFile(file));
  }

  /** The configuration for a folder's own files (`dir` and above). */
  resolveDir(dir: string): Resolution {
    return this.resolveConfig(this.finder.forDir(dir));
  }

  private resolveConfig(configFile: string | undefined): Resolution {
    if (!configFile) return {};
    if (!this.trusted) return { file: configFile, untrusted: true };
    const state = this.states.get(configFile) ?? this.load(configFile);
    return { file: configFile, state, config: state.config, ...(state.config ? {} : { broken: true }) };
  }

  /** Whether `file` lies under one of its configuration's `ignore` paths. */
  ignored(file: string, r: Resolution): boolean {
    const state = r.state;
    if (!state?.config || state.config.ignore.length === 0) return false;
    state.ignore ??= ignore().add(state.config.ignore);
    const rel = relative(state.config.dir, file).split(sep).join('/');
    return rel !== '' && !rel.startsWith('../') && state.ignore.ignores(rel);
  }

  /** Every configuration read so far. */
  all(): ConfigState[] {
    return [...this.states.values()];
  }

  /**
   * Looks at each configuration read so far again (and forgets which folder has which, as files
   * may have come or gone): returns those whose file changed (reloaded, deleted or broken).
   */
  recheck(): ConfigState[] {
    this.finder.clear();
    const changed: ConfigState[] = [];
    for (const [file, state] of this.states) {
      const now = read(file);
      if (now.text !== undefined && now.text === state.text) continue;
      if (now.missing) {
        // Deleted: files below now resolve to another configuration (or none).
        this.states.delete(file);
        changed.push({ ...state, config: undefined, error: undefined, text: undefined });
        continue;
      }
      this.reload(state, now);
      changed.push(state);
    }
    return changed;
  }

  private load(file: string): ConfigState {
    const state: ConfigState = { file, text: undefined, version: 0 };
    this.reload(state, read(file));
    this.states.set(file, state);
    return state;
  }

  private reload(state: ConfigState, now: { text?: string; error?: string }): void {
    state.text = now.text;
    try {
      if (now.text === undefined) throw new RuleFileError(state.file, 0, 0, '', problems.unreadableConfig(now.error ?? ''));
      state.config = loadConfig(now.text, state.file, this.options.builtinIds);
      state.error = undefined;
      state.ignore = undefined;
      state.version++;
    } catch (e) {
      state.error = e instanceof RuleFileError ? e : new RuleFileError(state.file, 0, 0, '', { en: (e as Error).message, 'zh-CN': (e as Error).message });
      if (!this.options.keepLastGood && state.config) {
        state.config = undefined;
        state.ignore = undefined;
        state.version++;
      }
    }
  }
}

function read(file: string): { text?: string; error?: string; missing?: boolean } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: (e as Error).message, missing: code === 'ENOENT' || code === 'ENOTDIR' };
  }
}
