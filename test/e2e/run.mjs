#!/usr/bin/env node
// End-to-end tests: the packaged extension in a real VS Code (code-server 4.100.3 = VS Code
// 1.100.3) shown in Debian's Chromium and driven by playwright-core.
// Recipe and background: /work/shared/notes/vscode-e2e.md.
//
//   npm run test:e2e                 setup (cached) → npm run package → install the .vsix → UI tests
//   node test/e2e/run.mjs --no-package   use the existing dist/sensitive-data-guard.vsix
//   node test/e2e/run.mjs --grep payroll  run only tests whose name contains "payroll"
//   node test/e2e/run.mjs --keep          keep the temporary folder (user data, logs, workspace)
//
// Environment: E2E_UI_TIMEOUT_MS (default 300000: guard for the whole browser part),
// E2E_PROJECT_ROOT (default: this repo; lets the harness run against another checkout),
// E2E_CACHE_DIR (default <repo>/.cache/e2e), E2E_CHROMIUM (default /usr/bin/chromium),
// E2E_INSTALL=unpack (skip `code-server --install-extension`, unpack the .vsix), E2E_DEBUG=1 (dump
// the Problems panel's HTML and rows into test-results/e2e/).
//
// Output: screenshots, logs and failure dumps in <project>/test-results/e2e/; the last line is
// exactly `e2e: N passed, M failed`; the exit code is non-zero when anything failed.
//
// To add a scenario, append an entry to TESTS below: { name, timeoutMs, run(t) }. Each test gets
// a fresh browser page on the same code-server (fresh user-data-dir for the whole run) and a
// fresh copy of examples/ (see t.freshWorkspace()).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { ensureE2eToolchain, REPO_ROOT, CHROMIUM } from './setup.mjs';

const argv = process.argv.slice(2);
const opt = {
  noPackage: argv.includes('--no-package'),
  keep: argv.includes('--keep'),
  grep: argv.includes('--grep') ? argv[argv.indexOf('--grep') + 1] : undefined,
};
const PROJECT_ROOT = process.env.E2E_PROJECT_ROOT ? path.resolve(process.env.E2E_PROJECT_ROOT) : REPO_ROOT;
const RESULTS_DIR = path.join(PROJECT_ROOT, 'test-results', 'e2e');
const VSIX = path.join(PROJECT_ROOT, 'dist', 'sensitive-data-guard.vsix');
const UI_TIMEOUT_MS = Number(process.env.E2E_UI_TIMEOUT_MS || 300_000);
const EXPECTED_RULES = ['cn-resident-id', 'bank-card', 'cn-mobile'];

// Chromium flags that work as root in a container (see the recipe).
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false, // otherwise a trust dialog blocks every click
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
};

