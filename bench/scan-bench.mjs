// Times `sdguard scan --summary` on the generated payroll CSV and prints MB/s and peak RSS.
//   npm run bench            (builds, generates bench/data/payroll-100mb.csv once, 3 runs)
//   node bench/scan-bench.mjs [sizeMB] [runs]
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sizeMB = Number(process.argv[2] ?? 100);
const runs = Number(process.argv[3] ?? 3);
const file = join(here, 'data', `payroll-${sizeMB}mb.csv`);

if (!existsSync(file)) {
  const gen = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'gen-data.ts'), String(sizeMB)], { stdio: 'inherit' });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
}
const mb = statSync(file).size / 1e6;

const results = [];
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(here, 'peak-rss.cjs'), 'scan', '--summary', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 1) {
    console.error(`unexpected exit ${r.status}: ${r.stderr}`);
    process.exit(1);
  }
  const rss = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  results.push({ seconds, rss, summary: r.stdout.trim() });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = median(results.map((r) => r.seconds));
console.log(`file: ${file} (${mb.toFixed(1)} MB)`);
console.log(`findings: ${results[0].summary.split('\n')[0]}`);
console.log(`sdguard scan --summary: median ${s.toFixed(2)} s over ${runs} runs = ${(mb / s).toFixed(1)} MB/s, peak RSS ${median(results.map((r) => r.rss)).toFixed(0)} MB`);
