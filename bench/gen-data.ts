// Generates the benchmark inputs under bench/data/ (git-ignored; nothing large is committed).
//   npx tsx bench/gen-data.ts [sizeMB=100]      bench/data/payroll-<sizeMB>mb.csv
//   npx tsx bench/gen-data.ts --files 5000      bench/data/files-5000/ (small code and CSV files)
//   npx tsx bench/gen-data.ts --xlsx 100000     bench/data/payroll-100000rows.xlsx (the same rows in a workbook)
// Everything is deterministic (fixed seeds) and every identifier is synthetic, with valid check
// characters. Outputs are written under a .tmp name and renamed when complete, so a file or
// folder that exists is whole and the bench runner can reuse it.
import { mkdirSync, renameSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  makeRng,
  pick,
  randInt,
  randomDigits,
  synthBankCard,
  synthMobile,
  synthResidentId,
  synthUscc,
  type Rng,
} from '../test/support/synth';

const NAMES = ['王伟', '李娜', '张敏', '刘洋', '陈静', '杨磊', '赵丽', '黄强'];
const PAYROLL_HEADER = '类型,姓名,身份证号,银行卡号,手机号,金额,订单号,时间戳,条码,发票号码\n';

/** An employee row with three sensitive values (resident ID, bank card, mobile). */
function payrollRow(rng: Rng): string {
  return `工资,${pick(rng, NAMES)},${synthResidentId(rng)},${synthBankCard(rng)},${synthMobile(rng)},${randInt(rng, 3000, 30000)}.${randomDigits(rng, 2)},,,,\n`;
}

/** An order row: long digit runs (order number, ms timestamp, EAN-13, invoice) that are not sensitive. */
function orderRow(rng: Rng): string {
  const ts = 1_600_000_000_000 + randInt(rng, 0, 200_000_000_000);
  return `订单,,,,,${randInt(rng, 1, 99999)}.${randomDigits(rng, 2)},${randomDigits(rng, 19)},${ts},69${randomDigits(rng, 11)},${randomDigits(rng, 20)}\n`;
}

/** The dense payroll/order CSV, about `sizeMB` MiB. */
export async function generatePayrollCsv(path: string, sizeMB: number, seed = 1): Promise<{ rows: number; values: number }> {
  const rng = makeRng(seed);
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const target = sizeMB * 1024 * 1024;
  let bytes = 0;
  let rows = 0;
  let values = 0;
  let chunk = PAYROLL_HEADER;
  while (bytes < target) {
    if (rng() < 0.5) {
      chunk += payrollRow(rng);
      values += 3;
    } else {
      chunk += orderRow(rng);
    }
    rows++;
    if (chunk.length > 1 << 16) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
  renameSync(tmp, path);
  return { rows, values };
}

/**
 * The same payroll/order rows as a workbook of `rows` data rows, written as Excel lays out its
 * files (shared strings, after the sheet in the zip); numbers stay text, as in a CSV import.
 */
export async function generatePayrollXlsx(path: string, rows: number, seed = 1): Promise<{ values: number }> {
  const ExcelJS = (await import('exceljs')).default;
  const rng = makeRng(seed);
  const tmp = `${path}.tmp`;
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true });
  const sheet = book.addWorksheet('工资表');
  sheet.addRow(PAYROLL_HEADER.trim().split(',')).commit();
  let values = 0;
  for (let i = 0; i < rows; i++) {
    const payroll = rng() < 0.5;
    if (payroll) values += 3;
    sheet.addRow((payroll ? payrollRow(rng) : orderRow(rng)).trim().split(',')).commit();
  }
  sheet.commit();
  await book.commit();
  renameSync(tmp, path);
  return { values };
}

// ---- the folder of small files ------------------------------------------------------------

const WORDS = ['user', 'order', 'account', 'payment', 'invoice', 'customer', 'employee', 'salary', 'report', 'config',
  'cache', 'session', 'token', 'export', 'record', 'batch', 'ledger', 'tax', 'bank', 'profile', 'address', 'contact',
  'service', 'handler', 'client', 'request', 'response', 'queue', 'worker', 'status', 'amount', 'total', 'price',
  'retry', 'limit', 'offset', 'page', 'filter', 'mapper', 'result'];

const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
const camel = (rng: Rng) => pick(rng, WORDS) + cap(pick(rng, WORDS));
const snake = (rng: Rng) => `${pick(rng, WORDS)}_${pick(rng, WORDS)}`;
const pascal = (rng: Rng) => cap(pick(rng, WORDS)) + cap(pick(rng, WORDS));

/** Ordinary numbers found in code: ports, timeouts, ms timestamps, order ids, amounts, colours, versions. */
function ordinaryValue(rng: Rng): string {
  switch (randInt(rng, 0, 6)) {
    case 0: return String(pick(rng, [80, 443, 3000, 5432, 6379, 8080, 9200]));
    case 1: return String(randInt(rng, 1, 600) * 100);
    case 2: return String(1_600_000_000_000 + randInt(rng, 0, 200_000_000_000));
    case 3: return `'${randomDigits(rng, 19)}'`;
    case 4: return `${randInt(rng, 1, 99999)}.${randomDigits(rng, 2)}`;
    case 5: return `'#${randInt(rng, 0, 0xffffff).toString(16).padStart(6, '0')}'`;
    default: return `'${randInt(rng, 0, 9)}.${randInt(rng, 0, 30)}.${randInt(rng, 0, 99)}'`;
  }
}