// ───────────────────────────── small utilities ─────────────────────────────
const t00 = Date.now();
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`[e2e ${((Date.now() - t00) / 1000).toFixed(1).padStart(6)}s] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

async function step(label, fn) {
  const t0 = Date.now();
  log(`▶ ${label}`);
  try {
    const r = await fn();
    log(`✓ ${label} (${secs(t0)})`);
    return r;
  } catch (e) {
    log(`✗ ${label} (${secs(t0)})`);
    throw e;
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`timed out after ${ms / 1000}s: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/** Runs a command to completion, capturing output (also streamed when `echo`). */
function runCmd(cmd, args, { cwd = PROJECT_ROOT, env = process.env, timeoutMs = 120_000, echo = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; if (echo) process.stdout.write(d); });
    child.stderr.on('data', (d) => { stderr += d; if (echo) process.stderr.write(d); });
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch {}
      reject(new Error(`timed out after ${timeoutMs / 1000}s: ${cmd} ${args.join(' ')}\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

// Minimal ZIP reader (a .vsix is a zip): list entries and extract them with zlib.
function readZip(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    entries.push({
      name, size,
      data() {
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const raw = buf.subarray(start, start + csize);
        if (method === 0) return raw;
        if (method === 8) return zlib.inflateRawSync(raw);
        throw new Error(`${name}: unsupported zip method ${method}`);
      },
    });
    p += 46 + nlen + xlen + clen;
  }
  return entries;
}

/** Finds every process whose process group is `pgid` (Linux /proc). */
function processesInGroup(pgid) {
  const pids = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(d));
    } catch {}
  }
  return pids;
}

// ─────────────────────── the project side: package, CLI ───────────────────────
function readManifest() {
  const pj = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
  return { id: `${pj.publisher}.${pj.name}`, version: pj.version, folder: `${pj.publisher}.${pj.name}-${pj.version}`.toLowerCase() };
}

async function packageExtension() {
  if (opt.noPackage) {
    if (!fs.existsSync(VSIX)) throw new Error(`--no-package given but ${VSIX} does not exist (run npm run package)`);
    log(`using existing ${path.relative(PROJECT_ROOT, VSIX)}`);
  } else {
    const r = await runCmd('npm', ['run', 'package'], { echo: true, timeoutMs: 300_000 });
    if (r.code !== 0) throw new Error(`npm run package failed with exit code ${r.code}`);
    if (!fs.existsSync(VSIX)) throw new Error(`npm run package succeeded but ${VSIX} does not exist`);
  }
  // Sanity-check the contents: the e2e cache (~300 MB of code-server) or test output must never
  // end up in the extension (vsce does not read .gitignore; .vscodeignore must exclude them).
  const entries = readZip(VSIX);
  const bad = entries.filter((e) => /^extension\/(\.cache|test-results|node_modules\/\.cache)\//.test(e.name));
  const mb = fs.statSync(VSIX).size / 1e6;
  log(`vsix: ${entries.length} entries, ${mb.toFixed(2)} MB`);
  if (bad.length) {
    throw new Error(`the .vsix contains ${bad.length} files from .cache/ or test-results/ (e.g. ${bad[0].name}); ` +
      `add ".cache/**" and "test-results/**" to .vscodeignore`);
  }
  if (!entries.some((e) => e.name === 'extension/package.json')) throw new Error('the .vsix has no extension/package.json');
  const manifest = JSON.parse(entries.find((e) => e.name === 'extension/package.json').data().toString('utf8'));
  const main = manifest.main && path.posix.normalize(path.posix.join('extension', manifest.main));
  if (main && !entries.some((e) => e.name === main || e.name === `${main}.js`)) {
    throw new Error(`the .vsix lacks its main entry ${main} (package.json main = ${manifest.main})`);
  }
  return entries;
}

/** Installs the .vsix with code-server's own --install-extension into a fresh extensions dir. */
async function installVsix(tc, dirs, entries) {
  const { id, folder } = readManifest();
  const r = process.env.E2E_INSTALL === 'unpack' ? { code: 'skipped (E2E_INSTALL=unpack)', stdout: '', stderr: '' } : await runCmd(process.execPath, [tc.codeServerEntry,
    '--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    '--install-extension', VSIX], { env: dirs.env, timeoutMs: 120_000 });
  const out = (r.stdout + r.stderr).trim();
  const installed = fs.existsSync(dirs.extensions)
    ? fs.readdirSync(dirs.extensions).filter((d) => d.toLowerCase().startsWith(`${id.toLowerCase()}-`)) : [];
  if (r.code === 0 && installed.length) {
    log(`installed with code-server --install-extension: ${installed.join(', ')}`);
    log(`  ${out.split('\n').slice(-2).join('\n  ')}`);
    return { method: 'vsix', dir: path.join(dirs.extensions, installed[0]) };
  }
  // Fallback (only if the offline install of a local .vsix ever stops working, e.g. because a
  // newer code-server insists on reaching the marketplace): unpack extension/ ourselves into
  // EXT/<publisher>.<name>-<version>, which VS Code scans at startup like any installed one.
  log(`WARNING: code-server --install-extension failed (exit ${r.code}); unpacking the .vsix instead.\n${out}`);
  const dest = path.join(dirs.extensions, folder);
  for (const e of entries) {
    if (!e.name.startsWith('extension/') || e.name.endsWith('/')) continue;
    const to = path.join(dest, e.name.slice('extension/'.length));
    if (!to.startsWith(dest + path.sep)) throw new Error(`bad path in vsix: ${e.name}`);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, e.data());
  }
  return { method: 'unpacked', dir: dest };
}

/** Runs the CLI on a file; returns { total, byRule } or null when the CLI is not built. */
async function cliFindings(cwd, relFile) {
  const cli = path.join(PROJECT_ROOT, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) return null;
  const r = await runCmd(process.execPath, [cli, 'scan', relFile, '--format', 'json'], { cwd, timeoutMs: 60_000 });
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    // The CLI may exit non-zero when it finds something (CI gate); only unparsable output is an error.
    throw new Error(`node dist/cli.js scan ${relFile} --format json: exit ${r.code}, stdout is not JSON:\n` +
      `${r.stdout.slice(0, 1500)}\nstderr:\n${r.stderr.slice(0, 1500)}`);
  }
  return countFindings(json, path.basename(relFile));
}

/** Counts findings in the CLI's JSON, tolerating a few likely shapes (documented in the error). */
function countFindings(json, base) {
  const ruleOf = (f) => f.ruleId ?? f.rule ?? f.rule_id ?? f.id ?? f.code;
  const fileOf = (f) => f.file ?? f.path ?? f.uri ?? f.filePath;
  const tally = (list, shape) => {
    const byRule = {};
    for (const f of list) { const k = ruleOf(f); if (k !== undefined) byRule[k] = (byRule[k] ?? 0) + 1; }
    return { total: list.length, byRule: Object.keys(byRule).length ? byRule : null, shape };
  };
  const forThisFile = (list) => {
    const withFile = list.filter((f) => typeof fileOf(f) === 'string');
    return withFile.length === list.length ? list.filter((f) => path.basename(fileOf(f)) === base) : list;
  };
  if (Array.isArray(json?.runs)) { // SARIF
    return tally(json.runs.flatMap((r) => r.results ?? []).map((r) => ({ ruleId: r.ruleId })), 'sarif runs[].results[]');
  }
  const files = Array.isArray(json) && json.every((x) => Array.isArray(x?.findings)) ? json
    : Array.isArray(json?.files) ? json.files : Array.isArray(json?.results) && json.results.every((x) => Array.isArray(x?.findings)) ? json.results : null;
  if (files) {
    const mine = files.filter((f) => typeof fileOf(f) !== 'string' || path.basename(fileOf(f)) === base);
    return tally(mine.flatMap((f) => f.findings), 'files[].findings[]');
  }
  if (Array.isArray(json)) return tally(forThisFile(json), 'findings[]');
  if (Array.isArray(json?.findings)) return tally(forThisFile(json.findings), '{ findings: [] }');
  if (Array.isArray(json?.results)) return tally(forThisFile(json.results), '{ results: [] }');
  throw new Error('cannot find the findings in the CLI JSON (expected an array, { findings: [] }, ' +
    `{ files: [{ findings: [] }] } or SARIF); got keys: ${Object.keys(json ?? {}).join(', ')}`);
}

/** The CLI's JSON report of one file (positions are 1-based, UTF-16). */
async function cliReport(cwd, relFile) {
  const r = await runCmd(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'cli.js'), 'scan', relFile, '--format', 'json'], { cwd, timeoutMs: 60_000 });
  return JSON.parse(r.stdout);
}

/** Waits until the Problems panel shows markers for the file (the scan is done). */
async function waitForMarkers(t, fileName) {
  await t.wb.openProblems();
  const row = t.page.locator('.markers-panel .monaco-list-row[aria-level="1"]', { hasText: fileName }).first();
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  // Back to the editor.
  await t.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
}

/** Raw sensitive-looking values of a CSV: every run of ≥ 11 digits (X allowed, spaces/dashes inside). */
function rawValuesIn(text) {
  const values = new Set();
  for (const m of text.matchAll(/\d[\d \-]{9,}[\dXx]/g)) {
    for (const part of m[0].split(/\s{2,}/)) {
      const digits = part.replace(/[ \-]/g, '');
      if (/^\d{10,}[\dXx]$/.test(digits)) { values.add(part.trim()); values.add(digits); }
    }
  }
  return [...values];
}

// ───────────────────────────── workbench helpers ─────────────────────────────
function workbench(page, ctx) {
  const W = {
    async open(folder) {
      const url = `${ctx.baseUrl}/?folder=${encodeURIComponent(folder)}`;
      await step(`open ${url}`, async () => {
        await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
        await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
        await page.locator('.explorer-folders-view .monaco-list, .explorer-viewlet .monaco-list').first()
          .waitFor({ state: 'visible', timeout: 60_000 });
      });
    },
    async openFileFromExplorer(name) {
      await step(`open ${name} from the Explorer`, async () => {
        const item = page.getByRole('treeitem', { name, exact: true });
        await item.waitFor({ state: 'visible', timeout: 30_000 });
        await item.click();
        await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 30_000 });
        await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 30_000 });
      });
    },
    async command(title) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`);
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
    },
    async openProblems() {
      await step('open the Problems panel', async () => {
        const panel = page.locator('.markers-panel');
        await page.keyboard.press('Control+Shift+M');
        try {
          await panel.waitFor({ state: 'visible', timeout: 10_000 });
        } catch {
          log('Control+Shift+M did not open Problems; trying the command palette');
          await W.command('Problems: Focus on Problems View');
          await panel.waitFor({ state: 'visible', timeout: 15_000 });
        }
      });
    },
    /**
     * Reads every row of the Problems tree for one file. The tree is virtualised (only visible
     * rows are in the DOM), so it is maximised and scrolled while rows are collected by index.
     * Waits until the file's marker count is > 0 and has been stable for `settleMs`.
     */
    async readMarkers(fileName, { timeoutMs = 60_000, settleMs = 2_000 } = {}) {
      return step(`read the Problems panel for ${fileName}`, async () => {
        const list = page.locator('.markers-panel .monaco-list').first();
        const fileRow = page.locator('.markers-panel .monaco-list-row[aria-level="1"]', { hasText: fileName }).first();
        const countOf = async () => {
          if (!(await fileRow.count())) return 0;
          const badge = (await fileRow.locator('.monaco-count-badge').first().textContent().catch(() => '')) ?? '';
          return Number(badge.trim()) || 0;
        };
        const deadline = Date.now() + timeoutMs;
        let last = -1, since = Date.now();
        for (;;) {
          const n = await countOf();
          if (n !== last) { last = n; since = Date.now(); }
          if (n > 0 && Date.now() - since >= settleMs) break;
          if (Date.now() > deadline) {
            throw new Error(`no sdguard markers for ${fileName} in the Problems panel after ${timeoutMs / 1000}s (badge count ${n})`);
          }
          await sleep(250);
        }
        const badgeCount = last;
        // Maximise the panel so that more rows are rendered, then scroll from the top.
        await W.command('View: Toggle Maximized Panel').catch(() => {});
        await sleep(500);
        const box = await list.boundingBox();
        if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.wheel(0, -1e6);
        const rows = new Map();
        let stale = 0;
        for (let i = 0; i < 500 && stale < 4; i++) {
          await sleep(120);
          // only real rows: sticky-scroll copies of parent rows (.monaco-tree-sticky-row) have no aria-level
          const got = await list.locator('.monaco-list-rows > .monaco-list-row[aria-level]').evaluateAll((els) => els.map((el) => ({
            index: Number(el.getAttribute('data-index')),
            level: Number(el.getAttribute('aria-level')),
            label: el.getAttribute('aria-label') ?? '',
            text: el.innerText.replace(/\s+/g, ' ').trim(),
            setSize: Number(el.getAttribute('aria-setsize')),
            // marker rows: <div.marker-message> <div.marker-source> <div.marker-code> <span.marker-line>
            message: el.querySelector('.marker-message')?.textContent?.trim(),
            source: el.querySelector('.marker-source')?.textContent?.trim(),
            code: el.querySelector('.marker-code')?.textContent?.trim(),
            line: el.querySelector('.marker-line')?.textContent?.trim(),
          })));
          const before = rows.size;
          for (const r of got) rows.set(r.index, r);
          stale = rows.size === before ? stale + 1 : 0;
          await page.mouse.wheel(0, Math.max(200, (box?.height ?? 400) * 0.8));
        }
        if (process.env.E2E_DEBUG) {
          fs.writeFileSync(path.join(RESULTS_DIR, 'markers-panel.html'), await page.locator('.markers-panel').first().evaluate((e) => e.outerHTML));
        }
        await W.command('View: Toggle Maximized Panel').catch(() => {});
        const all = [...rows.values()].sort((a, b) => a.index - b.index);
        // Rows of this file: level-2 rows after its level-1 row, up to the next level-1 row.
        const start = all.findIndex((r) => r.level === 1 && r.text.includes(fileName));
        const markers = [];
        for (let i = start + 1; start >= 0 && i < all.length && all[i].level !== 1; i++) if (all[i].level === 2) markers.push(all[i]);
        if (process.env.E2E_DEBUG) fs.writeFileSync(path.join(RESULTS_DIR, 'markers-rows.json'), JSON.stringify(all, null, 1));
        return { badgeCount, markers, rows: all, panelText: all.map((r) => `${r.text}\n${r.label}`).join('\n') };
      });
    },
    /** Puts the cursor at a 1-based line and column (Go to Line). */
    async goto(line, column) {
      await page.keyboard.press('Control+G');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`:${line}:${column}`);
      await page.keyboard.press('Enter');
      await sleep(300);
    },
    /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text once it contains `want`. */
    async hoverText(want) {
      const hover = page.locator('.monaco-hover:not(.hidden)').first();
      let text = '';
      for (let attempt = 0; attempt < 6; attempt++) {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        try {
          await hover.waitFor({ state: 'visible', timeout: 5_000 });
          // The diagnostic part shows first; the language server's part follows.
          for (let i = 0; i < 10; i++) {
            text = await hover.innerText();
            if (!want || want.test(text)) return text;
            await sleep(300);
          }
        } catch {}
        await page.keyboard.press('Escape');
        await sleep(1_000);
      }
      throw new Error(`the hover at the cursor did not show ${want}; last: ${text}`);
    },
    /** Opens the quick fix menu (Ctrl+.) and returns the titles of its actions. */
    async quickFixes() {
      for (let attempt = 0; attempt < 5; attempt++) {
        await page.keyboard.press('Control+.');
        const rows = page.locator('.action-widget .monaco-list-row.action');
        try {
          await rows.first().waitFor({ state: 'visible', timeout: 5_000 });
          return (await rows.allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim());
        } catch {
          await page.keyboard.press('Escape');
          await sleep(1_000);
        }
      }
      throw new Error('the quick fix menu did not open');
    },
    /** Waits for a notification toast containing `text` and returns its message. */
    async notification(text, timeoutMs = 30_000) {
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
      await toast.waitFor({ state: 'visible', timeout: timeoutMs });
      return toast.innerText();
    },
    async save() {
      await page.keyboard.press('Control+S');
      await sleep(800);
    },
    async screenshot(name) {
      const file = path.join(RESULTS_DIR, name.endsWith('.png') ? name : `${name}.png`);
      await page.screenshot({ path: file, timeout: 15_000 });
      log(`screenshot: ${path.relative(PROJECT_ROOT, file)}`);
      return file;
    },
  };
  return W;
}

