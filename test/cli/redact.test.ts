import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import ExcelJS from 'exceljs';
import { fileKindOf } from '../../server/src/engine/fileKind';
import { parseRecords } from '../../server/src/engine/table/dialect';
import type { Finding } from '../../server/src/engine/types';
import { decodeBytes, encodeText, type EncodingOption } from '../../server/src/cli/textCodec';
import { cliPath, runCli } from '../support/cli';
import { builtinEngine } from '../support/engine';
import { makeRng, synthBankCard, synthMobile, synthResidentId, synthUscc } from '../support/synth';
import type { AuditEntry } from '../../server/src/cli/auditLog';

/** A synthetic key (32 bytes), as SDGUARD_KEY. */
const KEY = `hex:${'0123456789abcdef'.repeat(4)}`;
const OTHER_KEY = `hex:${'fedcba9876543210'.repeat(4)}`;
const NO_KEY = { SDGUARD_KEY: '' };
const WITH_KEY = { SDGUARD_KEY: KEY };

type AuditLine = AuditEntry;

/** Every file under `dir` (relative, `/` separators) with its bytes and modification time. */
function snapshot(dir: string): Map<string, { bytes: string; mtimeMs: number }> {
  const out = new Map<string, { bytes: string; mtimeMs: number }>();
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = join(entry.parentPath, entry.name);
    out.set(relative(dir, abs).split(sep).join('/'), { bytes: readFileSync(abs).toString('base64'), mtimeMs: statSync(abs).mtimeMs });
  }
  return out;
}

/** The audit log's complete lines (a line is only whole once its line feed is written: the log may be read while written). */
function readAudit(path: string): AuditLine[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AuditLine);
}

/** Findings of the engine in a text, in order, without overlaps (what redact replaces). */
function spans(text: string, path: string): Finding[] {
  const out: Finding[] = [];
  let lastEnd = -1;
  for (const f of builtinEngine()
    .scan(text, { kind: fileKindOf(path), minConfidence: 'medium' })
    .sort((a, b) => a.start - b.start)) {
    if (f.start < lastEnd) continue;
    out.push(f);
    lastEnd = f.end;
  }
  return out;
}

/**
 * The bytes of `after` are those of `before` except where `before` had a finding: the same BOM,
 * then each stretch between findings, encoded as the file was, in order, with something else in
 * place of each finding. Returns the replacements (decoded).
 */
function assertOnlyFindingsChanged(before: Buffer, after: Buffer, path: string, encoding: EncodingOption = 'auto'): string[] {
  const d = decodeBytes(before, encoding);
  const e = decodeBytes(after, encoding);
  assert.equal(e.encoding, d.encoding, `${path}: encoding changed`);
  assert.equal(e.bom, d.bom, `${path}: BOM changed`);
  assert.equal(e.text.split('\r\n').length, d.text.split('\r\n').length, `${path}: CRLF line endings changed`);
  assert.equal(e.text.split('\n').length, d.text.split('\n').length, `${path}: line count changed`);
  const found = spans(d.text, path);
  const gaps: string[] = [];
  let pos = 0;
  for (const f of found) {
    gaps.push(d.text.slice(pos, f.start));
    pos = f.end;
  }
  gaps.push(d.text.slice(pos));
  const enc = (s: string) => encodeText(s, { ...d, bom: false });
  const bomLength = before.length - enc(d.text).length;
  assert.ok(after.subarray(0, bomLength).equals(before.subarray(0, bomLength)), `${path}: BOM bytes changed`);
  let cursor = bomLength;
  const replaced: string[] = [];
  gaps.forEach((gap, i) => {
    const bytes = enc(gap);
    let at: number;
    if (i === 0) at = cursor;
    else if (i === gaps.length - 1) at = after.length - bytes.length;
    else at = after.indexOf(bytes, cursor);
    assert.ok(at >= cursor && after.subarray(at, at + bytes.length).equals(bytes), `${path}: bytes outside the findings changed (stretch ${i})`);
    if (i > 0) replaced.push(decodeBytes(after.subarray(cursor, at), d.encoding).text);
    cursor = at + bytes.length;
  });
  assert.equal(cursor, after.length, `${path}: bytes after the last finding changed`);
  return replaced;
}

/** Rows and the number of fields of each, as a CSV/TSV reader sees them. */
function shape(text: string, delimiter: string): number[] {
  return parseRecords(text, delimiter).map((r) => r.length);
}

