// Benchmark of the language server on big files, against the editor-side targets. Prints figures;
// never fails on timing.
//   npm run build && node --import tsx bench/lsp-bench.ts [--runs 3] [--edits 10]
// Inputs (generated once, git-ignored): bench/data/payroll-10mb.csv (gen-data.ts) and
// bench/data/dense-500k.csv (500,000 findings). The server is `node bin/sdguard.js lsp --stdio`
// driven by the LSP tests' client (test/support/lspClient.ts), a fresh one per measurement.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../test/support/lspClient';
import { makeRng, pick, randInt, randomDigits, synthBankCard, synthMobile, synthResidentId } from '../test/support/synth';
import { generatePayrollCsv } from './gen-data';

const root = join(__dirname, '..');
const dataDir = join(root, 'bench', 'data');
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' }, edits: { type: 'string', default: '10' } } });
const RUNS = Number(args.runs);
const EDITS = Number(args.edits);
const CAP = 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const max = (xs: number[]) => Math.max(...xs);
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');

// ---- inputs ---------------------------------------------------------------------------------

async function payroll10(): Promise<string> {
  const path = join(dataDir, 'payroll-10mb.csv');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    console.log('generating bench/data/payroll-10mb.csv');
    await generatePayrollCsv(path, 10);
  }
  return path;
}