function assert(cond, msg) {
  if (!cond) throw new Error(`assertion failed: ${msg}`);
}

// ───────────────────────────────── the tests ─────────────────────────────────
const TESTS = [
  {
    name: 'payroll.csv: Problems panel lists masked sdguard findings (en)',
    timeoutMs: 180_000,
    async run(t) {
      const ws = t.freshWorkspace();
      const csvPath = path.join(ws, 'payroll.csv');
      assert(fs.existsSync(csvPath), `examples/payroll.csv exists (looked for ${csvPath})`);
      await t.wb.open(ws);
      await t.wb.openFileFromExplorer('payroll.csv');
      await t.wb.openProblems();
      const { badgeCount, markers, panelText } = await t.wb.readMarkers('payroll.csv');
      await t.wb.screenshot('problems-en');
      t.dump('problems-en.txt', panelText);
      log(`Problems panel: badge ${badgeCount}, ${markers.length} marker rows read`);
      for (const m of markers.slice(0, 5)) log(`  ${m.text}`);

      // Every marker row shows its source and code: "message  sdguard  rule-id  [Ln x, Col y]".
      const ours = markers.filter((m) => m.source === 'sdguard');
      assert(markers.length === badgeCount, `read all ${badgeCount} marker rows of payroll.csv (read ${markers.length})`);
      assert(ours.length === markers.length,
        `every marker of payroll.csv comes from sdguard; others:\n  ${markers.filter((m) => m.source !== 'sdguard').map((m) => m.text).join('\n  ')}`);
      const byRule = {};
      for (const m of ours) byRule[m.code] = (byRule[m.code] ?? 0) + 1;
      log(`findings by rule in the Problems panel: ${JSON.stringify(byRule)}`);
      for (const rule of EXPECTED_RULES) assert(byRule[rule] > 0, `the Problems panel lists at least one sdguard(${rule}) finding`);

      // Same count as the CLI on the same copy of the file (the editor's workspace, so both see the
      // same config): `node dist/cli.js scan examples/payroll.csv --format json`.
      const cli = await cliFindings(path.dirname(ws), path.join(path.basename(ws), 'payroll.csv'));
      assert(cli, `${path.join(PROJECT_ROOT, 'dist', 'cli.js')} exists (npm run build)`);
      log(`CLI (${cli.shape}): ${cli.total} findings ${cli.byRule ? JSON.stringify(cli.byRule) : ''}`);
      assert(ours.length === cli.total, `the Problems panel count (${ours.length}) equals the CLI count (${cli.total})` +
        ' (note: the Problems panel does not list Hint-severity diagnostics)');
      if (cli.byRule) {
        for (const rule of new Set([...Object.keys(cli.byRule), ...Object.keys(byRule)])) {
          assert((cli.byRule[rule] ?? 0) === (byRule[rule] ?? 0), `rule ${rule}: Problems panel ${byRule[rule] ?? 0} = CLI ${cli.byRule[rule] ?? 0}`);
        }
      }

      // Masked values only: every message shows '*', and no raw value of the file appears.
      const raw = rawValuesIn(fs.readFileSync(csvPath, 'utf8'));
      assert(raw.length > 0, 'payroll.csv contains raw ID/card/mobile numbers to look for');
      const noMask = ours.filter((m) => !m.message?.includes('*'));
      assert(noMask.length === 0, `every finding shows a masked value with '*'; without:\n  ${noMask.map((m) => m.text).join('\n  ')}`);
      const squeezed = panelText.replace(/(\d)[ \-](?=\d)/g, '$1');
      const leaked = raw.filter((v) => panelText.includes(v) || squeezed.includes(v.replace(/[ \-]/g, '')));
      assert(leaked.length === 0, `no raw value appears in the Problems panel; leaked: ${leaked.join(', ')}`);
      log(`checked ${raw.length} raw values from payroll.csv: none in the Problems panel`);
    },
  },
  {
    name: 'hover a finding: the masked value and the rule name, never the raw value',
    timeoutMs: 150_000,
    async run(t) {
      const ws = t.freshWorkspace();
      const first = (await cliReport(ws, 'payroll.csv')).files[0].findings[0];
      await t.wb.open(ws);
      await t.wb.openFileFromExplorer('payroll.csv');
      await waitForMarkers(t, 'payroll.csv');
      await t.wb.goto(first.line, first.column + 1);
      const text = await t.wb.hoverText(/Value:/);
      await t.wb.screenshot('hover-en');
      t.dump('hover-en.txt', text);
      assert(text.includes('Resident identity card number'), `the hover names the rule: ${text}`);
      assert(/\d\*{16}[\dX]/.test(text), `the hover shows the masked value: ${text}`);
      assert(text.includes('身份证号'), `the hover names the column header that raised confidence: ${text}`);
      const raw = rawValuesIn(fs.readFileSync(path.join(ws, 'payroll.csv'), 'utf8'));
      assert(!raw.some((v) => text.includes(v)), 'no raw value in the hover');
    },
  },
  {
    name: 'quick fix Mask from Ctrl+.: the saved file holds the masked value',
    timeoutMs: 150_000,
    async run(t) {
      const ws = t.freshWorkspace();
      const file = path.join(ws, 'payroll.csv');
      const before = fs.readFileSync(file, 'utf8');
      const first = (await cliReport(ws, 'payroll.csv')).files[0].findings[0];
      const raw = before.split('\n')[first.line - 1].slice(first.column - 1, first.endColumn - 1);
      await t.wb.open(ws);
      await t.wb.openFileFromExplorer('payroll.csv');
      await waitForMarkers(t, 'payroll.csv');
      await t.wb.goto(first.line, first.column + 1);
      const fixes = await t.wb.quickFixes();
      await t.wb.screenshot('quickfix-en');
      log(`quick fixes: ${fixes.join(' | ')}`);
      assert(/^Mask this value/.test(fixes[0]), `Mask comes first: ${fixes.join(' | ')}`);
      assert(fixes.some((f) => f.startsWith('Redact this value')) && fixes.some((f) => f.startsWith('Pseudonymize')) && fixes.some((f) => f.startsWith('Replace with a fake')), `all four operators are offered: ${fixes.join(' | ')}`);
      await t.page.keyboard.press('Enter');
      await sleep(500);
      await t.wb.save();
      const after = fs.readFileSync(file, 'utf8');
      const line = after.split('\n')[first.line - 1];
      assert(!after.includes(raw), 'the raw value is gone from the saved file');
      assert(line.includes(`${raw[0]}${'*'.repeat(16)}${raw[17]}`), `the saved line holds the masked value: ${line.replace(/\d{6,}/g, '…')}`);
      assert(after.split('\n').length === before.split('\n').length, 'no line added or removed');
    },
  },
  {
    name: 'Export redacted copy and Mask all in file: the copy has no finding left, the original is unchanged until masked',
    timeoutMs: 180_000,
    async run(t) {
      const ws = t.freshWorkspace();
      const file = path.join(ws, 'payroll.csv');
      const original = fs.readFileSync(file);
      await t.wb.open(ws);
      await t.wb.openFileFromExplorer('payroll.csv');
      await waitForMarkers(t, 'payroll.csv');
      await t.wb.command('Sensitive Data Guard: Export redacted copy');
      // The mode picker: Mask comes first (sdguard.defaultMode).
      await t.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Mask' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await t.page.keyboard.press('Enter');
      const message = await t.wb.notification('payroll.redacted.csv');
      await t.wb.screenshot('export-en');
      log(`notification: ${message.split('\n')[0]}`);
      const copy = path.join(ws, 'payroll.redacted.csv');
      assert(fs.existsSync(copy), 'payroll.redacted.csv was written beside the original');
      assert(Buffer.compare(fs.readFileSync(file), original) === 0, 'the original is unchanged by the export');
      const copyCount = (await cliFindings(ws, 'payroll.redacted.csv'))?.total;
      assert(copyCount === 0, `the copy has no finding left (CLI: ${copyCount})`);
      assert(fs.readFileSync(copy, 'utf8').split('\n').length === original.toString('utf8').split('\n').length, 'the copy has the same rows');

      await t.wb.command('Sensitive Data Guard: Mask all in file');
      await t.wb.notification('Masked');
      await t.wb.save();
      const left = (await cliFindings(ws, 'payroll.csv'))?.total;
      assert(left === 0, `after Mask all and save, the CLI finds nothing in payroll.csv (found ${left})`);
    },
  },
  {
    name: 'display language Chinese: messages, hovers and commands in Chinese',
    timeoutMs: 240_000,
    async run(t) {
      const ws = t.freshWorkspace();
      const zh = await t.instance({ locale: 'zh-cn' });
      try {
        await zh.wb.open(ws);
        await zh.wb.openFileFromExplorer('payroll.csv');
        await zh.wb.openProblems();
        const { markers, panelText } = await zh.wb.readMarkers('payroll.csv');
        await zh.wb.screenshot('problems-zh');
        t.dump('problems-zh.txt', panelText);
        const ours = markers.filter((m) => m.source === 'sdguard');
        assert(ours.length > 0, 'sdguard findings are listed');
        assert(ours.some((m) => /居民身份证号码：\d\*{16}[\dX]（置信度：高）/.test(m.message ?? '')), `messages are in Chinese: ${ours.slice(0, 3).map((m) => m.message).join(' | ')}`);
        const first = (await cliReport(ws, 'payroll.csv')).files[0].findings[0];
        await zh.wb.goto(first.line, first.column + 1);
        const hover = await zh.wb.hoverText(/值：/);
        await zh.wb.screenshot('hover-zh');
        assert(hover.includes('值：') && hover.includes('列标题'), `the hover is in Chinese: ${hover}`);
        const fixes = await zh.wb.quickFixes();
        assert(fixes.some((f) => f.startsWith('遮盖此值')), `quick fixes are in Chinese: ${fixes.join(' | ')}`);
        await zh.page.keyboard.press('Escape');
        await zh.page.keyboard.press('F1');
        await zh.page.locator('.quick-input-widget input').fill('>导出脱敏副本');
        const row = zh.page.locator('.quick-input-list .monaco-list-row').first();
        await row.waitFor({ state: 'visible', timeout: 10_000 });
        const title = await row.innerText();
        assert(title.includes('导出脱敏副本'), `commands are in Chinese: ${title}`);
        await zh.page.keyboard.press('Escape');
      } finally {
        await zh.close();
      }
    },
  },
  {
    name: 'restricted (untrusted) folder with a custom rule: the custom rule does not run, the built-in ones do',
    timeoutMs: 240_000,
    async run(t) {
      const ws = t.freshWorkspace();
      const id = fs.readFileSync(path.join(ws, 'payroll.csv'), 'utf8').split('\n')[1].split(',')[3];
      fs.writeFileSync(path.join(ws, 'staff.csv'), `姓名,工号,身份证号\n张三,E123456,${id}\n`);
      fs.writeFileSync(path.join(ws, '.sdguard.yaml'), [
        'customRules:',
        '  - id: employee-no',
        '    name: { en: Employee number, zh-CN: 工号 }',
        '    pattern: "^E\\\\d{6}$"',
        '    length: 7',
        '    charset: alnum',
        '    context: { hotwords: [工号], required: true }',
        '',
      ].join('\n'));
      // The CLI (always trusted) reports both: the custom rule works.
      const cli = await cliFindings(ws, 'staff.csv');
      assert(cli.byRule?.['employee-no'] === 1 && cli.byRule?.['cn-resident-id'] === 1, `the CLI finds the custom rule and the ID: ${JSON.stringify(cli.byRule)}`);

      const restricted = await t.instance({ trust: true });
      try {
        await restricted.wb.open(ws).catch(() => {});
        // The trust dialog: keep the folder restricted.
        const no = restricted.page.getByRole('button', { name: /No, I don.t trust the authors/ });
        await no.waitFor({ state: 'visible', timeout: 60_000 });
        await restricted.wb.screenshot('trust-dialog');
        await no.click();
        await restricted.page.locator('.explorer-folders-view .monaco-list, .explorer-viewlet .monaco-list').first().waitFor({ state: 'visible', timeout: 60_000 });
        await restricted.wb.openFileFromExplorer('staff.csv');
        await restricted.wb.openProblems();
        const { markers } = await restricted.wb.readMarkers('staff.csv');
        await restricted.wb.screenshot('restricted-en');
        const codes = markers.filter((m) => m.source === 'sdguard').map((m) => m.code);
        log(`restricted mode: ${codes.join(', ')}`);
        assert(codes.includes('cn-resident-id'), `the built-in rules run in Restricted Mode: ${codes.join(', ')}`);
        assert(!codes.includes('employee-no'), `the workspace's custom rule does not run in Restricted Mode: ${codes.join(', ')}`);
      } finally {
        await restricted.close();
      }
    },
  },
];

