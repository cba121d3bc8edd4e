import { strict as assert } from 'node:assert';
import { AuditLog, type AuditEntry } from '../../server/src/cli/auditLog';

describe('audit log lines', () => {
  it('read as JSON.stringify writes the entry, whatever the names, cells and fingerprints hold', () => {
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
          const entry: Omit<AuditEntry, 'time'> = { file, rule, line: 12 + k, column: 3, ...(cell === undefined ? {} : { cell }), operator: 'pseudonymize', fingerprint, output };
          const written = line({ rule, line: 12 + k, column: 3, cell, fingerprint });
          assert.equal(written, JSON.stringify(entry).slice(1));
          // With the time the log puts in front, a line parses back to the entry.
          assert.deepEqual(JSON.parse(`{"time":"2026-11-24T00:00:00.000Z",${written}`), { time: '2026-11-24T00:00:00.000Z', ...entry });
        }
      }
    }
  });
});
