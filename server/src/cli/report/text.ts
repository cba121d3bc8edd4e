import type { ScanReport } from '../scanFiles';

/** `path:line:col  severity  rule  message` per finding, like compilers print. */
export function textReport(report: ScanReport, severityOf: (ruleId: string) => string): string {
  const out: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) out.push(`${file.path}:${f.line}:${f.column}  ${severityOf(f.ruleId)}  ${f.ruleId}  ${f.message}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** Per-file, per-rule counts, no per-finding output (fast on huge files). */
export function summaryReport(report: ScanReport): string {
  const out: string[] = [];
  const totals = new Map<string, number>();
  for (const file of report.files) {
    const counts = Object.entries(file.counts);
    out.push(`${file.path}: ${counts.map(([id, n]) => `${id} ${n}`).join(', ')}`);
    for (const [id, n] of counts) totals.set(id, (totals.get(id) ?? 0) + n);
  }
  if (totals.size > 1 || report.files.length > 1) out.push(`total: ${[...totals].map(([id, n]) => `${id} ${n}`).join(', ')}`);
  return out.length ? `${out.join('\n')}\n` : '';
}
