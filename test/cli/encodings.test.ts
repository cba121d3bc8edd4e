import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { LineIndex } from '../../server/src/engine/text/lineIndex';
import { runCli } from '../support/cli';
import { assertNoRaw } from '../support/noRaw';
import { builtinEngine } from '../support/engine';
import { makeRng, randInt, synthBankCard, synthResidentId } from '../support/synth';

interface JsonFinding {
  ruleId: string;
  line: number;
  column: number;
  endColumn: number;
  header?: string;
}

describe('sdguard scan: text encodings (CLI as a child process)', () => {
  const rng = makeRng(18030);
  const ids = [synthResidentId(rng), synthResidentId(rng), synthResidentId(rng)];
  const cards = [synthBankCard(rng, 'unionpay', { length: 19 }), synthBankCard(rng, 'unionpay', { length: 16 })];
  const raws = [...ids, ...cards];
  // A payroll sheet as Excel exports it on Chinese Windows: Chinese headers, CRLF, the euro sign,
  // a character outside the BMP (two UTF-16 code units, four GB18030 bytes) before a value.
  const payroll =
    [
      '姓名,身份证号,银行卡号,实发工资,备注',
      `张三,${ids[0]},${cards[0]},€8000,`,
      `𠀀李四,${ids[1]},${cards[1]},€9000,"备注: 含,逗号"`,
      `王五,${ids[2]},,€7000,😀`,
    ].join('\r\n') + '\r\n';
  const gb = (text: string) => iconv.encode(text, 'gb18030');
  const bom = (bytes: number[], body: Buffer) => Buffer.concat([Buffer.from(bytes), body]);
  const files: Record<string, Buffer> = {
    'utf8.csv': Buffer.from(payroll),
    'utf8-bom.csv': bom([0xef, 0xbb, 0xbf], Buffer.from(payroll)),
    'gb18030.csv': gb(payroll),
    'utf16le.csv': bom([0xff, 0xfe], Buffer.from(payroll, 'utf16le')),
    'utf16be.csv': bom([0xfe, 0xff], Buffer.from(payroll, 'utf16le').swap16()),
  };
  const encodingOf: Record<string, string> = { 'utf8.csv': 'utf-8', 'utf8-bom.csv': 'utf-8', 'gb18030.csv': 'gb18030', 'utf16le.csv': 'utf-16le', 'utf16be.csv': 'utf-16be' };
  // Noise that no supported encoding decodes (0xFF is never valid in UTF-8 or GB18030), no NUL.
  const noise = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 50 === 7 ? 0xff : randInt(rng, 0x80, 0xff))));
  noise[0] = 0x80; // not a BOM
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-enc-'));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    mkdirSync(join(dir, 'mixed'));
    writeFileSync(join(dir, 'mixed', 'a-noise.csv'), noise);
    writeFileSync(join(dir, 'mixed', 'b-payroll.csv'), gb(payroll));
    writeFileSync(join(dir, 'mixed', 'c-payroll.csv'), Buffer.from(payroll));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const assertNoRawValue = (...outputs: string[]): void => assertNoRaw(raws, outputs, 'a raw value leaked into the output');

  function scanJson(args: string[]): { status: number | null; report: any; stderr: string } {
    const r = runCli(['scan', '--format', 'json', ...args], { cwd: dir });
    assertNoRawValue(r.stdout, r.stderr);
    return { status: r.status, report: JSON.parse(r.stdout), stderr: r.stderr };
  }

  const positions = (findings: JsonFinding[]) => findings.map((f) => `${f.ruleId} ${f.line}:${f.column}-${f.endColumn} ${f.header ?? ''}`);

  /** What the engine finds in the decoded text, in report form (1-based UTF-16 line and column). */
  function expected(): string[] {
    const lines = new LineIndex(payroll);
    const headers = payroll.split('\r\n')[0].split(',');
    return builtinEngine()
      .scan(payroll, { kind: 'csv' })
      .map((f) => {
        const p = lines.positionAt(f.start);
        const column = payroll.slice(lines.lineStart(p.line), f.start).split(',').length - 1;
        return `${f.ruleId} ${p.line + 1}:${p.character + 1}-${p.character + 1 + f.end - f.start} ${headers[column]}`;
      });
  }

  it('reports the same findings at the same UTF-16 positions in UTF-8, UTF-8 BOM, GB18030, UTF-16LE and UTF-16BE', () => {
    const want = expected();
    assert.equal(want.length, 5, want.join('\n'));
    // 𠀀 counts two UTF-16 code units: the ID after it is at column 2 + 2 + 1.
    assert.ok(want.includes(`cn-resident-id 3:6-24 身份证号`), want.join('\n'));
    for (const name of Object.keys(files)) {
      const { status, report, stderr } = scanJson([name]);
      assert.equal(status, 1, `${name}: ${stderr}`);
      assert.equal(report.files.length, 1, name);
      assert.equal(report.files[0].encoding, encodingOf[name], name);
      assert.deepEqual(positions(report.files[0].findings), want, name);
    }
  });

  it('text output of a GB18030 file: line:column in UTF-16 code units, masked values only', () => {
    const r = runCli(['scan', 'gb18030.csv'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assertNoRawValue(r.stdout, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(
      lines.map((l) => l.split('  ').slice(0, 3).join(' ')),
      [
        'gb18030.csv:2:4 error cn-resident-id',
        'gb18030.csv:2:23 error bank-card',
        'gb18030.csv:3:6 error cn-resident-id',
        'gb18030.csv:3:25 error bank-card',
        'gb18030.csv:4:4 error cn-resident-id',
      ],
    );
    assert.match(r.stdout, /\d\*{16}[\dX]/);
  });

  it('reports an undecodable file by name and goes on with the others (one thread and workers)', () => {
    for (const precondition of ['utf-8', 'gb18030']) assert.throws(() => new TextDecoder(precondition, { fatal: true }).decode(noise), `the noise decodes as ${precondition}`);
    for (const jobs of ['1', '2']) {
      const r = runCli(['scan', 'mixed', '--jobs', jobs], { cwd: dir });
      assert.equal(r.status, 2, r.stderr);
      assertNoRawValue(r.stdout, r.stderr);
      assert.match(r.stderr, /^sdguard: error: mixed\/a-noise\.csv: neither UTF-8 \(bad byte at \d+\) nor GB18030 \(bad byte at \d+\) \(line 1\); /m);
      assert.equal(r.stdout.trim().split('\n').filter((l) => l.startsWith('mixed/b-payroll.csv:')).length, 5, `--jobs ${jobs}: ${r.stdout}`);
      assert.equal(r.stdout.trim().split('\n').filter((l) => l.startsWith('mixed/c-payroll.csv:')).length, 5, `--jobs ${jobs}: ${r.stdout}`);
      assert.match(r.stderr, /10 finding\(s\) in 2 file\(s\) \(2 file\(s\) scanned\)/);
    }
    const json = scanJson(['mixed', '--jobs', '1']);
    assert.equal(json.status, 2);
    assert.equal(json.report.errors.length, 1);
    assert.equal(json.report.errors[0].path, 'mixed/a-noise.csv');
    assert.deepEqual(
      json.report.files.map((f: { path: string; encoding: string }) => [f.path, f.encoding]),
      [
        ['mixed/b-payroll.csv', 'gb18030'],
        ['mixed/c-payroll.csv', 'utf-8'],
      ],
    );
  });

  it('a bad byte far into a file: an error naming byte, line and --encoding, and every value still found', () => {
    // Over 1 MB of UTF-8 (several read chunks), then one GBK row, then UTF-8 again.
    const rows = ['姓名,身份证号'];
    while (rows.length < 50_000) rows.push(`员工${rows.length},${synthResidentId(rng)}`);
    const head = Buffer.from(rows.join('\n') + '\n');
    assert.ok(head.length > 1 << 20);
    const after = `王五,${synthResidentId(rng)}\n`;
    writeFileSync(join(dir, 'late-gbk.csv'), Buffer.concat([head, gb(`李四,${ids[1]}\n`), Buffer.from(after)]));
    writeFileSync(join(dir, 'late-utf8.csv'), Buffer.concat([head, Buffer.from(`李四,${ids[1]}\n`), Buffer.from(after)]));
    const r = runCli(['scan', 'late-gbk.csv', 'late-utf8.csv', 'utf8.csv', '--summary'], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    assertNoRawValue(r.stdout, r.stderr);
    assert.match(r.stderr, new RegExp(`^sdguard: error: late-gbk\\.csv: not valid UTF-8 at byte ${head.length} \\(line 50001\\); if the file is GBK/GB18030 \\(Excel on Chinese Windows\\), use --encoding gb18030$`, 'm'));
    // Said in Chinese to a Chinese user, by scan and by redact (which leaves the file as it is).
    const zh = runCli(['scan', 'late-gbk.csv', '--summary', '--lang', 'zh-CN'], { cwd: dir });
    assert.match(zh.stderr, new RegExp(`^sdguard: 错误: late-gbk\\.csv: 第 ${head.length} 字节处不是有效的 UTF-8（第 50001 行）；如果文件是 GBK/GB18030 编码（中文 Windows 上的 Excel 导出），请使用 --encoding gb18030$`, 'm'));
    const redactZh = runCli(['redact', '--dry-run', '--no-audit-log', '--lang', 'zh-CN', 'late-gbk.csv'], { cwd: dir });
    assert.match(redactZh.stderr, /late-gbk\.csv: 第 \d+ 字节处不是有效的 UTF-8（第 50001 行）；如果文件是 GBK\/GB18030 编码.*；/);
    assertNoRawValue(zh.stdout, zh.stderr, redactZh.stdout, redactZh.stderr);
    // The values before, in and after the bad row: the same counts as the file without the damage.
    const counts = /^late-utf8\.csv: (cn-resident-id \d+)$/m.exec(r.stdout)?.[1];
    assert.ok(counts, r.stdout);
    assert.match(r.stdout, new RegExp(`^late-gbk\\.csv: ${counts}$`, 'm'));
    assert.match(r.stdout, /^utf8\.csv: cn-resident-id 3, bank-card 2$/m);
    // The text report shows the value after the bad bytes at its place: the bad GBK 李四 (4 bytes) is 4 U+FFFD.
    const text = runCli(['scan', 'late-gbk.csv'], { cwd: dir });
    assert.equal(text.status, 2);
    assert.match(text.stdout, /^late-gbk\.csv:50001:6 {2}error {2}cn-resident-id/m);
    assert.match(text.stdout, /^late-gbk\.csv:50002:4 {2}error {2}cn-resident-id/m);
  });

  it('--encoding gb18030 (or gbk) reads a GBK file that also happens to be valid UTF-8', () => {
    // 职位 in GBK is D6 B0 CE BB: two valid two-byte UTF-8 characters, so detection says UTF-8.
    writeFileSync(join(dir, 'ambiguous.csv'), Buffer.concat([gb('职位'), Buffer.from(`,ID\r\nmanager,${ids[0]}\r\n`)]));
    assert.ok(gb('职位').equals(Buffer.from([0xd6, 0xb0, 0xce, 0xbb])));
    const auto = scanJson(['ambiguous.csv']);
    assert.equal(auto.report.files[0].encoding, 'utf-8');
    for (const name of ['gb18030', 'gbk', 'GBK']) {
      const given = scanJson(['ambiguous.csv', '--encoding', name]);
      assert.equal(given.status, 1, given.stderr);
      assert.equal(given.report.files[0].encoding, 'gb18030');
      assert.deepEqual(positions(given.report.files[0].findings), positions(auto.report.files[0].findings));
    }
    // Worker threads get the option too.
    mkdirSync(join(dir, 'amb'));
    for (const n of ['1', '2', '3']) writeFileSync(join(dir, 'amb', `${n}.csv`), Buffer.concat([gb('职位'), Buffer.from(`,ID\r\nmanager,${ids[0]}\r\n`)]));
    const pooled = scanJson(['amb', '--jobs', '2', '--encoding', 'gbk']);
    assert.deepEqual(
      pooled.report.files.map((f: { encoding: string }) => f.encoding),
      ['gb18030', 'gb18030', 'gb18030'],
    );
    // And the other way round: a GB18030 file named UTF-8 does not decode.
    const wrong = scanJson(['gb18030.csv', '--encoding', 'utf-8']);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /gb18030\.csv: not valid UTF-8 at byte 0 \(line 1\)/);
  });

  it('--encoding utf-16le reads UTF-16 without a BOM, which is otherwise skipped as binary', () => {
    writeFileSync(join(dir, 'nobom16.csv'), Buffer.from(payroll, 'utf16le'));
    const skipped = scanJson(['nobom16.csv']);
    assert.equal(skipped.status, 0);
    assert.deepEqual(skipped.report.skipped, [{ path: 'nobom16.csv', reason: 'binary' }]);
    const read = scanJson(['nobom16.csv', '--encoding', 'utf-16le']);
    assert.equal(read.status, 1, read.stderr);
    assert.equal(read.report.files[0].encoding, 'utf-16le');
    assert.deepEqual(positions(read.report.files[0].findings), expected());
    // A BOM decides over --encoding.
    const withBom = scanJson(['utf16be.csv', '--encoding', 'gb18030']);
    assert.equal(withBom.report.files[0].encoding, 'utf-16be');
  });

  it('an unknown --encoding is a usage error (exit 2) that lists the choices', () => {
    const r = runCli(['scan', 'utf8.csv', '--encoding', 'latin9'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^sdguard: --encoding must be one of auto, utf-8, utf-16le, utf-16be, gb18030, gbk, not "latin9"$/m);
    assert.match(r.stderr, /--encoding auto\|utf-8\|gb18030\|gbk\|utf-16le\|utf-16be/, 'usage text');
  });
});
