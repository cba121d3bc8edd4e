// Runner and timing helpers for the benchmark: tools, inputs, the rg pattern, timed runs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TIME = '/usr/bin/time';

/** Runs a command in the repository root (English messages), capturing its output. */
function exec(argv, opts = {}) {
  return spawnSync(argv[0], argv.slice(1), {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    ...opts,
  });
}

export const hasRg = () => exec(['rg', '--version']).status === 0;
export const hasTime = () => existsSync(TIME);

/** True when the tool is there, installing its Debian package first when we are root. */
export function ensureTool(label, present, pkg) {
  if (present()) return true;
  if (process.getuid?.() !== 0) {
    console.log(`${label} not found and not root: install it with "sudo apt-get install -y ${pkg}"; going on without it.`);
    return false;
  }
  console.log(`${label} not found: apt-get install -y ${pkg}`);
  const apt = (...args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
  if (apt('install', '-y', pkg) !== 0) apt('update') === 0 && apt('install', '-y', pkg);
  if (!present()) console.log(`could not install ${pkg}; going on without ${label}.`);
  return present();
}

// ---- inputs ---------------------------------------------------------------------------------

function generate(args) {
  console.log(`generating bench/data input: gen-data.ts ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'gen-data.ts'), ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`gen-data.ts ${args.join(' ')} failed`);
}

/** The payroll/order CSV of about `sizeMB` MiB, generated once. Returns its path relative to the root. */
export function csvInput(sizeMB) {
  const rel = `bench/data/payroll-${sizeMB}mb.csv`;
  if (!existsSync(join(root, rel))) generate([String(sizeMB)]);
  return rel;
}

/** The payroll/order workbook of `rows` data rows, generated once. */
export function xlsxInput(rows) {
  const rel = `bench/data/payroll-${rows}rows.xlsx`;
  if (!existsSync(join(root, rel))) generate(['--xlsx', String(rows)]);
  return rel;
}

/** The folder of `count` small code and CSV files, generated once. */
export function folderInput(count) {
  const rel = `bench/data/files-${count}`;
  if (!existsSync(join(root, rel))) generate(['--files', String(count)]);
  return rel;
}

/**
 * `copies` copies of the folder `rel` side by side in one folder (`rel`x`copies`), as hard links
 * where the file system allows: more of the same work, no more disk.
 */
export function linkedCopies(rel, copies) {
  const out = `${rel}x${copies}`;
  if (existsSync(join(root, out))) return out;
  const link = (from, to) => {
    mkdirSync(to, { recursive: true });
    for (const e of readdirSync(from, { withFileTypes: true })) {
      if (e.isDirectory()) link(join(from, e.name), join(to, e.name));
      else {
        try {
          linkSync(join(from, e.name), join(to, e.name));
        } catch {
          copyFileSync(join(from, e.name), join(to, e.name));
        }
      }
    }
  };
  for (let i = 1; i <= copies; i++) link(join(root, rel), join(root, out, `copy${i}`));
  return out;
}

/** Total bytes and file count of a file or folder. */
export function sizeOf(rel) {
  const walk = (abs) => {
    const st = statSync(abs);
    if (!st.isDirectory()) return { bytes: st.size, files: 1 };
    let bytes = 0, files = 0;
    for (const name of readdirSync(abs)) {
      const s = walk(join(abs, name));
      bytes += s.bytes;
      files += s.files;
    }
    return { bytes, files };
  };
  return walk(join(root, rel));
}

/** Reads an input once so that no timed run pays for a cold page cache. */
export function warmUp(rel) {
  exec(['sh', '-c', 'find "$1" -type f -exec cat {} + > /dev/null', 'sh', rel]);
}

// ---- the rg reference ---------------------------------------------------------------------

/**
 * The alternation of the enabled rules' `match.pattern` regexes from rules/*.yaml, anchors
 * removed, as a byte-oriented rg pattern (`(?-u)`: `\d` is ASCII only, as in JavaScript).
 */
export function rgPattern() {
  const dir = join(root, 'rules');
  const alternatives = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const rule of parse(readFileSync(join(dir, file), 'utf8')).rules ?? []) {
      if (rule.enabled === false || rule.disabled === true || !rule.match?.pattern) continue;
      // rg has no look-around: drop (?!…)/(?=…) groups (e.g. SSN's "not 000"), keeping the shape.
      const shape = rule.match.pattern.replace(/^\^/, '').replace(/(?<!\\)\$$/, '').replace(/\(\?[!=][^()]*\)/g, '');
      alternatives.push(`(?:${shape})`);
    }
  }
  return `(?-u)${alternatives.join('|')}`;
}

/** undefined when rg accepts the pattern, else rg's message. */
export function rgRejects(pattern) {
  const r = exec(['rg', '-c', pattern], { input: '' });
  return r.status === 0 || r.status === 1 ? undefined : r.stderr.trim() || `rg exited ${r.status}`;
}

// ---- commands and timed runs ------------------------------------------------------------------

/** `sdguard ARGS` (the input path last), expected to exit 1 (findings reported). */
export const sdguard = (args, label = `sdguard ${args.slice(0, -1).join(' ')}`) => ({ tool: 'sdguard', args, expect: 1, label });
/**
 * Several sdguard runs at once, as separate processes (`argsList`, each with its input last), timed
 * together: done when the last is. Exit status, CPU time and peak RSS are those of the shell that
 * waits for them (GNU time counts the CPU of all; the RSS is the largest one's). The count is the sum.
 */
export const sdguardSideBySide = (argsList, label) => ({ tool: 'sdguard-side-by-side', args: argsList, expect: 1, label });
/** The reference: `rg -o -c -j1 PATTERN PATH`, expected to exit 0. */
export const rg = (pattern, path, jobs = 1) => ({ tool: 'rg', args: ['-o', '-c', `-j${jobs}`, pattern, path], expect: 0, label: `rg -o -c -j${jobs}` });

/** Whether this build of sdguard takes `scan --jobs N` (the flag is new): tried on a one-line file. */
export function sdguardHasJobs() {
  const probe = join(tmpdir(), `sdguard-bench-probe-${process.pid}.txt`);
  exec(['sh', '-c', 'echo hello > "$1"', 'sh', probe]);
  const r = exec([process.execPath, 'bin/sdguard.js', 'scan', '--summary', '--jobs', '1', probe]);
  rmSync(probe, { force: true });
  return r.status === 0 || r.status === 1;
}

/**
 * One run: wall time, peak RSS (MiB), CPU time (user + system, all threads; with GNU time only)
 * and the count the tool printed (sdguard findings, rg matches).
 */
function measure(cmd, useTime) {
  const rssFile = join(tmpdir(), `sdguard-bench-rss-${process.pid}`);
  let argv = cmd.tool === 'rg' ? ['rg', ...cmd.args] : cmd.tool === 'sdguard' ? [process.execPath, 'bin/sdguard.js', ...cmd.args] : sideBySide(cmd.args, useTime);
  if (useTime) argv = [TIME, '-f', '%M %U %S', '-o', rssFile, ...argv];
  else if (cmd.tool === 'sdguard') argv = [process.execPath, 'bench/peak-rss.cjs', ...cmd.args];
  const start = process.hrtime.bigint();
  const r = exec(argv);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) throw r.error;
  let stderr = r.stderr;
  let rssKB = NaN;
  let cpu = NaN;
  if (useTime) {
    // GNU time writes "Command exited with non-zero status N" first when the status is not 0.
    const [kb, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    rssKB = kb;
    cpu = user + system;
    rmSync(rssFile, { force: true });
  } else {
    const m = /\n?BENCH_MAX_RSS_KB=(\d+)\n/.exec(stderr);
    if (m) {
      rssKB = Number(m[1]);
      stderr = stderr.replace(m[0], '');
    }
  }
  if (r.status !== cmd.expect) {
    throw new Error(`${cmd.label}: exit status ${r.status ?? r.signal} (expected ${cmd.expect})\n${stderr.trim()}`);
  }
  const count =
    cmd.tool === 'rg'
      ? r.stdout.split('\n').reduce((n, line) => n + Number(/(\d+)$/.exec(line)?.[1] ?? 0), 0)
      : cmd.tool === 'sdguard'
        ? Number(/(\d+) (?:finding|value)/.exec(stderr)?.[1] ?? 0)
        : [...stderr.matchAll(/(\d+) finding/g)].reduce((n, m) => n + Number(m[1]), 0);
  return { seconds, rssMB: rssKB / 1024, cpu, count };
}

/**
 * A shell command starting each sdguard run in the background, then waiting for each: it exits
 * with the highest status of theirs. Without GNU time, each run prints its own peak RSS and the
 * shell passes the lines on; measure() takes the first.
 */
function sideBySide(argsList, useTime) {
  const script = useTime ? 'bin/sdguard.js' : 'bench/peak-rss.cjs';
  const q = (a) => `'${a.replaceAll("'", "'\\''")}'`;
  const starts = argsList.map((args, i) => `${q(process.execPath)} ${script} ${args.map(q).join(' ')} & p${i}=$!`);
  const waits = argsList.map((_, i) => `wait $p${i}; s=$?; [ $s -gt $max ] && max=$s`);
  return ['sh', '-c', [...starts, 'max=0', ...waits, 'exit $max'].join('\n')];
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs the commands in turn, `runs` rounds (A, B, A, B, …), and returns each command with the
 * median time and peak RSS and the count its first run printed. A command that fails is
 * reported (with its stderr), not run again, and returned with `error`; the others go on.
 */
export function alternate(cmds, runs, useTime) {
  const all = cmds.map(() => []);
  const errors = [];
  for (let i = 0; i < runs; i++) {
    cmds.forEach((cmd, j) => {
      if (errors[j]) return;
      try {
        const m = measure(cmd, useTime);
        all[j].push(m);
        console.log(`  run ${i + 1}/${runs}  ${cmd.label.padEnd(44)} ${m.seconds.toFixed(2).padStart(7)} s  ${m.rssMB.toFixed(0).padStart(5)} MiB  count ${m.count}`);
      } catch (e) {
        errors[j] = e.message;
        console.log(`  run ${i + 1}/${runs}  FAILED ${e.message}`);
      }
    });
  }
  return cmds.map((cmd, j) => {
    if (errors[j]) return { ...cmd, seconds: NaN, rssMB: NaN, cpu: NaN, count: NaN, error: errors[j] };
    const counts = new Set(all[j].map((m) => m.count));
    if (counts.size > 1) console.log(`  warning: ${cmd.label} printed different counts across runs: ${[...counts].join(', ')}`);
    const mid = (key) => median(all[j].map((m) => m[key]));
    return { ...cmd, seconds: mid('seconds'), rssMB: mid('rssMB'), cpu: mid('cpu'), count: all[j][0].count };
  });
}

// ---- the machine -------------------------------------------------------------------------------

/** What the figures depend on: CPUs, load, node, rg, the commit and when dist/cli.js was built. */
export function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? 'unknown';
  const rgVersion = exec(['rg', '--version']).stdout?.split('\n')[0] || 'rg not installed';
  const commit = exec(['git', 'rev-parse', '--short', 'HEAD']).stdout?.trim() || 'unknown';
  return { nproc: availableParallelism(), load: loadavg()[0].toFixed(2), cpu, node: process.version, rg: rgVersion, commit, dist: distBuilt() };
}

export function distBuilt() {
  const cli = join(root, 'dist', 'cli.js');
  return existsSync(cli) ? statSync(cli).mtime.toISOString().replace(/\.\d+Z$/, 'Z') : 'missing';
}