/** 500,000 findings: every row holds an ID, a card and a mobile number, among ordinary cells. */
async function dense500k(): Promise<string> {
  const path = join(dataDir, 'dense-500k.csv');
  if (existsSync(path)) return path;
  mkdirSync(dataDir, { recursive: true });
  console.log('generating bench/data/dense-500k.csv');
  const rng = makeRng(500);
  const out = createWriteStream(`${path}.tmp`);
  let chunk = '姓名,部门,身份证号,银行卡号,手机号,金额,备注\n';
  const names = ['王伟', '李娜', '张敏', '刘洋', '陈静', '杨磊'];
  const depts = ['财务部', '销售部', '研发部', '行政部'];
  for (let values = 0; values < 500_000; values += 3) {
    const mobile = values + 3 <= 500_000 ? synthMobile(rng) : '';
    chunk += `${pick(rng, names)},${pick(rng, depts)},${synthResidentId(rng)},${synthBankCard(rng)},${mobile},${randInt(rng, 3000, 30000)}.${randomDigits(rng, 2)},第${randInt(rng, 1, 12)}月工资 已发放 备注说明文字\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
  renameSync(`${path}.tmp`, path);
  return path;
}

function readText(path: string): string {
  const text = readFileSync(path, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ---- measurements ---------------------------------------------------------------------------

/** Wall time of `sdguard scan --summary FILE` as a whole process. */
function cliScan(path: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'sdguard.js'), 'scan', '--summary', path], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const t = performance.now() - t0;
  if (r.status !== 1) throw new Error(`sdguard scan exited ${r.status}: ${r.stderr}`);
  return t;
}

async function withClient<T>(f: (c: TestLspClient) => Promise<T>): Promise<T> {
  const client = new TestLspClient();
  client.settings = { enable: true, run: 'onType', maxDiagnostics: CAP };
  try {
    await client.initialize('en');
    return await f(client);
  } finally {
    await client.dispose();
  }
}

/** Peak and current RSS of a process in MiB (Linux), for the server. */
function rss(pid: number | undefined): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(/\d+/.exec(status.split('\n').find((l) => l.startsWith(k)) ?? '')?.[0] ?? NaN);
    return `${(kb('VmRSS') / 1024).toFixed(0)} MiB now, ${(kb('VmHWM') / 1024).toFixed(0)} MiB peak`;
  } catch {
    return 'n/a';
  }
}

/** didOpen sent → first publishDiagnostics received. */
async function openToDiagnostics(c: TestLspClient, uri: string, text: string): Promise<{ t: number; diags: Diagnostic[] }> {
  const t0 = performance.now();
  c.open(uri, 'csv', text);
  const diags = await c.diagnostics(uri, () => true, 300_000);
  return { t: performance.now() - t0, diags };
}

interface Latencies {
  /** Sent once the server had taken the document (after its first answer), before the diagnostics. */
  scan: number[];
  /** Sent while the document was still in transit or being parsed. */
  transfer: number[];
}

/**
 * Opens the document and sends a hover or a code action (alternately) every 20 ms until the
 * first diagnostics arrive; returns each request's latency.
 */
async function requestsDuringScan(c: TestLspClient, uri: string, text: string): Promise<Latencies & { open: number }> {
  const firstRow = text.indexOf('\n') + 1;
  const pos = { line: 1, character: text.indexOf(',', firstRow) + 1 - firstRow + 2 };
  const range = { start: pos, end: pos };
  const diag: Diagnostic = { range, code: 'cn-resident-id', source: 'sdguard', message: '', data: { ruleId: 'cn-resident-id' } };
  const out: Latencies = { scan: [], transfer: [] };
  let taken = false;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  c.open(uri, 'csv', text);
  for (let i = 0; !c.latest.has(uri); i++) {
    const sentAfterTaken = taken;
    const s = performance.now();
    const req = i % 2 === 0 ? c.hover(uri, pos).then(() => undefined) : c.codeActions(uri, range, [diag]).then(() => undefined);
    pending.push(
      req.then(() => {
        const latency = performance.now() - s;
        taken = true;
        (sentAfterTaken ? out.scan : out.transfer).push(latency);
      }),
    );
    await sleep(20);
  }
  const open = performance.now() - t0;
  await Promise.all(pending);
  return { ...out, open };
}

/**
 * One-character insertions at random places (never the header row): change notification sent →
 * new diagnostics received. The clock starts when the notification is handed to the connection,
 * after the test client's own copy of the text was updated (its cost is the client's, not the
 * server's); `withClient` also has the time from before that update.
 */
async function editsToDiagnostics(c: TestLspClient, uri: string, text: string, count: number): Promise<{ sent: number[]; withClient: number[] }> {
  const rng = makeRng(9);
  const lines = text.split('\n').length - 1;
  const out = { sent: [] as number[], withClient: [] as number[] };
  for (let i = 0; i < count; i++) {
    const line = randInt(rng, 1, lines - 1);
    const lineText = c.text(uri).split('\n', line + 1)[line];
    const at = { line, character: randInt(rng, 0, lineText.length) };
    const t0 = performance.now();
    c.edit(uri, [{ range: { start: at, end: at }, newText: String(randInt(rng, 0, 9)) }]);
    const sent = c.lastChangeSentAt;
    await c.diagnostics(uri, () => true, 60_000);
    const t1 = performance.now();
    out.sent.push(t1 - sent);
    out.withClient.push(t1 - t0);
    await sleep(50);
  }
  return out;
}

// ---- the run --------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('no dist/: run npm run build first');
  console.log(`sdguard LSP benchmark: ${cpus().length} CPUs, ${cpus()[0]?.model ?? '?'}; node ${process.version}; ${RUNS} runs, ${EDITS} edits; maxDiagnostics ${CAP}`);
  const rows: string[] = [];
  const report = (what: string, figure: string, target = '', ok?: boolean) => {
    const line = `| ${what} | ${figure} | ${target} | ${ok === undefined ? '' : verdict(ok)} |`;
    rows.push(line);
    console.log(line);
  };

  // 1. 10 MB CSV: CLI against the server's first diagnostics.
  const path10 = await payroll10();
  const text10 = readText(path10);
  const uri10 = 'file:///bench/payroll-10mb.csv';
  console.log(`\ninput: bench/data/payroll-10mb.csv, ${(Buffer.byteLength(text10) / 1e6).toFixed(1)} MB, ${text10.length} UTF-16 units`);
  const cli = median(Array.from({ length: RUNS }, () => cliScan(path10)));
  report('CLI `scan --summary` (whole process, median)', ms(cli));
  const opens: number[] = [];
  let published = 0;
  for (let r = 0; r < RUNS; r++) {
    await withClient(async (c) => {
      const { t, diags } = await openToDiagnostics(c, uri10, text10);
      opens.push(t);
      published = diags.length;
    });
  }
  const full = median(opens);
  report('LSP didOpen → first publishDiagnostics (median, fresh server each)', `${ms(full)} (${published} diagnostics)`, `≤ 3× CLI: ${(full / cli).toFixed(2)}×`, full <= 3 * cli);

  // 2. Requests during the scan, then one-character edits.
  await withClient(async (c) => {
    const l = await requestsDuringScan(c, uri10, text10);
    report(
      `hover/code action sent every 20 ms during the scan (${l.scan.length} requests)`,
      l.scan.length ? `median ${ms(median(l.scan))}, max ${ms(max(l.scan))}` : 'none',
      '≤ 100 ms',
      l.scan.length > 0 && max(l.scan) <= 100,
    );
    if (l.transfer.length) report(`  (${l.transfer.length} more sent while the 10 MB didOpen was in transit/parsed)`, `median ${ms(median(l.transfer))}, max ${ms(max(l.transfer))}`);
    const edits = await editsToDiagnostics(c, uri10, text10, EDITS);
    const e = median(edits.sent);
    report(`one-character edit sent → updated diagnostics (median of ${EDITS}, max ${ms(max(edits.sent))})`, ms(e), `≤ 5% of full scan: ${((e / full) * 100).toFixed(1)}%`, e <= 0.05 * full);
    report('  the same, with the test client updating its own 10 MB copy first', `median ${ms(median(edits.withClient))}`);
    report('  server memory after the 10 MB file', rss(c.pid));
  });

  // 3. 500,000 findings.
  const path500 = await dense500k();
  const text500 = readText(path500);
  const uri500 = 'file:///bench/dense-500k.csv';
  console.log(`\ninput: bench/data/dense-500k.csv, ${(Buffer.byteLength(text500) / 1e6).toFixed(1)} MB`);
  const cli500 = median(Array.from({ length: RUNS }, () => cliScan(path500)));
  report('CLI `scan --summary` on 500k findings (median)', ms(cli500));
  await withClient(async (c) => {
    const l = await requestsDuringScan(c, uri500, text500);
    const diags = c.latest.get(uri500)!.diagnostics;
    const more = diags[diags.length - 1];
    const total = CAP + Number(/^(\d+) more/.exec(more.message as string)?.[1] ?? NaN);
    report('500k: didOpen → first publishDiagnostics', ms(l.open), `≤ 3× CLI: ${(l.open / cli500).toFixed(2)}×`, l.open <= 3 * cli500);
    report('500k: diagnostics published', `${diags.length} (notice: ${total} findings in all)`, `cap + 1 = ${CAP + 1}`, diags.length === CAP + 1 && more.code === 'sdguard-more');
    report(`500k: hover/code action during the scan (${l.scan.length} requests)`, l.scan.length ? `median ${ms(median(l.scan))}, max ${ms(max(l.scan))}` : 'none', '≤ 100 ms', l.scan.length > 0 && max(l.scan) <= 100);
    const edits = await editsToDiagnostics(c, uri500, text500, EDITS);
    const e = median(edits.sent);
    report(`500k: one-character edit sent → updated diagnostics (median of ${EDITS})`, ms(e), `≤ 5% of full scan: ${((e / l.open) * 100).toFixed(1)}%`, e <= 0.05 * l.open);
    report('  server memory with the 500k findings stored (before fix-all)', rss(c.pid));
    // The edits above may have broken a value or two: compare with the latest count.
    const latest = c.latest.get(uri500)!.diagnostics;
    const now = CAP + Number(/^(\d+) more/.exec(latest[latest.length - 1].message as string)?.[1] ?? NaN);
    const t0 = performance.now();
    const fixAll = await c.codeActions(uri500, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    const count = fixAll[0]?.edit?.changes?.[uri500]?.length ?? 0;
    report('500k: source.fixAll.sdguard (all findings, not the capped list)', `${count} edits in ${ms(performance.now() - t0)}`, `= all ${now} findings`, count === now);
    report('  server memory after fix-all built its 500k edits', rss(c.pid));
  });

  console.log('\n| measure | figure | target | |\n| --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