// ───────────────────────────────── the runner ─────────────────────────────────
const state = { server: null, browserServer: null, tmp: null, cleaned: false, extraServers: [] };

function killServerGroupSync(sig) {
  const pid = state.server?.pid;
  if (!pid) return;
  try { process.kill(-pid, sig); } catch {}
}

async function cleanup() {
  if (state.cleaned) return;
  state.cleaned = true;
  if (state.browserServer) {
    await withTimeout(state.browserServer.close(), 10_000, 'close chromium').catch(async () => {
      await state.browserServer.kill().catch(() => {});
    });
  }
  for (const extra of state.extraServers) { try { process.kill(-extra.pid, 'SIGKILL'); } catch {} }
  if (state.server?.pid) {
    const pgid = state.server.pid;
    killServerGroupSync('SIGTERM');
    for (let i = 0; i < 20 && processesInGroup(pgid).length; i++) await sleep(250);
    const left = processesInGroup(pgid);
    if (left.length) { log(`code-server processes still alive (${left.join(', ')}), SIGKILL`); killServerGroupSync('SIGKILL'); }
  }
  if (state.tmp) {
    if (state.userData && fs.existsSync(path.join(state.userData, 'logs'))) {
      fs.cpSync(path.join(state.userData, 'logs'), path.join(RESULTS_DIR, 'vscode-logs'), { recursive: true });
    }
    if (opt.keep) log(`kept ${state.tmp}`);
    else fs.rmSync(state.tmp, { recursive: true, force: true });
  }
}

