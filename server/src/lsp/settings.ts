import type { Connection } from 'vscode-languageserver/node';
import type { Confidence } from '../engine/types';
import { OPERATORS, type Operator } from '../engine/redact/operators';

/** The `sdguard.*` settings the server reads; the client declares them in package.json. */
export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** Diagnostics published per document; the rest are summed up in one notice. */
  maxDiagnostics: number;
  /** Findings below this confidence are not reported. */
  minConfidence: Confidence;
  /** Gitignore-style globs (relative to the workspace folder) of files not scanned in the editor. */
  exclude: string[];
  /** What fix-all applies (and what the protect commands offer first). */
  defaultMode: Operator;
  /** Documents larger than this (MB of text; 0 = no limit) are left to the CLI. */
  maxFileSizeMB: number;
}

export const defaultSettings: Settings = { enable: true, run: 'onType', maxDiagnostics: 1000, minConfidence: 'medium', maxFileSizeMB: 50, defaultMode: 'mask', exclude: [] };

/** Defaults filled in, odd values (a negative or fractional cap) replaced by the default. */
function sanitize(raw: Partial<Settings> | null): Settings {
  const s = { ...defaultSettings, ...(raw ?? {}) };
  if (!Number.isInteger(s.maxDiagnostics) || s.maxDiagnostics < 0) s.maxDiagnostics = defaultSettings.maxDiagnostics;
  if (!Array.isArray(s.exclude) || !s.exclude.every((g) => typeof g === 'string')) s.exclude = [];
  if (!OPERATORS.includes(s.defaultMode)) s.defaultMode = defaultSettings.defaultMode;
  if (typeof s.maxFileSizeMB !== 'number' || !(s.maxFileSizeMB >= 0)) s.maxFileSizeMB = defaultSettings.maxFileSizeMB;
  if (!['low', 'medium', 'high'].includes(s.minConfidence)) s.minConfidence = defaultSettings.minConfidence;
  return s;
}

/**
 * Settings flow in one place: pulled per document with workspace/configuration when the client
 * supports it (cached until a didChangeConfiguration), defaults otherwise.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  canPull = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(defaultSettings);
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'sdguard' })
        .then((raw: Partial<Settings> | null) => sanitize(raw))
        .catch(() => defaultSettings);
      this.cache.set(uri, s);
    }
    return s;
  }

  forget(uri?: string): void {
    if (uri) this.cache.delete(uri);
    else this.cache.clear();
  }
}
