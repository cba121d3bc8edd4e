import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, TIME_SLOT, type AuditEntry } from '../../server/src/cli/auditLog';
import { Spool } from '../../server/src/cli/spool';
import { spoolLines } from '../support/spoolLines';

describe('audit log lines', () => {
  it('read as JSON.stringify writes the entry, whatever the names, cells and fingerprints hold, the time left as a slot', () => {
    const files = ['payroll.csv', 'a "quoted"\\dir/工资表 2026.xlsx', 'tab\there\nnewline\u2028.csv'];
    const cells = [undefined, 'Sheet1!C5', "'客户 档案'!B2", 'Q"uote\\d!A1'];
    const fingerprints = [null, 'fp:0f1e2d3c4b5a69788796a5b4c3d2e1f0'];
    const rules = ['cn-resident-id', 'bank-card', 'custom "rule"'];
    for (const file of files) {
      const output = `out/${file}`;
      const line = AuditLog.pendingFor(file, 'pseudonymize', output);
      for (const [k, cell] of cells.entries()) {
        for (const fingerprint of fingerprints) {
          const rule = rules[k % rules.length];
          const entry: AuditEntry = { time: TIME_SLOT, file, rule, line: 12 + k, column: 3, ...(cell === undefined ? {} : { cell }), operator: 'pseudonymize', fingerprint, output };
          const spool = new Spool();
          line({ rule, line: 12 + k, column: 3, cell, fingerprint }, spool);
          assert.deepEqual(spoolLines(spool), [JSON.stringify(entry)]);
        }
      }
    }
  });

  it('go to the log with the time written over the slot, from memory and from the spool on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdguard-audit-'));
    try {
      const log = new AuditLog(join(dir, 'audit.jsonl'));
      log.open();
      const line = AuditLog.pendingFor('工资表.csv', 'mask', 'out/工资表.csv');
      // A spool that spills every 7 lines or so, with lines of many lengths (one long one crosses a read).
      const spool = new Spool(7 * 200);
      const cell = (n: number) => (n === 30 ? `'${'长'.repeat(400_000)}'!A1` : n % 3 ? undefined : `'表 ${n}'!B${n}`);
      for (let n = 1; n <= 50; n++) line({ rule: 'bank-card', line: n * 999_999, column: n % 9, cell: cell(n), fingerprint: null }, spool);
      log.appendPending(spool.chunks(), '2026-11-24T01:02:03.456Z');
      const one = new Spool();
      line({ rule: 'cn-mobile', line: 1, column: 1, fingerprint: 'fp:00' }, one);
      log.appendPending(one.chunks(), '2026-11-25T00:00:00.000Z');
      log.close();
      spool.close();
      const entries = readFileSync(join(dir, 'audit.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEntry);
      assert.equal(entries.length, 51);
      assert.deepEqual(entries.slice(0, 50).map((e) => [e.time, e.line, e.cell]), [...Array(50).keys()].map((k) => ['2026-11-24T01:02:03.456Z', (k + 1) * 999_999, cell(k + 1)]));
      assert.deepEqual(entries[50], { time: '2026-11-25T00:00:00.000Z', file: '工资表.csv', rule: 'cn-mobile', line: 1, column: 1, operator: 'mask', fingerprint: 'fp:00', output: 'out/工资表.csv' });
      assert.throws(() => new AuditLog(join(dir, 'x.jsonl')).appendPending([], 'yesterday'), /not a time/);
      // A line cut short (a run killed while appending) is ended before the next run appends.
      const torn = join(dir, 'torn.jsonl');
      writeFileSync(torn, '{"time":"2026-11-24T01:02:03.456Z","file":"a.csv"}\n{"time":"2026-');
      const next = new AuditLog(torn);
      next.open();
      next.appendPending(one.chunks(), '2026-11-26T00:00:00.000Z');
      next.close();
      const lines = readFileSync(torn, 'utf8').split('\n');
      assert.deepEqual([lines.length, lines[1], JSON.parse(lines[2]).time, lines[3]], [4, '{"time":"2026-', '2026-11-26T00:00:00.000Z', '']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