// Last resort when the script dies without cleanup(): kill what we started, drop the temp folder.
process.on('exit', () => {
  killServerGroupSync('SIGKILL');
  for (const extra of state.extraServers) { try { process.kill(-extra.pid, 'SIGKILL'); } catch {} }
  try { state.browserServer?.process()?.kill('SIGKILL'); } catch {}
  if (!state.cleaned && state.tmp && !opt.keep) { try { fs.rmSync(state.tmp, { recursive: true, force: true }); } catch {} }
});
// Keep going (and clean up) when whoever reads our output goes away (e.g. `| head`).
for (const s of [process.stdout, process.stderr]) s.on('error', () => {});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => { log(`got ${sig}, cleaning up`); await cleanup(); process.exit(130); });
}

async function startCodeServer(tc, dirs, port, logFile, { locale, trust = false, extra = false } = {}) {
  const out = fs.openSync(logFile, 'a');
  const args = [tc.codeServerEntry, '--config', dirs.config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(trust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    ...(locale ? ['--locale', locale] : []),
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  // detached: its own process group, so the server, the extension host and our language server
  // can all be killed together.
  const child = spawn(process.execPath, args, { env: dirs.env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  if (extra) state.extraServers.push(child);
  else state.server = child;
  let exited = null;
  child.on('exit', (code, signal) => { exited = `exit code ${code ?? signal}`; });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server stopped during startup (${exited}); log:\n${tail(logFile)}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within 60s; log:\n${tail(logFile)}`);
    await sleep(250);
  }
}

function tail(file, n = 40) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n'); } catch { return '(no log)'; }
}

async function main() {
  fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const selected = TESTS.filter((t) => !opt.grep || t.name.includes(opt.grep));
  const results = [];
  const failAll = (e) => { for (const t of selected) if (!results.find((r) => r.name === t.name)) results.push({ name: t.name, ok: false, error: e }); };

  try {
    const tc = await step('setup: code-server + playwright-core', () => ensureE2eToolchain());
    const entries = await step(opt.noPackage ? 'check the .vsix' : 'npm run package', () => packageExtension());

    state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sdguard-e2e-'));
    const dirs = {
      config: path.join(state.tmp, 'code-server.yaml'),
      userData: path.join(state.tmp, 'user-data'),
      extensions: path.join(state.tmp, 'extensions'),
      // code-server writes a config and logs under XDG dirs: keep them out of $HOME.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(state.tmp, 'xdg-config'), XDG_DATA_HOME: path.join(state.tmp, 'xdg-data'),
        XDG_CACHE_HOME: path.join(state.tmp, 'xdg-cache'), VSCODE_IPC_HOOK_CLI: '' },
    };
    state.userData = dirs.userData;
    fs.writeFileSync(dirs.config, 'auth: none\ncert: false\n');
    fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));

    const install = await step('install the .vsix into a fresh --extensions-dir', () => installVsix(tc, dirs, entries));
    log(`extension installed (${install.method}) at ${install.dir}`);

    const port = await freePort();
    const logFile = path.join(RESULTS_DIR, 'code-server.log');
    await step(`start code-server on 127.0.0.1:${port}`, () => startCodeServer(tc, dirs, port, logFile));

    // ── browser part, under a global guard ──
    const uiGuard = setTimeout(async () => {
      log(`ERROR: the UI part exceeded E2E_UI_TIMEOUT_MS=${UI_TIMEOUT_MS}ms; killing everything`);
      failAll(new Error('global UI timeout'));
      await cleanup();
      summary(results);
      process.exit(1);
    }, UI_TIMEOUT_MS);
    try {
      const { chromium } = createRequire(path.join(tc.nodeModules, 'x.js'))('playwright-core');
      state.browserServer = await step('launch chromium', () => chromium.launchServer({
        executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000,
        env: { ...process.env, XDG_CONFIG_HOME: dirs.env.XDG_CONFIG_HOME, XDG_CACHE_HOME: dirs.env.XDG_CACHE_HOME },
      }));
      const browser = await chromium.connect(state.browserServer.wsEndpoint(), { timeout: 30_000 });

      for (const test of selected) {
        const t0 = Date.now();
        log(`━━ TEST: ${test.name}`);
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
        const page = await context.newPage();
        page.setDefaultTimeout(30_000);
        const consoleErrors = [];
        page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
        page.on('pageerror', (e) => consoleErrors.push(String(e)));
        const t = {
          page,
          wb: workbench(page, { baseUrl: `http://127.0.0.1:${port}` }),
          freshWorkspace() {
            const ws = path.join(fs.mkdtempSync(path.join(state.tmp, 'ws-')), 'examples');
            fs.cpSync(path.join(PROJECT_ROOT, 'examples'), ws, { recursive: true });
            return ws;
          },
          dump(name, text) { fs.writeFileSync(path.join(RESULTS_DIR, name), text); },
          /** Another code-server on the same installed extension, with its own user data: a display language, workspace trust. */
          async instance({ locale, trust = false, settings = {} }) {
            const userData = fs.mkdtempSync(path.join(state.tmp, 'user-data-'));
            fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
            fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, 'security.workspace.trust.enabled': trust, ...settings }, null, 2));
            if (locale) {
              fs.writeFileSync(path.join(userData, 'User', 'argv.json'), JSON.stringify({ locale }));
              // A language pack can't be downloaded here. VS Code resolves the display language from
              // languagepacks.json in its user data: an entry with empty core translations makes the
              // language resolve (VS Code's own UI stays English), which is what our nls files and
              // l10n bundles are selected by.
              const translations = path.join(userData, 'empty-core-translations.json');
              fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
              fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify({
                [locale]: { hash: 'e2e', extensions: [{ extensionIdentifier: { id: 'e2e.empty-language-pack' }, version: '0.0.0' }], translations: { vscode: translations }, label: locale },
              }));
            }
            const extraPort = await freePort();
            const extraLog = path.join(RESULTS_DIR, `code-server-${locale ?? 'en'}${trust ? '-trust' : ''}.log`);
            await step(`start another code-server (${locale ?? 'en'}${trust ? ', workspace trust on' : ''})`, () =>
              startCodeServer(tc, { ...dirs, userData }, extraPort, extraLog, { locale, trust, extra: true }));
            const extraContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: locale === 'zh-cn' ? 'zh-CN' : 'en-US' });
            const extraPage = await extraContext.newPage();
            extraPage.setDefaultTimeout(30_000);
            return { page: extraPage, wb: workbench(extraPage, { baseUrl: `http://127.0.0.1:${extraPort}` }), close: () => extraContext.close() };
          },
        };
        try {
          await withTimeout(test.run(t), test.timeoutMs ?? 120_000, `test "${test.name}"`);
          results.push({ name: test.name, ok: true });
          log(`✔ PASS ${test.name} (${secs(t0)})`);
        } catch (e) {
          results.push({ name: test.name, ok: false, error: e });
          log(`✘ FAIL ${test.name} (${secs(t0)})\n${e.stack || e}`);
          await dumpFailure(page, test, consoleErrors);
        } finally {
          await withTimeout(context.close(), 10_000, 'close page').catch(() => {});
        }
      }
      await withTimeout(browser.close(), 10_000, 'disconnect').catch(() => {});
    } finally {
      clearTimeout(uiGuard);
    }
  } catch (e) {
    log(`ERROR: ${e.stack || e}`);
    if (state.server) log(`code-server log (tail):\n${tail(path.join(RESULTS_DIR, 'code-server.log'))}`);
    failAll(e);
  } finally {
    await cleanup();
  }
  summary(results);
  process.exit(results.every((r) => r.ok) && results.length ? 0 : 1);
}

