import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { realOrSelf } from '../paths';
import { LocalizedError } from '../../l10n/localizedError';
import { t } from '../../l10n/messages';

/** Git is missing, the folder is not in a repository, or a revision does not exist: a usage error (exit 2). */
export class GitError extends LocalizedError {}

/**
 * Runs git in `cwd` and returns its standard output. Options that users' configuration could turn
 * into surprises (pagers, colours, external diff tools, quoted paths) are fixed on the command line.
 */
export function git(cwd: string, args: string[]): Buffer {
  const r = spawnSync('git', ['-c', 'core.quotePath=false', '-c', 'color.ui=false', ...args], {
    cwd,
    maxBuffer: 1 << 30,
    env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
  });
  if (r.error) throw spawnError(r.error);
  if (r.status !== 0) throw gitFailed(args.filter((a) => !a.startsWith('-')).slice(0, 2).join(' '), r.stderr.toString('utf8').trim(), r.status);
  return r.stdout;
}

/** Git could not be started: not installed, or another system error. */
function spawnError(e: Error): GitError {
  const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
  return new GitError((lang) => (missing ? t(lang, 'git.notInstalled') : e.message));
}

/** Git ran and failed: its own words (in its own language), or its exit status. */
function gitFailed(command: string, stderr: string, status: number | null): GitError {
  return new GitError((lang) => t(lang, 'git.failed', command, stderr || t(lang, 'git.exitStatus', String(status))));
}

/** The root of the work tree holding `cwd` (a real path). */
export function gitTop(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').replace(/\r?\n$/, '');
}

/** Splits `-z` output into its NUL-terminated fields. */
export function zFields(out: Buffer): string[] {
  const s = out.toString('utf8');
  const fields = s.split('\0');
  if (fields.length && fields[fields.length - 1] === '') fields.pop();
  return fields;
}

/**
 * Maps a path relative to the work tree root (as git prints it) to an absolute path spelled from
 * the working folder as the user gave it: git resolves symbolic links (`/tmp` → `/private/tmp`),
 * and reports must show paths relative to the folder the scan runs in.
 */
export function pathMapper(top: string, cwd: string): (gitPath: string) => string {
  const realCwd = realOrSelf(cwd);
  return (gitPath) => resolve(cwd, relative(realCwd, join(top, ...gitPath.split('/'))));
}

/**
 * Copies blobs out of the object store into files (`git cat-file --batch`, one process for all of
 * them, streamed: memory stays flat whatever their size). No filters are applied: the bytes are
 * what the commit will hold.
 */
export function writeBlobs(top: string, blobs: readonly { sha: string; dest: string }[]): Promise<void> {
  if (blobs.length === 0) return Promise.resolve();
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: top, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let at = 0; // the blob being read
    let fd = -1;
    let left = -1; // bytes of the current blob still to come; -1 while reading a header
    let header = Buffer.alloc(0);
    let failed: Error | undefined;
    const fail = (e: Error) => {
      if (!failed) failed = e;
      if (fd >= 0) closeSync(fd);
      fd = -1;
      child.kill();
    };
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (e) => fail(spawnError(e)));
    child.stdout.on('data', (chunk: Buffer) => {
      let i = 0;
      try {
        while (!failed && i < chunk.length) {
          if (left === -1) {
            const nl = chunk.indexOf(0x0a, i);
            const part = chunk.subarray(i, nl === -1 ? chunk.length : nl);
            header = header.length ? Buffer.concat([header, part]) : Buffer.from(part);
            if (nl === -1) return;
            i = nl + 1;
            const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header.toString('utf8'));
            header = Buffer.alloc(0);
            if (!m) return fail(new GitError((lang) => t(lang, 'git.blobUnread', blobs[at]?.sha ?? '?')));
            fd = openSync(blobs[at].dest, 'w');
            left = Number(m[3]) + 1; // the content and one line feed
          } else {
            const n = Math.min(left, chunk.length - i);
            const content = Math.min(n, left - 1);
            if (content > 0) writeSync(fd, chunk, i, content);
            i += n;
            left -= n;
            if (left === 0) {
              closeSync(fd);
              fd = -1;
              left = -1;
              at++;
            }
          }
        }
      } catch (e) {
        fail(e as Error);
      }
    });
    child.on('close', (code) => {
      if (fd >= 0) closeSync(fd);
      if (failed) reject(failed);
      else if (code !== 0 || at < blobs.length) reject(gitFailed('cat-file', stderr.trim(), code));
      else resolvePromise();
    });
    child.stdin.on('error', () => undefined); // reported through 'close'
    child.stdin.end(blobs.map((b) => `${b.sha}\n`).join(''));
  });
}
