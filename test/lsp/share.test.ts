import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ExecuteCommandRequest, NotificationType } from 'vscode-languageserver-protocol/node';
import { decodeBytes, encodeText } from '../../server/src/cli/textCodec';
import { builtinEngine } from '../support/engine';
import { TestLspClient } from '../support/lspClient';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

const rng = makeRng(88);
const engine = builtinEngine();

function payroll(rows: number, eol = '\n'): string {
  let text = `姓名,身份证号,银行卡号,手机号${eol}`;
  for (let i = 0; i < rows; i++) text += `员工${i},${synthResidentId(rng)},${synthBankCard(rng)},${synthMobile(rng)}${eol}`;
  return text;
}

/** Every file under `dir` with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) out.set(join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name)));
  return out;
}

describe('shareable files from the editor: the whole workspace, and redacted copies (real LSP client)', function () {
  this.timeout(60_000);
  let client: TestLspClient;
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-share-'));
    client = new TestLspClient();
    await client.initialize('en');
  });
  afterEach(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts by type, then masks every file: open ones through the editor, others on disk in their own encoding', async () => {
    mkdirSync(join(dir, 'exports'));
    writeFileSync(join(dir, 'exports', 'utf8.csv'), payroll(3));
    const gbText = payroll(2, '\r\n');
    writeFileSync(join(dir, 'exports', 'gbk.csv'), encodeText(gbText, { encoding: 'gb18030', bom: false }));
    writeFileSync(join(dir, 'ignored.csv'), payroll(1));
    writeFileSync(join(dir, '.gitignore'), 'ignored.csv\n');
    const openPath = join(dir, 'open.csv');
    const openText = payroll(1);
    writeFileSync(openPath, openText);
    const openUri = pathToFileURL(openPath).href;
    client.open(openUri, 'csv', openText);
    await client.diagnostics(openUri);
    const before = snapshot(dir);

    const plan = (await client.executeCommand('sdguard.server.planWorkspace', { folders: [dir], mode: 'mask' })) as { files: number; total: number; counts: unknown[]; summary: string };
    assert.equal(plan.files, 3);
    assert.equal(plan.total, 18);
    assert.equal(plan.summary, 'Mask: 18 value(s) in 3 file(s): 6 × Resident identity card number, 6 × Mainland mobile phone number, 6 × Payment card number.');
    assert.deepEqual(snapshot(dir), before, 'planning writes nothing');

    const result = (await client.executeCommand('sdguard.server.applyWorkspace', { folders: [dir], mode: 'mask' })) as { files: number; values: number; cancelled: boolean; message: string };
    assert.deepEqual([result.files, result.values, result.cancelled], [3, 18, false]);
    assert.equal(result.message, 'Mask: 18 value(s) changed in 3 file(s).');
    // The open document changed in the editor (undoable), not on disk.
    assert.equal(readFileSync(openPath, 'utf8'), openText);
    assert.deepEqual(engine.scan(client.text(openUri), { kind: 'csv' }), []);
    // Files on disk: masked, same encoding and line endings, nothing else changed.
    const gb = decodeBytes(readFileSync(join(dir, 'exports', 'gbk.csv')));
    assert.equal(gb.encoding, 'gb18030');
    assert.equal(gb.text.split('\r\n').length, gbText.split('\r\n').length);
    assert.deepEqual(engine.scan(gb.text, { kind: 'csv' }), []);
    assert.equal(gb.text.replace(/[0-9*X]/g, ''), gbText.replace(/[0-9X]/g, ''));
    assert.deepEqual(engine.scan(readFileSync(join(dir, 'exports', 'utf8.csv'), 'utf8'), { kind: 'csv' }), []);
    // .gitignore is honoured.
    assert.deepEqual(readFileSync(join(dir, 'ignored.csv')), before.get(join(dir, 'ignored.csv')));
  });

  it('a file on disk that would not be written back byte for byte is left as it was, and named (as the CLI does)', async () => {
    // GB18030 with € written in both of its byte forms: re-encoding cannot give both back.
    const head = encodeText(`身份证号,备注\n${synthResidentId(rng)},价格 `, { encoding: 'gb18030', bom: false });
    const mixed = Buffer.concat([head, Buffer.from([0x80, 0x20, 0xa2, 0xe3, 0x0a])]);
    writeFileSync(join(dir, 'mixed.csv'), mixed);
    writeFileSync(join(dir, 'plain.csv'), payroll(1));
    const result = (await client.executeCommand('sdguard.server.applyWorkspace', { folders: [dir], mode: 'mask' })) as { files: number; values: number; message: string };
    assert.deepEqual(readFileSync(join(dir, 'mixed.csv')), mixed);
    assert.equal(result.files, 1);
    assert.match(result.message, /mixed\.csv: cannot be written back byte for byte as GB18030/);
    assert.deepEqual(engine.scan(readFileSync(join(dir, 'plain.csv'), 'utf8'), { kind: 'csv' }), []);
  });

  it('a binary file and bytes that do not decode are skipped: named by the plan, no failure when applying', async () => {
    writeFileSync(join(dir, 'plain.csv'), payroll(1));
    const broken = Buffer.concat([Buffer.from(`身份证号\n${synthResidentId(rng)}\n`), Buffer.from([0xff, 0xfe, 0x0a])]);
    writeFileSync(join(dir, 'broken.csv'), broken);
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`\n${synthResidentId(rng)}\n`)]);
    writeFileSync(join(dir, 'binary.txt'), binary);
    // A workbook (left to Export redacted copy), an old .xls (binary), and Excel's lock file beside an open workbook.
    writeFileSync(join(dir, 'book.xlsx'), 'PK\u0003\u0004');
    writeFileSync(join(dir, '工资表.xls'), Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]));
    writeFileSync(join(dir, '~$book.xlsx'), Buffer.from([0x05, 0x4a, 0, 0]));
    const plan = (await client.executeCommand('sdguard.server.planWorkspace', { folders: [dir], mode: 'mask' })) as { files: number; total: number; summary: string; skipped: { path: string; reason: string }[] };
    assert.deepEqual([plan.files, plan.total], [1, 3]);
    assert.deepEqual(plan.skipped.map((s) => s.path).sort(), [join(dir, 'binary.txt'), join(dir, 'book.xlsx'), join(dir, 'broken.csv'), join(dir, '工资表.xls')]);
    assert.match(plan.skipped.find((s) => s.path === join(dir, 'binary.txt'))!.reason, /binary/);
    assert.equal(plan.skipped.find((s) => s.path === join(dir, 'book.xlsx'))!.reason, 'a workbook (.xlsx): use Export redacted copy on it');
    // The confirmation says what the command leaves as it is: the values found are not all there may be.
    assert.equal(
      plan.summary,
      'Mask: 3 value(s) in 1 file(s): 1 × Resident identity card number, 1 × Mainland mobile phone number, 1 × Payment card number. ' +
        '1 workbook(s) (.xlsx) are not changed by this command: use Export redacted copy on each. ' +
        'Left as they are: 3 file(s) that are not text, do not decode or are too large (binary.txt, broken.csv, 工资表.xls).',
    );
    const result = (await client.executeCommand('sdguard.server.applyWorkspace', { folders: [dir], mode: 'mask' })) as { files: number; values: number; failures: unknown[] };
    assert.deepEqual([result.files, result.values, result.failures], [1, 3, []]);
    assert.deepEqual(readFileSync(join(dir, 'broken.csv')), broken);
    assert.deepEqual(readFileSync(join(dir, 'binary.txt')), binary);
    assert.deepEqual(engine.scan(readFileSync(join(dir, 'plain.csv'), 'utf8'), { kind: 'csv' }), []);
  });

  it('in Chinese, a plan that finds nothing still names the workbooks it leaves out', async () => {
    await client.dispose();
    client = new TestLspClient();
    await client.initialize('zh-CN');
    writeFileSync(join(dir, 'notes.txt'), 'nothing here\n');
    writeFileSync(join(dir, 'book.xlsx'), 'PK\u0003\u0004');
    const plan = (await client.executeCommand('sdguard.server.planWorkspace', { folders: [dir], mode: 'mask' })) as { total: number; summary: string };
    assert.equal(plan.total, 0);
    assert.equal(plan.summary, '工作区中未发现敏感信息。此命令不修改 1 个工作簿（.xlsx）：请对每个工作簿使用“导出脱敏副本”。');
  });

  it('a closed export with lone CR line ends: the plan counts what applying replaces, header context included', async () => {
    const rows = ['姓名,证件号码,对公账号'];
    // 12 digits: an account only under its header (low elsewhere, below the default threshold).
    for (let i = 0; i < 3; i++) rows.push(`员工${i},${synthResidentId(rng)},6${String(100_000_000_000 + i * 7919)}`);
    writeFileSync(join(dir, 'mac.csv'), rows.join('\r') + '\r');
    // Export redacted copy of the closed file scans it the same way.
    const exported = (await client.executeCommand('sdguard.server.exportRedactedCopy', { uri: pathToFileURL(join(dir, 'mac.csv')).href, mode: 'mask' })) as { output: string; count: number };
    assert.equal(exported.count, 6);
    rmSync(exported.output);
    const plan = (await client.executeCommand('sdguard.server.planWorkspace', { folders: [dir], mode: 'mask' })) as { files: number; total: number; counts: { ruleId: string; count: number }[] };
    assert.deepEqual([plan.files, plan.total], [1, 6]);
    assert.equal(plan.counts.find((c) => c.ruleId === 'cn-bank-account')?.count, 3);
    const result = (await client.executeCommand('sdguard.server.applyWorkspace', { folders: [dir], mode: 'mask' })) as { files: number; values: number; failures: unknown[] };
    assert.deepEqual([result.files, result.values, result.failures], [1, 6, []]);
    const after = readFileSync(join(dir, 'mac.csv'), 'utf8');
    assert.equal(after.split('\r').length, rows.length + 1);
  });

  it('pseudonymize and fake need the key: without it nothing is written', async () => {
    writeFileSync(join(dir, 'a.csv'), payroll(2));
    const before = snapshot(dir);
    const plan = (await client.executeCommand('sdguard.server.planWorkspace', { folders: [dir], mode: 'fake' })) as { error?: string };
    assert.match(plan.error ?? '', /needs a key/);
    const result = (await client.executeCommand('sdguard.server.applyWorkspace', { folders: [dir], mode: 'pseudonymize' })) as { files: number; error?: string };
    assert.equal(result.files, 0);
    assert.match(result.error ?? '', /Set pseudonymization key/);
    assert.deepEqual(snapshot(dir), before);
  });

  it('cancelling stops between files: each file is either as it was or fully masked', async () => {
    const originals = new Map<string, string>();
    for (let i = 0; i < 120; i++) {
      const text = payroll(20);
      originals.set(join(dir, `f${String(i).padStart(3, '0')}.csv`), text);
      writeFileSync(join(dir, `f${String(i).padStart(3, '0')}.csv`), text);
    }
    const source = new CancellationTokenSource();
    let seen = 0;
    client.connection.onNotification(new NotificationType<{ done: number }>('sdguard/progress'), (p) => {
      if (++seen === 30) source.cancel();
      void p;
    });
    const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'sdguard.server.applyWorkspace', arguments: [{ folders: [dir], mode: 'mask' }] }, source.token).catch(() => undefined)) as { cancelled: boolean } | undefined;
    if (result) assert.equal(result.cancelled, true);
    let changed = 0;
    for (const [path, text] of originals) {
      const now = readFileSync(path, 'utf8');
      if (now === text) continue;
      changed++;
      assert.deepEqual(engine.scan(now, { kind: 'csv' }), [], `${path} is half-masked`);
    }
    assert.ok(changed > 0 && changed < originals.size, `changed ${changed} of ${originals.size}`);
  });

  it('Export redacted copy writes NAME.redacted.EXT in the same encoding and leaves the original alone', async () => {
    const path = join(dir, '工资表.csv');
    const text = payroll(3, '\r\n');
    const bytes = encodeText(text, { encoding: 'utf-8', bom: true });
    writeFileSync(path, bytes);
    await client.connection.sendNotification('sdguard/setKey', { key: Buffer.from('0123456789abcdef0123456789abcdef').toString('base64') });
    const result = (await client.executeCommand('sdguard.server.exportRedactedCopy', { uri: pathToFileURL(path).href, mode: 'pseudonymize' })) as { output: string; count: number; message: string };
    assert.equal(result.output, join(dir, '工资表.redacted.csv'));
    assert.equal(result.count, 9);
    assert.equal(result.message, 'Wrote 工资表.redacted.csv (9 value(s) changed); the original is unchanged.');
    assert.deepEqual(readFileSync(path), bytes);
    const copy = decodeBytes(readFileSync(result.output));
    assert.deepEqual([copy.encoding, copy.bom], ['utf-8', true]);
    assert.equal(copy.text.split('\r\n').length, text.split('\r\n').length);
    assert.deepEqual(engine.scan(copy.text, { kind: 'csv' }), []);
    assert.match(copy.text.split('\r\n')[1], /^员工0,ID_[0-9A-Z]{12},CARD_[0-9A-Z]{12},MOBILE_[0-9A-Z]{12}$/);
  });
});
