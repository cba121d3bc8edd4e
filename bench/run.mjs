// Benchmark of `sdguard scan` against ripgrep (the reference). Prints figures; never fails on timing.
//   npm run bench                              build, then every case (inputs generated once under bench/data/)
//   node bench/run.mjs --case throughput       one case: throughput | memory | parallel | sarif | redact | redactFolder | workbook (repeatable)
//   node bench/run.mjs --runs 5                runs per command (default 3), alternating sdguard, rg, sdguard, rg…
//   node bench/run.mjs --quick                 small inputs (20 MB, 100 MB, 500 files, 5 MB) for a fast check
// Peak RSS comes from /usr/bin/time -f %M for both tools (bench/peak-rss.cjs for sdguard without it).
// MB = 10^6 bytes (throughput); RSS in MiB.
import { parseArgs } from 'node:util';
import { CASES } from './cases.mjs';
import { distBuilt, ensureTool, hasRg, hasTime, machine, rgPattern, rgRejects, sdguardHasJobs } from './lib.mjs';

const { values } = parseArgs({
  options: {
    case: { type: 'string', multiple: true },
    runs: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: node bench/run.mjs [--case throughput|memory|parallel|sarif|redact|redactFolder|workbook]... [--runs N] [--quick]');
  process.exit(0);
}
const names = (values.case ?? Object.keys(CASES)).flatMap((c) => c.split(','));
const unknown = names.filter((n) => !(n in CASES));
const runs = Number(values.runs);
if (unknown.length || !(Number.isInteger(runs) && runs > 0)) {
  console.error(unknown.length ? `unknown case: ${unknown.join(', ')} (cases: ${Object.keys(CASES).join(', ')})` : '--runs needs a positive integer');
  process.exit(2);
}

// The tools: rg for the reference, GNU time for peak RSS (both installed when missing and root).
let pattern = null;
if (ensureTool('ripgrep (rg)', hasRg, 'ripgrep')) {
  pattern = rgPattern();
  const rejected = rgRejects(pattern);
  if (rejected) {
    console.log(`rg rejects the pattern built from rules/*.yaml, so no rg figures:\n  ${pattern}\n  ${rejected}`);
    pattern = null;
  } else {
    console.log(`rg pattern (from rules/*.yaml, accepted by rg): ${pattern}`);
  }
} else {
  console.log('no rg: the sdguard/rg ratios are skipped');
}
const useTime = ensureTool('/usr/bin/time', hasTime, 'time');
if (!useTime) console.log('peak RSS: no /usr/bin/time, using bench/peak-rss.cjs for sdguard; none for rg');
const jobs = sdguardHasJobs();
console.log(`sdguard scan --jobs: ${jobs ? 'supported' : 'not supported by this build (omitted)'}`);

const started = new Date();
const m = machine();
const ctx = { runs, quick: values.quick, jobs, pattern, useTime };
const rows = [];
const notes = [];
for (const name of names) {
  try {
    const r = CASES[name](ctx);
    rows.push(...r.rows);
    notes.push(...r.notes.map((n) => `${name}: ${n}`));
    for (const n of r.notes) console.log(`  ${n}`);
  } catch (e) {
    // A failed case (sdguard error, dist/ being rebuilt…) is reported; the other cases go on.
    console.log(`  ${name} FAILED: ${e.message}`);
    notes.push(`${name}: FAILED: ${e.message.split('\n').slice(0, 3).join(' | ')}`);
  }
}

// The compact table, ready to paste into a note.
const fmt = (x, d) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const iso = (d) => d.toISOString().replace(/\.\d+Z$/, 'Z');
console.log(`\n## sdguard benchmark, ${iso(started)} to ${iso(new Date())}${values.quick ? ' (--quick)' : ''}, ${runs} runs each, medians`);
console.log(`machine: ${m.nproc} CPUs, ${m.cpu}, load ${m.load} at start; node ${m.node}; ${m.rg}`);
console.log(`sdguard: commit ${m.commit}, dist/cli.js built ${m.dist}${jobs ? '' : ', no --jobs'}`);
if (distBuilt() !== m.dist) console.log(`WARNING: dist/cli.js was rebuilt during the run (now ${distBuilt()}): figures mix two builds`);
console.log('\n| case | input | command | s | MB/s | peak RSS MiB | ×rg | count |');
console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.case} | ${r.input} | ${r.command} | ${fmt(r.seconds, 2)} | ${fmt(r.mbps, 1)} | ${fmt(r.rssMB, 0)} | ${fmt(r.vsRg, 2)} | ${fmt(r.count, 0)} |`);
}
console.log('\n×rg: time / rg time. count: sdguard findings; rg raw pattern matches (no validation, no context).');
for (const n of notes) console.log(`- ${n}`);