/** A fixture record: some synthetic identifiers among ordinary fields. */
function person(rng: Rng): Record<string, string | number> {
  const p: Record<string, string | number> = { name: pick(rng, NAMES), orderId: randomDigits(rng, 19), createdAt: 1_600_000_000_000 + randInt(rng, 0, 200_000_000_000) };
  if (rng() < 0.6) p.idCard = synthResidentId(rng);
  if (rng() < 0.5) p.cardNo = synthBankCard(rng);
  if (rng() < 0.6) p.mobile = synthMobile(rng);
  if (rng() < 0.2) p.creditCode = synthUscc(rng);
  return p;
}

function fixtures(rng: Rng): Record<string, string | number>[] {
  return rng() < 0.3 ? [] : Array.from({ length: randInt(rng, 1, 8) }, () => person(rng));
}

const q = (v: string | number) => (typeof v === 'number' ? String(v) : `'${v}'`);
const dq = (v: string | number) => (typeof v === 'number' ? String(v) : `"${v}"`);

interface Lang {
  head(rng: Rng): string;
  block(rng: Rng): string;
  fixture(rng: Rng, rows: Record<string, string | number>[]): string;
  tail?: string;
}

const LANGS: Record<string, Lang> = {
  ts: {
    head: (rng) => `import { ${camel(rng)} } from './${pick(rng, WORDS)}';\nimport type { ${pascal(rng)} } from '../types';\n\n`,
    block: (rng) => {
      const f = camel(rng), a = camel(rng), b = camel(rng);
      return `/** Returns the ${pick(rng, WORDS)} ${pick(rng, WORDS)} for a ${pick(rng, WORDS)}. */
export function ${f}(${a}: number, ${b}: string[]): string {
  const limit = ${ordinaryValue(rng)};
  if (${a} > limit) {
    throw new Error(\`${f}: \${${a}} is over the limit\`);
  }
  const out: string[] = [];
  for (const item of ${b}) {
    if (item.startsWith('${pick(rng, WORDS)}')) out.push(item.trim());
  }
  return out.join(',') + String(${ordinaryValue(rng)});
}

`;
    },
    fixture: (rng, rows) => `export const ${camel(rng)}Fixture = [\n${rows.map((r) => `  { ${Object.entries(r).map(([k, v]) => `${k}: ${q(v)}`).join(', ')} },`).join('\n')}\n];\n\n`,
  },
  py: {
    head: (rng) => `import json\nimport logging\nfrom .${pick(rng, WORDS)} import ${pascal(rng)}\n\nlog = logging.getLogger(__name__)\n\n`,
    block: (rng) => {
      const f = snake(rng), a = snake(rng);
      return `def ${f}(${a}, retries=${randInt(rng, 1, 9)}):
    """Load the ${pick(rng, WORDS)} and return its ${pick(rng, WORDS)}."""
    limit = ${ordinaryValue(rng)}
    for attempt in range(retries):
        if len(${a}) > limit:
            log.warning("${f}: too many items (%d)", len(${a}))
            break
        ${a} = [x.strip() for x in ${a} if x]
    return json.dumps({"${pick(rng, WORDS)}": ${a}, "ts": ${ordinaryValue(rng)}})


`;
    },
    fixture: (rng, rows) => `${snake(rng).toUpperCase()}_FIXTURE = [\n${rows.map((r) => `    {${Object.entries(r).map(([k, v]) => `"${k}": ${dq(v)}`).join(', ')}},`).join('\n')}\n]\n\n\n`,
  },
  java: {
    head: (rng) => `package com.example.${pick(rng, WORDS)};\n\nimport java.util.ArrayList;\nimport java.util.List;\n\npublic class ${pascal(rng)} {\n\n`,
    block: (rng) => {
      const f = camel(rng), a = camel(rng);
      return `    /** Computes the ${pick(rng, WORDS)} of the given ${pick(rng, WORDS)}. */
    public List<String> ${f}(List<String> ${a}) {
        long limit = ${randInt(rng, 1, 600) * 100}L;
        long since = ${1_600_000_000_000 + randInt(rng, 0, 200_000_000_000)}L;
        List<String> out = new ArrayList<>();
        for (String s : ${a}) {
            if (s.length() < limit && s.startsWith("${pick(rng, WORDS)}") && System.currentTimeMillis() > since) {
                out.add(s.trim());
            }
        }
        return out;
    }

`;
    },
    fixture: (_rng, rows) => rows.map((r, i) => Object.entries(r).map(([k, v]) => `    private static final String ${k.toUpperCase()}_${i} = ${dq(String(v))};\n`).join('')).join('') + '\n',
    tail: '}\n',
  },
  json: {
    head: () => '{\n  "version": 1,\n  "items": [\n',
    block: (rng) => `    { "id": "${randomDigits(rng, 19)}", "type": "${pick(rng, WORDS)}", "amount": ${randInt(rng, 1, 99999)}.${randomDigits(rng, 2)}, "createdAt": ${1_600_000_000_000 + randInt(rng, 0, 200_000_000_000)}, "tags": ["${pick(rng, WORDS)}", "${pick(rng, WORDS)}"], "enabled": ${rng() < 0.5} },\n`,
    fixture: (_rng, rows) => rows.map((r) => `    { ${Object.entries(r).map(([k, v]) => `"${k}": ${dq(v)}`).join(', ')} },\n`).join(''),
    tail: '    { "id": "0", "type": "end" }\n  ]\n}\n',
  },
  yaml: {
    head: (rng) => `# ${pick(rng, WORDS)} service configuration\nname: ${pick(rng, WORDS)}-${pick(rng, WORDS)}\n`,
    block: (rng) => `${snake(rng)}:
  host: ${pick(rng, WORDS)}.internal
  port: ${pick(rng, [80, 443, 3000, 5432, 6379, 8080])}
  timeout_ms: ${randInt(rng, 1, 600) * 100}
  retries: ${randInt(rng, 0, 9)}
  color: '#${randInt(rng, 0, 0xffffff).toString(16).padStart(6, '0')}'
  since: ${ordinaryValue(rng)}
`,
    fixture: (rng, rows) => `${snake(rng)}_fixture:\n${rows.map((r) => Object.entries(r).map(([k, v], j) => `${j ? '   ' : '  -'} ${k}: ${q(v)}\n`).join('')).join('')}`,
  },
};

