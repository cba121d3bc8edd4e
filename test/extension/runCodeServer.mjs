#!/usr/bin/env node
// Runs the extension-host suite (test/extension/suite.ts) inside code-server's VS Code server,
// which accepts --extensionDevelopmentPath and --extensionTestsPath like a desktop VS Code: the
// suite runs in the remote extension host once a browser opens the workbench.
//   node test/extension/runCodeServer.mjs      (after npm run build; toolchain from test/e2e/setup.mjs)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { ensureE2eToolchain, REPO_ROOT, CHROMIUM } from '../e2e/setup.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sdguard-ext-tests-'));
const result = path.join(tmp, 'result.json');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let server;
let browser;

async function main() {
  const tc = ensureE2eToolchain();
  const suite = path.join(REPO_ROOT, '.cache', 'ext-tests', 'suite.js');
  await build({ entryPoints: [path.join(REPO_ROOT, 'test', 'extension', 'suite.ts')], outfile: suite, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning' });
  // mocha is required at run time from the repository's node_modules.
  fs.writeFileSync(path.join(path.dirname(suite), 'package.json'), '{}');
  const ws = path.join(tmp, 'examples');
  fs.cpSync(path.join(REPO_ROOT, 'examples'), ws, { recursive: true });
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none' }));
  const port = await new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const { port: p } = s.address(); s.close(() => resolve(p)); }); });
  const log = fs.openSync(path.join(tmp, 'code-server.log'), 'a');
  server = spawn(process.execPath, [tc.codeServerEntry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', path.join(tmp, 'extensions')],
  { env: { ...process.env, SDGUARD_EXT_TEST_RESULT: result, XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_DATA_HOME: path.join(tmp, 'xdg-data') }, stdio: ['ignore', log, log], detached: true });
  for (let i = 0; ; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch {}
    if (i > 240) throw new Error(`code-server did not start:\n${fs.readFileSync(path.join(tmp, 'code-server.log'), 'utf8').slice(-3000)}`);
    await sleep(250);
  }
  const { chromium } = createRequire(path.join(tc.nodeModules, 'x.js'))('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage();
  // code-server's CLI does not take --extensionDevelopmentPath; the workbench reads the same
  // settings from the URL's `payload` (as vscode-test-web does), as URIs on the remote host.
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', remote(REPO_ROOT)], ['extensionTestsPath', remote(suite)]]);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`);
  const deadline = Date.now() + 180_000;
  while (!fs.existsSync(result)) {
    if (Date.now() > deadline) throw new Error(`no result after 180 s; code-server log:\n${fs.readFileSync(path.join(tmp, 'code-server.log'), 'utf8').slice(-3000)}`);
    await sleep(500);
  }
  const { failures, results } = JSON.parse(fs.readFileSync(result, 'utf8'));
  for (const r of results) console.log(`${r.ok ? '  ✔' : '  ✘'} ${r.title}${r.ok ? '' : `: ${r.error}`}`);
  console.log(`extension-host tests in code-server: ${results.length - failures} passed, ${failures} failed`);
  return failures ? 1 : 0;
}

main().then(
  async (code) => { await cleanup(); process.exit(code); },
  async (e) => { console.error(e.stack ?? e); await cleanup(); process.exit(1); },
);

async function cleanup() {
  await browser?.close().catch(() => {});
  if (server?.pid) { try { process.kill(-server.pid, 'SIGKILL'); } catch {} }
  fs.rmSync(tmp, { recursive: true, force: true });
}