async function dumpFailure(page, test, consoleErrors) {
  const name = `${slug(test.name)}-failure`;
  try {
    await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), timeout: 15_000 });
    log(`failure screenshot: ${path.relative(PROJECT_ROOT, path.join(RESULTS_DIR, `${name}.png`))}`);
  } catch (e) { log(`(could not take a screenshot: ${e.message})`); }
  const grab = async (sel) => page.locator(sel).evaluateAll((els) => els.map((e) => e.innerText).join('\n---\n')).catch(() => '');
  const problems = await grab('.markers-panel');
  const notifications = await grab('.notifications-toasts, .notifications-center');
  const dialogs = await grab('.monaco-dialog-box');
  const body = await page.locator('body').innerText({ timeout: 5_000 }).catch(() => '');
  // The extension host's log and the extensions' output channels (e.g. the language client's).
  const logs = [];
  const walk = (d) => { try { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const f = path.join(d, e.name); if (e.isDirectory()) walk(f); else logs.push(f); } } catch {} };
  if (state.userData) walk(path.join(state.userData, 'logs'));
  const extLogs = logs.filter((f) => /remoteexthost\.log$|exthost\.log$|output_logging_/.test(f) && !/vscode\.(git|github)|Telemetry/i.test(f))
    .map((f) => `--- ${path.relative(state.userData, f)} (tail) ---\n${tail(f, 30)}`);
  const text = [
    `URL: ${page.url()}`,
    ...extLogs,
    `--- Problems panel ---\n${problems || '(not open)'}`,
    `--- notifications ---\n${notifications || '(none)'}`,
    `--- dialogs ---\n${dialogs || '(none)'}`,
    `--- browser console errors ---\n${consoleErrors.slice(-20).join('\n') || '(none)'}`,
    `--- page text ---\n${body}`,
  ].join('\n');
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.txt`), text);
  console.log(text.length > 6000 ? `${text.slice(0, 6000)}\n… (full text in test-results/e2e/${name}.txt)` : text);
  console.log('(VS Code logs, incl. the extension host and the extension\'s output channel, are copied to test-results/e2e/vscode-logs/)');
}

function summary(results) {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed || (results.length ? 0 : 1);
  for (const r of results) console.log(`${r.ok ? '  ✔' : '  ✘'} ${r.name}${r.ok ? '' : `: ${String(r.error?.message ?? r.error).split('\n')[0]}`}`);
  console.log(`(total ${secs(t00)})`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
}

main();
