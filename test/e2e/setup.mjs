#!/usr/bin/env node
// Installs the end-to-end toolchain into <repo>/.cache/e2e/ (git-ignored):
//   code-server 4.100.3 (VS Code 1.100.3, the last line that runs on Node 20) + playwright-core.
// Recipe: /work/shared/notes/vscode-e2e.md. code-server's own postinstall refuses root and
// downloads from GitHub (unreachable here), so we run its steps by hand with --ignore-scripts.
//
// Idempotent: a stamp file is written at the very end; when it is present and matches the
// pinned versions and this Node's ABI, nothing is done. A missing/mismatching stamp means the
// previous install was partial or stale: the folder is wiped and installed again.
//
// Usage: node test/e2e/setup.mjs            (or import { ensureE2eToolchain } from it)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const PLAYWRIGHT_CORE_RANGE = '1';
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..', '..');
export const CACHE_DIR = process.env.E2E_CACHE_DIR
  ? path.resolve(process.env.E2E_CACHE_DIR)
  : path.join(REPO_ROOT, '.cache', 'e2e');
const STAMP = path.join(CACHE_DIR, '.installed.json');

const wanted = {
  codeServer: CODE_SERVER_VERSION,
  playwrightCore: PLAYWRIGHT_CORE_RANGE,
  nodeAbi: process.versions.modules, // native modules (argon2, node-pty, kerberos…) are built for it
  platform: `${process.platform}-${process.arch}`,
  recipe: 1, // bump when the steps below change
};

export function toolchainPaths(cacheDir = CACHE_DIR) {
  const nm = path.join(cacheDir, 'node_modules');
  return {
    cacheDir,
    nodeModules: nm,
    codeServerEntry: path.join(nm, 'code-server', 'out', 'node', 'entry.js'),
    vscodeDir: path.join(nm, 'code-server', 'lib', 'vscode'),
    playwrightCore: path.join(nm, 'playwright-core'),
    chromium: CHROMIUM,
  };
}

function log(msg) {
  console.log(`[e2e setup] ${msg}`);
}

function run(cmd, args, cwd, extraEnv = {}) {
  const t0 = Date.now();
  log(`$ (cd ${path.relative(REPO_ROOT, cwd) || '.'} && ${cmd} ${args.join(' ')})`);
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      // keep npm quiet and non-interactive; never let it walk up into the project
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
      npm_config_yes: 'true',
      // node-gyp (argon2, node-pty, kerberos…) must not download Node headers from nodejs.org
      // (unreachable here): use the installed ones when the machine has them.
      ...(!process.env.npm_config_nodedir && fs.existsSync('/usr/include/node/node.h') ? { npm_config_nodedir: '/usr' } : {}),
      ...extraEnv,
    },
  });
  if (r.error) throw new Error(`${cmd} failed to start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal} (in ${cwd})`);
  log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

/** Non-fatal: without a CJK font, Chinese text in screenshots is drawn as empty boxes. */
function warnIfNoCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (r.status === 0 && !r.stdout.trim()) {
    log('note: no CJK font installed, Chinese text in screenshots will show as boxes ' +
      '(apt-get install -y fonts-wqy-microhei)');
  }
}

export function checkSystemPrereqs() {
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (package chromium)`);
  if (!fs.existsSync('/usr/bin/rg')) missing.push('/usr/bin/rg (package ripgrep)');
  if (missing.length) {
    throw new Error(
      `missing system prerequisites: ${missing.join(', ')}.\n` +
        `  Run (as root): apt-get update && apt-get install -y chromium ripgrep libkrb5-dev`,
    );
  }
}

function stampOk() {
  try {
    const s = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
    const p = toolchainPaths();
    return (
      Object.keys(wanted).every((k) => String(s[k]) === String(wanted[k])) &&
      fs.existsSync(p.codeServerEntry) &&
      fs.existsSync(path.join(p.playwrightCore, 'package.json'))
    );
  } catch {
    return false;
  }
}

/** Makes sure the toolchain is installed; returns its paths. Throws with a clear message. */
export function ensureE2eToolchain({ force = false } = {}) {
  checkSystemPrereqs();
  warnIfNoCjkFont();
  const p = toolchainPaths();
  if (!force && stampOk()) {
    log(`toolchain already installed in ${path.relative(REPO_ROOT, CACHE_DIR)} (stamp ok), skipping install`);
    return p;
  }
  // The kerberos native module (code-server's VS Code) needs the krb5 headers.
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !fs.existsSync('/usr/include/krb5.h')) {
    throw new Error(
      'missing krb5 headers (package libkrb5-dev).\n' +
        '  Run (as root): apt-get update && apt-get install -y chromium ripgrep libkrb5-dev',
    );
  }
  const t0 = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} + playwright-core@${PLAYWRIGHT_CORE_RANGE} into ${CACHE_DIR} (first time: ~5 minutes, ~300 MB)`);
  fs.rmSync(CACHE_DIR, { recursive: true, force: true });
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // Own package.json, so npm treats this folder as its root and never installs into the project.
  fs.writeFileSync(
    path.join(CACHE_DIR, 'package.json'),
    JSON.stringify({ name: 'sdguard-e2e-toolchain', private: true, description: 'generated by test/e2e/setup.mjs' }, null, 2) + '\n',
  );

  // 2. code-server + playwright-core, without their install scripts
  run('npm', ['install', '--no-save', '--no-package-lock', '--ignore-scripts',
    `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_CORE_RANGE}`], CACHE_DIR);
  // 3. code-server's own native module
  run('npm', ['rebuild', 'argon2'], CACHE_DIR);
  // 4. the bundled VS Code's production dependencies
  const vs = p.vscodeDir;
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-save'], vs);
  // @vscode/ripgrep's postinstall downloads from GitHub unless bin/ exists: use Debian's rg.
  const rgBin = path.join(vs, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBin, { recursive: true });
  fs.rmSync(path.join(rgBin, 'rg'), { force: true });
  fs.symlinkSync('/usr/bin/rg', path.join(rgBin, 'rg'));
  // node-pty's install script runs `npx node-gyp`; npm_config_yes (set in run()) answers it.
  run('npm', ['rebuild'], vs);
  const asar = path.join(vs, 'node_modules.asar');
  fs.rmSync(asar, { recursive: true, force: true });
  fs.symlinkSync('node_modules', asar);
  run('npm', ['install', '--omit=dev', '--no-save'], path.join(vs, 'extensions'));

  if (!fs.existsSync(p.codeServerEntry)) throw new Error(`install finished but ${p.codeServerEntry} is missing`);
  const secs = (Date.now() - t0) / 1000;
  fs.writeFileSync(STAMP, JSON.stringify({ ...wanted, installedAt: new Date().toISOString(), seconds: secs }, null, 2) + '\n');
  log(`toolchain installed in ${secs.toFixed(1)}s`);
  return p;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = Date.now();
  try {
    ensureE2eToolchain({ force: process.argv.includes('--force') });
    log(`setup finished in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  } catch (e) {
    console.error(`[e2e setup] ERROR: ${e.message}`);
    process.exit(1);
  }
}
