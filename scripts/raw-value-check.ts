// The no-raw-value check, as a user would run it: the built CLI in every report format, both
// languages, --summary, and redact in every mode (dry run, audit log, the copy), over the bundled
// examples and any files given, looking for a raw value (one the engine finds in the input, or a
// string in a `FILE.raw.json` or `raw.json` beside it: values planted where the engine may not
// look) in stdout, stderr and audit logs (any value found, at low confidence too: reports show
// them masked) and in the redacted copies (the values found at redact's default confidence,
// medium: a value below it is left as it was, by design). A workbook's copy is read as its parts'
// text. Exits 1 on a leak, naming where (never the value).
//   npm run build && npx tsx scripts/raw-value-check.ts [REPO] [FILE...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileKindOf } from '../server/src/engine/fileKind';
import { streamWorkbook } from '../server/src/xlsx/streamWorkbook';
import { builtinEngine } from '../test/support/engine';
import { xlsxText } from '../test/support/xlsxParts';

const repo = resolve(process.argv[2] ?? '.');
const extra = process.argv.slice(3).map((p) => resolve(p));
const engine = builtinEngine();
const inputs = [...readdirSync(join(repo, 'examples')).filter((f) => /\.(csv|tsv|txt|xlsx|ts)$/.test(f)).map((f) => join(repo, 'examples', f)), ...extra];

/** The raw values in `file` that the engine finds at `confidence` or above, and those listed beside it. */
async function rawsOf(file: string, confidence: 'low' | 'medium'): Promise<Set<string>> {
  const out = new Set<string>();
  if (file.endsWith('.xlsx')) {
    await streamWorkbook(file, engine, confidence, (f, cell) => out.add(cell.text.slice(f.start, f.end)));
  } else {
    const text = readFileSync(file, 'utf8');
    for (const f of engine.scan(text, { kind: fileKindOf(file), minConfidence: confidence })) out.add(text.slice(f.start, f.end));
  }
  // Values planted by whoever made the file, listed beside it.
  for (const side of [`${file}.raw.json`, join(file, '..', 'raw.json')]) {
    if (!existsSync(side)) continue;
    const walk = (v: unknown): void => {
      if (typeof v === 'string') out.add(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(JSON.parse(readFileSync(side, 'utf8')));
  }
  return out;
}

const cli = join(repo, 'bin', 'sdguard.js');
const work = mkdtempSync(join(tmpdir(), 'sdguard-raw-check-'));
const key = 'hex:' + '7f'.repeat(32);
let outputs = 0;
let leaks = 0;

function check(label: string, text: string, raws: Set<string>): void {
  outputs++;
  for (const r of raws) {
    if (r.length >= 6 && text.includes(r)) {
      leaks++;
      console.log(`LEAK in ${label}: a raw value of ${r.length} chars`);
      return;
    }
  }
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

(async () => {
  for (const input of inputs) {
    const raws = await rawsOf(input, 'low');
    const replaced = await rawsOf(input, 'medium');
    const name = input.split('/').pop()!;
    const run = (args: string[], label: string) => {
      const p = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, SDGUARD_KEY: key }, cwd: work });
      check(`${name} ${label} (stdout+stderr)`, p.stdout + p.stderr, raws);
      return p;
    };
    for (const lang of ['en', 'zh-CN']) {
      for (const format of ['text', 'json', 'sarif', 'github']) run(['scan', '--lang', lang, '--format', format, '--min-confidence', 'low', input], `scan ${format} ${lang}`);
      run(['scan', '--lang', lang, '--summary', input], `scan summary ${lang}`);
    }
    for (const mode of ['mask', 'redact', 'pseudonymize', 'fake']) {
      const out = join(work, `${name}-${mode}`);
      const audit = join(work, `${name}-${mode}.audit.jsonl`);
      run(['redact', '--mode', mode, '--dry-run', input], `redact ${mode} dry-run`);
      run(['redact', '--mode', mode, '--out', out, '--audit-log', audit, input], `redact ${mode}`);
      if (existsSync(audit)) check(`${name} audit ${mode}`, readFileSync(audit, 'utf8'), raws);
      // The copy must hold none of the values it was made from (fake makes new ones, which is no leak).
      for (const f of filesUnder(out)) {
        const text = f.endsWith('.xlsx') ? xlsxText(readFileSync(f)) : readFileSync(f, 'utf8');
        check(`${name} copy ${mode} ${f.split('/').pop()}`, text, replaced);
      }
    }
  }
  console.log(`${inputs.length} inputs, ${outputs} outputs checked, ${leaks} leak(s)`);
  rmSync(work, { recursive: true, force: true });
  process.exit(leaks ? 1 : 0);
})();