function codeFile(rng: Rng, lang: Lang): string {
  const target = randInt(rng, 4, 30) * 1024;
  let text = lang.head(rng);
  const fixtureAt = target * rng();
  let fixed = false;
  while (text.length < target) {
    if (!fixed && text.length >= fixtureAt) {
      text += lang.fixture(rng, fixtures(rng));
      fixed = true;
    }
    text += lang.block(rng);
  }
  return text + (lang.tail ?? '');
}

/** A small payroll CSV (20-200 rows) or a client master file with credit codes. */
function csvFile(rng: Rng): string {
  const rows = randInt(rng, 20, 200);
  if (rng() < 0.7) {
    let text = PAYROLL_HEADER;
    for (let i = 0; i < rows; i++) text += rng() < 0.5 ? payrollRow(rng) : orderRow(rng);
    return text;
  }
  let text = '客户名称,统一社会信用代码,联系人,手机号,开户账号,备注\n';
  for (let i = 0; i < rows; i++) {
    text += `${pick(rng, WORDS)}科技有限公司,${synthUscc(rng)},${pick(rng, NAMES)},${synthMobile(rng)},${randomDigits(rng, 20)},${pick(rng, WORDS)}\n`;
  }
  return text;
}

const KINDS = [
  { ext: 'csv', dir: 'data', weight: 25 },
  { ext: 'ts', dir: 'src', weight: 25 },
  { ext: 'py', dir: 'scripts', weight: 15 },
  { ext: 'java', dir: 'java', weight: 15 },
  { ext: 'json', dir: 'fixtures', weight: 10 },
  { ext: 'yaml', dir: 'config', weight: 10 },
];

/** `count` small files (avg ~15 KB) spread over 50 package folders. */
export function generateFolder(path: string, count: number, seed = 2): { files: number; bytes: number } {
  const tmp = `${path}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const rng = makeRng(seed * 1_000_003 + i);
    let r = rng() * 100;
    const kind = KINDS.find((k) => (r -= k.weight) < 0) ?? KINDS[0];
    const text = kind.ext === 'csv' ? csvFile(rng) : codeFile(rng, LANGS[kind.ext]);
    const file = join(tmp, `pkg${String(i % 50).padStart(2, '0')}`, kind.dir, `${pick(rng, WORDS)}-${pick(rng, WORDS)}-${i}.${kind.ext}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  rmSync(path, { recursive: true, force: true });
  renameSync(tmp, path);
  return { files: count, bytes };
}

if (require.main === module) {
  const dir = join(__dirname, 'data');
  mkdirSync(dir, { recursive: true });
  if (process.argv[2] === '--xlsx') {
    const rows = Number(process.argv[3] ?? 100000);
    const path = join(dir, `payroll-${rows}rows.xlsx`);
    generatePayrollXlsx(path, rows).then(({ values }) => console.log(`wrote ${path}: ${rows} rows, ${values} sensitive values`));
  } else if (process.argv[2] === '--files') {
    const count = Number(process.argv[3] ?? 5000);
    const path = join(dir, `files-${count}`);
    const { bytes } = generateFolder(path, count);
    console.log(`wrote ${path}: ${count} files, ${(bytes / 1e6).toFixed(1)} MB`);
  } else {
    const sizeMB = Number(process.argv[2] ?? 100);
    const path = join(dir, `payroll-${sizeMB}mb.csv`);
    generatePayrollCsv(path, sizeMB).then(({ rows, values }) => console.log(`wrote ${path}: ${rows} rows, ${values} sensitive values`));
  }
}