describe('sdguard redact (CLI as a child process)', function () {
  this.timeout(120_000);
  const rng = makeRng(6006);
  const ids = [synthResidentId(rng), synthResidentId(rng), synthResidentId(rng)];
  const cards = [synthBankCard(rng, 'unionpay', { length: 19 }), synthBankCard(rng, 'visa', { length: 16 }), synthBankCard(rng, 'mastercard', { length: 16 })];
  const groupedCard = cards[1].replace(/(\d{4})(?=\d)/g, '$1 ');
  const mobiles = [synthMobile(rng), synthMobile(rng), synthMobile(rng)];
  const usccs = [synthUscc(rng), synthUscc(rng)];
  const raws = [...ids, ...cards, groupedCard, ...mobiles, ...usccs];

  // A payroll export with a quoted note that holds the delimiter and a line break.
  const payroll = ['姓名,身份证号,银行卡号,手机号,备注', `张三,${ids[0]},${cards[0]},${mobiles[0]},"含,逗号`, `和换行"`, `李四,${ids[1]},"${groupedCard}",${mobiles[1]},`, `王五,${ids[2]},${cards[2]},,订单号 20261123`].join('\n') + '\n';
  const clients = ['名称\t统一社会信用代码\t联系电话', `甲公司\t${usccs[0]}\t${mobiles[2]}`, `乙公司\t${usccs[1]}\t${mobiles[0]}`].join('\n') + '\n';
  const seed = `export const supplier = { creditCode: '${usccs[0]}', idNumber: '${ids[0]}' };\n// 身份证 ${ids[1]}\n`;
  const notes = 'nothing to see: order 2026-11-23, total 1234.56\n';

  let root: string;
  let n = 0;
  /** A fresh folder with the data tree under data/, and the working folder for the run. */
  function tree(): { work: string; data: string } {
    const work = join(root, `run${n++}`);
    const data = join(work, 'data');
    mkdirSync(join(data, 'sub'), { recursive: true });
    mkdirSync(join(data, 'src'));
    writeFileSync(join(data, 'payroll.csv'), payroll);
    writeFileSync(join(data, 'sub', 'clients.tsv'), clients);
    writeFileSync(join(data, 'src', 'seed.ts'), seed);
    writeFileSync(join(data, 'notes.txt'), notes);
    return { work, data };
  }
  const treeFiles = ['notes.txt', 'payroll.csv', 'src/seed.ts', 'sub/clients.tsv'];
  const original: Record<string, string> = { 'payroll.csv': payroll, 'sub/clients.tsv': clients, 'src/seed.ts': seed, 'notes.txt': notes };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sdguard-redact-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** No raw value in any file under the folders, nor in the outputs given. */
  function assertNoRawValue(folders: string[], ...outputs: string[]): void {
    const texts = [...outputs];
    for (const f of folders) for (const [path, { bytes }] of snapshot(f)) texts.push(`${path}\n${decodeBytes(Buffer.from(bytes, 'base64')).text}`);
    for (const text of texts) for (const raw of raws) assert.ok(!text.includes(raw), `a raw value (#${raws.indexOf(raw)}) is still there: ${text.slice(0, 40)}`);
  }

  /** Counts per rule of `sdguard scan --format json`, by file. */
  function scanCounts(cwd: string, path: string): Record<string, Record<string, number>> {
    const r = runCli(['scan', path, '--format', 'json'], { cwd });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const report = JSON.parse(r.stdout) as { files: { path: string; counts: Record<string, number> }[] };
    return Object.fromEntries(report.files.filter((f) => Object.keys(f.counts).length).map((f) => [f.path.replace(/^[^/]+\//, ''), f.counts]));
  }

  for (const mode of ['mask', 'redact', 'pseudonymize', 'fake'] as const) {
    it(`--mode ${mode} --out: a mirrored tree, only the findings changed, rows and columns kept, an audit log without values`, () => {
      const { work, data } = tree();
      const before = snapshot(data);
      const env = mode === 'mask' ? NO_KEY : WITH_KEY;
      const r = runCli(['redact', 'data', '--mode', mode, '--out', 'shared'], { cwd: work, env });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /Redacted \d+ value\(s\) in 3 file\(s\) \(4 file\(s\) read\)\./);
      assert.match(r.stderr, /Wrote 4 file\(s\) to shared\./);
      assert.match(r.stdout, /^data\/payroll\.csv: \d+ value\(s\) redacted → shared\/payroll\.csv$/m);
      // The originals are untouched; the copy mirrors the tree (a clean file is copied as it is).
      assert.deepEqual(snapshot(data), before);
      const out = join(work, 'shared');
      assert.deepEqual([...snapshot(out).keys()].sort(), treeFiles);
      assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), notes);

      const replaced: string[] = [];
      for (const file of treeFiles) replaced.push(...assertOnlyFindingsChanged(Buffer.from(original[file]), readFileSync(join(out, file)), file));
      assert.equal(replaced.length, 15, 'every value in the tree was replaced');
      const redactedPayroll = readFileSync(join(out, 'payroll.csv'), 'utf8');
      assert.deepEqual(shape(redactedPayroll, ','), shape(payroll, ','));
      assert.deepEqual(shape(readFileSync(join(out, 'sub', 'clients.tsv'), 'utf8'), '\t'), shape(clients, '\t'));
      assert.deepEqual(parseRecords(redactedPayroll, ',')[1][4], '含,逗号\n和换行');

      if (mode === 'mask') assert.ok(replaced.includes(`${ids[0].slice(0, 1)}${'*'.repeat(16)}${ids[0].slice(17)}`), replaced.join(' '));
      if (mode === 'redact') assert.ok(replaced.includes('[ID NUMBER]'), replaced.join(' '));
      if (mode === 'pseudonymize') for (const v of replaced) assert.match(v, /^[A-Z]+_[0-9A-HJKMNP-TV-Z]{12}$/);

      // Re-scan: nothing is found (fake writes valid values of the same types, by design).
      const counts = scanCounts(work, 'shared');
      if (mode === 'fake') assert.deepEqual(counts, scanCounts(work, 'data'));
      else assert.deepEqual(counts, {});

      const audit = readAudit(join(work, '.sdguard-audit.jsonl'));
      assert.equal(audit.length, 15);
      assert.match(r.stderr, /Audit log: \.sdguard-audit\.jsonl \(15 line\(s\) added\)\./);
      for (const a of audit) {
        assert.deepEqual(Object.keys(a).sort(), ['column', 'file', 'fingerprint', 'line', 'operator', 'output', 'rule', 'time']);
        assert.equal(a.operator, mode);
        assert.ok(!Number.isNaN(Date.parse(a.time)));
        if (mode === 'mask') assert.equal(a.fingerprint, null);
        else assert.match(a.fingerprint!, /^[0-9a-f]{64}$/);
      }
      assert.deepEqual(
        audit.filter((a) => a.file === 'data/payroll.csv').map((a) => [a.rule, a.line, a.column, a.output]),
        [
          ['cn-resident-id', 2, 4, 'shared/payroll.csv'],
          ['bank-card', 2, 23, 'shared/payroll.csv'],
          ['cn-mobile', 2, 43, 'shared/payroll.csv'],
          ['cn-resident-id', 4, 4, 'shared/payroll.csv'],
          ['bank-card', 4, 24, 'shared/payroll.csv'],
          ['cn-mobile', 4, 45, 'shared/payroll.csv'],
          ['cn-resident-id', 5, 4, 'shared/payroll.csv'],
          ['bank-card', 5, 23, 'shared/payroll.csv'],
        ],
      );
      // The same value gives the same fingerprint in every file (mobiles[0] is in two).
      if (mode !== 'mask') {
        const prints = audit.filter((a) => a.rule === 'cn-mobile').map((a) => a.fingerprint);
        assert.equal(new Set(prints).size, prints.length - 1);
      }
      assertNoRawValue([out], r.stdout, r.stderr, readFileSync(join(work, '.sdguard-audit.jsonl'), 'utf8'));
    });
  }

  it('--in-place: the files themselves, atomically, with their permissions; clean files untouched', () => {
    const { work, data } = tree();
    chmodSync(join(data, 'payroll.csv'), 0o640);
    const before = snapshot(data);
    const r = runCli(['redact', 'data', '--in-place', '--mode', 'pseudonymize', '--audit-log', join(root, `audit-${n}.jsonl`)], { cwd: work, env: WITH_KEY });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^data\/payroll\.csv: 8 value\(s\) redacted$/m);
    const after = snapshot(data);
    assert.deepEqual([...after.keys()].sort(), treeFiles, 'no temporary file left');
    assert.deepEqual(after.get('notes.txt'), before.get('notes.txt'), 'a clean file is not rewritten');
    assert.equal(statSync(join(data, 'payroll.csv')).mode & 0o777, 0o640);
    for (const file of treeFiles) assertOnlyFindingsChanged(Buffer.from(original[file]), readFileSync(join(data, file)), file);
    assert.deepEqual(scanCounts(work, 'data'), {});
    assert.equal(readAudit(join(root, `audit-${n}.jsonl`)).length, 15);
    assertNoRawValue([data], r.stdout, r.stderr, readFileSync(join(root, `audit-${n}.jsonl`), 'utf8'));
    // Again: nothing left to do, nothing written.
    const again = snapshot(data);
    const r2 = runCli(['redact', 'data', '--in-place', '--mode', 'pseudonymize', '--no-audit-log'], { cwd: work, env: WITH_KEY });
    assert.equal(r2.status, 0, r2.stderr);
    assert.match(r2.stderr, /Nothing to redact \(4 file\(s\) read\)\./);
    assert.deepEqual(snapshot(data), again);
  });

  it('--rules: only those rules; the others stay', () => {
    const { work, data } = tree();
    const r = runCli(['redact', 'data/payroll.csv', '--in-place', '--rules', 'cn-resident-id', '--no-audit-log'], { cwd: work });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(scanCounts(work, 'data/payroll.csv'), { 'payroll.csv': { 'bank-card': 3, 'cn-mobile': 2 } });
    const text = readFileSync(join(data, 'payroll.csv'), 'utf8');
    for (const id of ids) assert.ok(!text.includes(id));
    assert.ok(text.includes(cards[0]) && text.includes(mobiles[0]));
    const bad = runCli(['redact', 'data', '--in-place', '--rules', 'cn-resident-id,no-such-rule'], { cwd: work });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown rule id\(s\) "no-such-rule"/);
  });

  it('keeps GB18030, UTF-8 BOM, UTF-16 LE/BE, CRLF and Excel\'s euro byte, changing only the findings', () => {
    const { work } = tree();
    const enc = join(work, 'enc');
    mkdirSync(enc);
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const sheet = crlf(`姓名,身份证号,银行卡号,实发工资\n张三,${ids[0]},${cards[0]},€8000\n李四,${ids[1]},"${groupedCard}",€9000\n`);
    // GB18030 as Excel writes it on Chinese Windows: the euro sign as the single byte 0x80.
    const gb = Buffer.concat(sheet.split('€').flatMap((part, i) => [...(i ? [Buffer.from([0x80])] : []), encodeText(part, { encoding: 'gb18030', bom: false })]));
    const files: Record<string, { bytes: Buffer; encoding?: EncodingOption }> = {
      'gbk.csv': { bytes: gb },
      'bom.csv': { bytes: encodeText(sheet, { encoding: 'utf-8', bom: true }) },
      'utf16le.csv': { bytes: encodeText(sheet, { encoding: 'utf-16le', bom: true }) },
      'utf16be.tsv': { bytes: encodeText(sheet.replace(/,/g, '\t'), { encoding: 'utf-16be', bom: true }) },
      'nobom16.csv': { bytes: encodeText(sheet, { encoding: 'utf-16le', bom: false }), encoding: 'utf-16le' },
    };
    for (const [name, f] of Object.entries(files)) writeFileSync(join(enc, name), f.bytes);
    assert.equal(decodeBytes(gb).gbForms?.['€'], '80');
    const out = join(work, 'out');
    for (const [name, f] of Object.entries(files)) {
      for (const mode of ['mask', 'redact'] as const) {
        rmSync(out, { recursive: true, force: true });
        const r = runCli(['redact', `enc/${name}`, '--out', 'out', '--mode', mode, '--no-audit-log', ...(f.encoding ? ['--encoding', f.encoding] : [])], { cwd: work });
        assert.equal(r.status, 0, `${name}: ${r.stderr}`);
        const after = readFileSync(join(out, name));
        const replaced = assertOnlyFindingsChanged(f.bytes, after, name, f.encoding);
        assert.equal(replaced.length, 4, name);
        const text = decodeBytes(after, f.encoding ?? 'auto').text;
        const delimiter = name.endsWith('.tsv') ? '\t' : ',';
        assert.deepEqual(shape(text, delimiter), shape(decodeBytes(f.bytes, f.encoding ?? 'auto').text, delimiter));
        assert.deepEqual(spans(text, name), [], `${name}: found again after ${mode}`);
        for (const raw of raws) assert.ok(!text.includes(raw), name);
      }
    }
    // Without --encoding a BOM-less UTF-16 file reads as binary: not copied, said so, the rest goes on.
    rmSync(out, { recursive: true, force: true });
    const r = runCli(['redact', 'enc', '--out', 'out', '--no-audit-log'], { cwd: work });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /skipped enc\/nobom16\.csv: binary file, not copied to the output folder/);
    assert.deepEqual(readdirSync(out).sort(), ['bom.csv', 'gbk.csv', 'utf16be.tsv', 'utf16le.csv']);
  });

  it('refuses to overwrite: no --out or --in-place, existing outputs (unless --force), --out onto the input', () => {
    const { work, data } = tree();
    const before = snapshot(work);
    const dataBefore = snapshot(data);
    const none = runCli(['redact', 'data'], { cwd: work });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /never overwrites without --in-place/);
    const both = runCli(['redact', 'data', '--out', 'x', '--in-place'], { cwd: work });
    assert.equal(both.status, 2);
    assert.match(both.stderr, /either --out DIR or --in-place, not both/);
    const onto = runCli(['redact', 'data', '--out', 'data'], { cwd: work });
    assert.equal(onto.status, 2);
    assert.match(onto.stderr, /--out would overwrite the input/);
    assert.deepEqual(snapshot(work), before, 'something was written');

    mkdirSync(join(work, 'shared', 'sub'), { recursive: true });
    writeFileSync(join(work, 'shared', 'sub', 'clients.tsv'), 'an older copy\n');
    const exists = runCli(['redact', 'data', '--out', 'shared'], { cwd: work });
    assert.equal(exists.status, 2);
    assert.match(exists.stderr, /shared\/sub\/clients\.tsv already exists \(1 output file\(s\) exist in all\); nothing was written\. Use --force/);
    assert.deepEqual(readdirSync(join(work, 'shared')), ['sub']);
    assert.ok(!existsSync(join(work, '.sdguard-audit.jsonl')));
    const forced = runCli(['redact', 'data', '--out', 'shared', '--force'], { cwd: work });
    assert.equal(forced.status, 0, forced.stderr);
    assertOnlyFindingsChanged(Buffer.from(clients), readFileSync(join(work, 'shared', 'sub', 'clients.tsv')), 'clients.tsv');
    assert.deepEqual(snapshot(data), dataBefore);

    // An output folder inside the tree: skipped while walking, so a second run does not redact its own copies.
    for (let i = 0; i < 2; i++) {
      const inner = runCli(['redact', '.', '--out', 'redacted', '--no-audit-log', '--force'], { cwd: data });
      assert.equal(inner.status, 0, inner.stderr);
      assert.match(inner.stderr, /\(4 file\(s\) read\)/);
      assert.deepEqual([...snapshot(join(data, 'redacted')).keys()].sort(), treeFiles);
    }
  });

  it('pseudonymize/fake without a key: a clear error, exit 2, nothing written; a short key or a key file in the tree is refused too', () => {
    const { work } = tree();
    const before = snapshot(work);
    for (const mode of ['pseudonymize', 'fake']) {
      for (const target of [['--in-place'], ['--out', 'shared'], ['--dry-run']]) {
        const r = runCli(['redact', 'data', '--mode', mode, ...target], { cwd: work, env: NO_KEY });
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, new RegExp(`The ${mode} operator needs a key and none was given; nothing was changed\\..*SDGUARD_KEY.*--key-file`));
      }
    }
    const zh = runCli(['redact', 'data', '--mode', 'pseudonymize', '--in-place', '--lang', 'zh-CN'], { cwd: work, env: NO_KEY });
    assert.equal(zh.status, 2);
    assert.match(zh.stderr, /假名化需要密钥，但没有提供，未做任何修改/);
    const short = runCli(['redact', 'data', '--mode', 'pseudonymize', '--in-place'], { cwd: work, env: { SDGUARD_KEY: 'too short' } });
    assert.equal(short.status, 2);
    assert.match(short.stderr, /the key from SDGUARD_KEY has 9 byte\(s\); at least 16 are needed/);
    const badHex = runCli(['redact', 'data', '--mode', 'fake', '--in-place'], { cwd: work, env: { SDGUARD_KEY: 'hex:xyz' } });
    assert.equal(badHex.status, 2);
    assert.match(badHex.stderr, /SDGUARD_KEY is not valid hex/);
    writeFileSync(join(work, 'data', 'src', 'key.txt'), 'a key long enough to be accepted\n');
    const inTree = runCli(['redact', 'data', '--mode', 'pseudonymize', '--in-place', '--key-file', 'data/src/key.txt'], { cwd: work, env: NO_KEY });
    assert.equal(inTree.status, 2);
    assert.match(inTree.stderr, /the key file data\/src\/key\.txt lies in data, which is being redacted/);
    rmSync(join(work, 'data', 'src', 'key.txt'));
    const missing = runCli(['redact', 'data', '--mode', 'pseudonymize', '--in-place', '--key-file', 'nope.key'], { cwd: work, env: NO_KEY });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read the key file nope\.key/);
    assert.deepEqual(snapshot(work), before, 'something was written');
  });

  it('the same key gives the same pseudonyms across files (sheets still join), a key file works as SDGUARD_KEY, another key differs', () => {
    const { work } = tree();
    const join1 = join(work, 'join');
    mkdirSync(join1);
    // The same people in two exports, one with the ID in lower-case x and the card grouped.
    writeFileSync(join(join1, 'a.csv'), `姓名,身份证号,银行卡号\n张三,${ids[0]},${cards[1]}\n李四,${ids[1]},${cards[0]}\n`);
    writeFileSync(join(join1, 'b.tsv'), `身份证号\t银行卡号\t部门\n${ids[1].toLowerCase()}\t${cards[0]}\t财务部\n${ids[0]}\t${groupedCard}\t行政部\n`);
    const keyFile = join(root, 'pseudonym.key');
    const textKey = 'a synthetic test key, long enough';
    writeFileSync(keyFile, `${textKey}\n`);
    const viaEnv = runCli(['redact', 'join', '--out', 'env', '--mode', 'pseudonymize', '--no-audit-log'], { cwd: work, env: { SDGUARD_KEY: KEY } });
    assert.equal(viaEnv.status, 0, viaEnv.stderr);
    // The key file's text (less its line break) is the key, as SDGUARD_KEY's text would be.
    const viaFile = runCli(['redact', 'join', '--out', 'file', '--mode', 'pseudonymize', '--no-audit-log', '--key-file', keyFile], { cwd: work, env: { SDGUARD_KEY: OTHER_KEY } });
    assert.equal(viaFile.status, 0, viaFile.stderr);
    const viaText = runCli(['redact', 'join', '--out', 'text', '--mode', 'pseudonymize', '--no-audit-log'], { cwd: work, env: { SDGUARD_KEY: textKey } });
    assert.equal(viaText.status, 0);
    const other = runCli(['redact', 'join', '--out', 'other', '--mode', 'pseudonymize', '--no-audit-log'], { cwd: work, env: { SDGUARD_KEY: OTHER_KEY } });
    assert.equal(other.status, 0, other.stderr);

    const rows = (dir: string, name: string, delimiter: string) => parseRecords(readFileSync(join(work, dir, name), 'utf8'), delimiter);
    const a = rows('env', 'a.csv', ',');
    const b = rows('env', 'b.tsv', '\t');
    // Join a and b on the pseudonymized ID: each person's card token matches too.
    const byId = new Map(b.slice(1).map((r) => [r[0], r[1]]));
    for (const r of a.slice(1)) {
      assert.match(r[1], /^ID_/);
      assert.equal(byId.get(r[1]), r[2], 'the pseudonyms of the same person differ between files');
    }
    assert.deepEqual(rows('file', 'a.csv', ','), rows('text', 'a.csv', ','), 'key file and SDGUARD_KEY give different pseudonyms');
    assert.notDeepEqual(rows('file', 'a.csv', ','), a);
    assert.notDeepEqual(rows('other', 'a.csv', ','), a, 'another key gives the same pseudonyms');
  });

  it('--dry-run lists what would change (masked) and writes nothing', () => {
    const { work } = tree();
    const before = snapshot(work);
    for (const args of [['--in-place'], ['--out', 'shared'], [], ['--mode', 'fake']]) {
      const r = runCli(['redact', 'data', '--dry-run', ...args], { cwd: work, env: WITH_KEY });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /Dry run: 15 value\(s\) in 3 file\(s\) would be redacted \(4 file\(s\) read\); nothing was written\./);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 15);
      assert.equal(lines[0], `data/payroll.csv:2:4  cn-resident-id  ${ids[0][0]}${'*'.repeat(16)}${ids[0][17]}`);
      assertNoRawValue([], r.stdout, r.stderr);
    }
    assert.deepEqual(snapshot(work), before);
  });

  it('.xlsx: a readable workbook with the same sheets, rows and columns and no findings; in place too', async () => {
    const { work } = tree();
    const books = join(work, 'books');
    mkdirSync(books);
    const wb = new ExcelJS.Workbook();
    const pay = wb.addWorksheet('工资表');
    pay.addRow(['姓名', '身份证号', '银行卡号', '手机号', '备注']);
    pay.addRow(['张三', ids[0], cards[0], mobiles[0], '']);
    pay.addRow(['李四', ids[1], { richText: [{ text: cards[1].slice(0, 6), font: { bold: true } }, { text: cards[1].slice(6) }] }, Number(mobiles[1]), 'ok']);
    const other = wb.addWorksheet('客户 档案');
    other.getCell('A1').value = '名称';
    other.getCell('B1').value = '统一社会信用代码';
    other.getCell('B3').value = usccs[0];
    other.getCell('D7').value = 'no value here';
    await wb.xlsx.writeFile(join(books, 'payroll.xlsx'));
    const shapeOf = async (path: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(path);
      return book.worksheets.map((ws) => [ws.name, ws.rowCount, ws.columnCount, ws.actualRowCount, ws.actualColumnCount]);
    };
    const expected = await shapeOf(join(books, 'payroll.xlsx'));

    for (const mode of ['mask', 'redact', 'pseudonymize', 'fake'] as const) {
      const out = `out-${mode}`;
      const r = runCli(['redact', 'books', '--out', out, '--mode', mode, '--audit-log', `audit-${mode}.jsonl`], { cwd: work, env: WITH_KEY });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /books\/payroll\.xlsx: 7 value\(s\) redacted → out-\w+\/payroll\.xlsx/);
      const copy = join(work, out, 'payroll.xlsx');
      assert.deepEqual(await shapeOf(copy), expected);
      const rescan = runCli(['scan', copy], { cwd: work });
      assert.equal(rescan.status, mode === 'fake' ? 1 : 0, rescan.stdout + rescan.stderr);
      const audit = readAudit(join(work, `audit-${mode}.jsonl`));
      assert.deepEqual(
        audit.map((a) => a.cell),
        ['工资表!B2', '工资表!C2', '工资表!D2', '工资表!B3', '工资表!C3', '工资表!D3', "'客户 档案'!B3"],
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(copy);
      const text = JSON.stringify(book.worksheets.map((ws) => ws.getSheetValues()));
      for (const raw of raws) assert.ok(!text.includes(raw), `${mode}: a raw value is in the workbook`);
      assert.ok(text.includes('no value here'));
      assertNoRawValue([], r.stdout, r.stderr, readFileSync(join(work, `audit-${mode}.jsonl`), 'utf8'));
    }

    const inPlace = runCli(['redact', 'books/payroll.xlsx', '--in-place', '--no-audit-log'], { cwd: work });
    assert.equal(inPlace.status, 0, inPlace.stderr);
    assert.deepEqual(await shapeOf(join(books, 'payroll.xlsx')), expected);
    assert.equal(runCli(['scan', 'books'], { cwd: work }).status, 0);
    assert.deepEqual(readdirSync(books), ['payroll.xlsx'], 'a temporary file was left');
  });

  describe('interrupted in-place runs', () => {
    const FILES = 300;
    let dir: string;
    let originals: Map<string, Buffer>;

    /** 300 small payroll exports. */
    function makeFiles(): void {
      dir = join(root, `many${n++}`);
      mkdirSync(dir);
      originals = new Map();
      const r = makeRng(300);
      for (let i = 0; i < FILES; i++) {
        const name = `p${String(i).padStart(3, '0')}.csv`;
        const rows = ['姓名,身份证号,手机号'];
        for (let k = 0; k < 3; k++) rows.push(`员工${k},${synthResidentId(r)},${synthMobile(r)}`);
        const bytes = Buffer.from(`${rows.join('\r\n')}\r\n`);
        writeFileSync(join(dir, name), bytes);
        originals.set(name, bytes);
      }
    }

    /** Runs `redact --in-place --jobs N` slowly, and sends `signal` once `after` files are in the audit log. */
    async function interrupt(signal: NodeJS.Signals, after: number, audit: string, jobs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
      const child = spawn(process.execPath, [cliPath, 'redact', '.', '--in-place', '--jobs', String(jobs), '--audit-log', audit], {
        cwd: dir,
        env: { ...process.env, LANG: 'en_US.UTF-8', SDGUARD_TEST_SLOW_WRITE_MS: '15' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
      let sent = false;
      const poll = setInterval(() => {
        if (!sent && new Set(readAudit(audit).map((a) => a.file)).size >= after) {
          sent = true;
          child.kill(signal);
        }
      }, 5);
      const result = await exited;
      clearInterval(poll);
      await new Promise((r) => setImmediate(r));
      return { ...result, stderr };
    }

    /** Every file is its original or fully redacted (found nothing, only the findings changed); returns how many of each. */
    function check(audit: string): { original: number; redacted: number; temps: string[] } {
      let original = 0;
      let redacted = 0;
      const logged = new Set(readAudit(audit).map((a) => a.file));
      const temps: string[] = [];
      for (const name of readdirSync(dir)) {
        if (name.includes('.sdguard-tmp-')) {
          temps.push(name);
          continue;
        }
        const bytes = readFileSync(join(dir, name));
        const before = originals.get(name)!;
        if (bytes.equals(before)) {
          assert.ok(!logged.has(name), `${name} is in the audit log but was not changed`);
          original++;
          continue;
        }
        assertOnlyFindingsChanged(before, bytes, name);
        assert.deepEqual(spans(bytes.toString('utf8'), name), [], `${name} is half redacted`);
        assert.deepEqual(shape(bytes.toString('utf8'), ','), shape(before.toString('utf8'), ','));
        redacted++;
      }
      assert.equal(original + redacted, FILES);
      return { original, redacted, temps };
    }

    // --jobs 2: worker threads redact files ahead of this thread, which puts them in place in order.
    for (const jobs of [1, 2]) {
      it(`--jobs ${jobs}: SIGKILL in the middle: each file is either its original or fully redacted; a second run finishes the job`, async () => {
        makeFiles();
        const audit = join(root, `kill-${n}.jsonl`);
        const r = await interrupt('SIGKILL', 30, audit, jobs);
        assert.equal(r.signal, 'SIGKILL', `the run ended before it was killed: ${r.stderr}`);
        const { original, redacted, temps } = check(audit);
        assert.ok(redacted >= 30 && original >= 1, `${redacted} redacted, ${original} original`);
        // At most the files in flight left a temporary file (complete or not), clearly named, beside its intact original:
        // one here, and with workers the files redacted ahead, waiting to be put in place (4 per thread at most).
        assert.ok(temps.length <= (jobs === 1 ? 1 : jobs * 4 + 1), temps.join(', '));
        for (const temp of temps) {
          assert.match(temp, /^\.p\d{3}\.csv\.sdguard-tmp-\d+-[0-9a-f]{8}$/);
          const name = temp.slice(1, temp.indexOf('.sdguard-tmp-'));
          assert.ok(readFileSync(join(dir, name)).equals(originals.get(name)!), 'the original beside a temporary file was changed');
        }
        // A leftover cut short (as a kill while writing leaves it): named, skipped, and not taken for data.
        const redactedFile = readdirSync(dir).find((f) => f.endsWith('.csv') && !readFileSync(join(dir, f)).equals(originals.get(f)!))!;
        const leftover = `.${redactedFile}.sdguard-tmp-99999-0badc0de`;
        const partial = readFileSync(join(dir, redactedFile));
        writeFileSync(join(dir, leftover), partial.subarray(0, partial.length >> 1));
        const again = runCli(['redact', '.', '--in-place', '--audit-log', audit], { cwd: dir });
        assert.equal(again.status, 0, again.stderr);
        assert.match(again.stderr, new RegExp(`skipped \\.${redactedFile.replace('.', '\\.')}\\.sdguard-tmp-99999-0badc0de: a temporary file left by an interrupted run`));
        assert.equal(check(audit).redacted, FILES);
        assert.equal(new Set(readAudit(audit).map((a) => a.file)).size, FILES);
        assert.ok(readFileSync(join(dir, leftover)).equals(partial.subarray(0, partial.length >> 1)), 'a leftover was redacted as data');
        // Scans skip such leftovers too.
        const scan = runCli(['scan', '.', '--format', 'json'], { cwd: dir });
        assert.equal(scan.status, 0, scan.stderr);
        assert.ok(!scan.stdout.includes('sdguard-tmp'));
      });

      it(`--jobs ${jobs}: SIGTERM stops after the file in hand: no temporary file, a message, exit 2`, async () => {
        makeFiles();
        const audit = join(root, `term-${n}.jsonl`);
        const r = await interrupt('SIGTERM', 10, audit, jobs);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /Interrupted \(SIGTERM\) after \d+ file\(s\), \d+ not processed; each file is either as it was or fully redacted\./);
        const { original, redacted, temps } = check(audit);
        assert.deepEqual(temps, []);
        assert.ok(redacted >= 10 && original >= 1, `${redacted} redacted, ${original} original`);
        assert.equal(new Set(readAudit(audit).map((a) => a.file)).size, redacted);
      });
    }
  });

  it('--help and usage errors', () => {
    const help = runCli(['redact', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /redact PATH\.\.\./);
    const badMode = runCli(['redact', 'x', '--mode', 'shred', '--in-place']);
    assert.equal(badMode.status, 2);
    assert.match(badMode.stderr, /--mode must be mask, redact, pseudonymize, fake/);
    const placeholder = runCli(['redact', 'x', '--mode', 'redact', '--placeholder', 'a,b', '--in-place']);
    assert.equal(placeholder.status, 2);
    assert.match(placeholder.stderr, /--placeholder may not hold/);
  });

  it('--placeholder and Chinese messages', () => {
    const { work, data } = tree();
    const r = runCli(['redact', 'data/payroll.csv', '--in-place', '--mode', 'redact', '--placeholder', '[已删除]', '--lang', 'zh-CN', '--no-audit-log'], { cwd: work });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /已处理 1 个文件中的 8 处敏感信息（共读取 1 个文件）。/);
    const text = readFileSync(join(data, 'payroll.csv'), 'utf8');
    assert.equal(text.split('[已删除]').length - 1, 8);
    assert.deepEqual(shape(text, ','), shape(payroll, ','));
  });

  it('a file that does not decode is an error naming it, left unchanged; the others are redacted', () => {
    const { work, data } = tree();
    cpSync(join(data, 'payroll.csv'), join(data, 'z.csv'));
    // A UTF-8 file with one stray byte: not valid UTF-8 nor GB18030.
    const broken = Buffer.concat([Buffer.from(`身份证号\n${ids[0]}\n`), Buffer.from([0xff, 0xfe, 0x0a])]);
    writeFileSync(join(data, 'broken.csv'), broken);
    const r = runCli(['redact', 'data', '--in-place', '--no-audit-log'], { cwd: work });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /error: data\/broken\.csv: .*left unchanged/);
    assert.ok(readFileSync(join(data, 'broken.csv')).equals(broken));
    assert.deepEqual(spans(readFileSync(join(data, 'z.csv'), 'utf8'), 'z.csv'), []);
  });
  it('a line longer than redact holds at once is named with its line, the file left unchanged; the others are redacted', () => {
    const { work, data } = tree();
    const long = join(data, 'long.csv');
    // 65 MiB in one line, after a header and an ID: nothing of it is written.
    const bytes = Buffer.concat([Buffer.from(`身份证号\n${ids[0]}\n`), Buffer.alloc(65 * 1024 * 1024, 0x61), Buffer.from(`\n${ids[1]}\n`)]);
    writeFileSync(long, bytes);
    const before = statSync(long);
    const r = runCli(['redact', 'data', '--in-place', '--no-audit-log'], { cwd: work });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /error: data\/long\.csv: line 3 is longer than 64 MB, more than redact holds in memory at once; left unchanged/);
    const after = statSync(long);
    assert.equal(after.mtimeMs, before.mtimeMs);
    assert.ok(readFileSync(long).equals(bytes));
    assert.deepEqual(readdirSync(data).filter((n) => n.includes('sdguard-tmp')), []);
    assert.deepEqual(spans(readFileSync(join(data, 'payroll.csv'), 'utf8'), 'payroll.csv'), []);
    const zh = runCli(['redact', 'data', '--dry-run', '--lang', 'zh-CN'], { cwd: work });
    assert.match(zh.stderr, /data\/long\.csv: 第 3 行超过 64 MB/);
  });
});
