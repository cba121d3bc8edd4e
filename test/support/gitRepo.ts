import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli';

/**
 * Environment for git and for the CLI in the git tests: no system configuration, and fixed
 * author and committer dates, so that commits do not depend on the machine or the clock.
 */
export const gitEnv = { GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' };

/** The parts of `sdguard scan --format json` the git tests read. */
export interface GitJsonReport {
  files: { path: string; findings: { ruleId: string; line: number; masked: string }[] }[];
  summary: { scanned: number; findings: number };
}

/** Runs git in `cwd` with {@link gitEnv}; returns its standard output. */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...gitEnv }, encoding: 'utf8' });
}

/**
 * A new, empty repository in a temporary folder (named from `prefix`), with a test identity,
 * no commit signing and no line-ending conversion; returns its path.
 */
export function initRepo(prefix: string): string {
  const repo = mkdtempSync(join(tmpdir(), prefix));
  gitIn(repo, 'init', '-q');
  gitIn(repo, 'config', 'user.name', 'Test');
  gitIn(repo, 'config', 'user.email', 'test@example.invalid');
  gitIn(repo, 'config', 'commit.gpgsign', 'false');
  gitIn(repo, 'config', 'core.autocrlf', 'false');
  return repo;
}

/** `sdguard scan ARGS --format json` in `cwd` with {@link gitEnv}; fails unless it exits 0 or 1. */
export function scanJson(args: string[], cwd: string): GitJsonReport {
  const r = runCli(['scan', ...args, '--format', 'json'], { cwd, env: gitEnv });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout) as GitJsonReport;
}

/** Each finding of a report as `path:line ruleId masked`. */
export const found = (report: GitJsonReport): string[] =>
  report.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line} ${x.ruleId} ${x.masked}`));
