import { totalFindings, type ScanReport } from '../scanFiles';

/** Machine-readable report: masked values and positions only. */
export function jsonReport(report: ScanReport, version: string): string {
  const findings = totalFindings(report);
  return `${JSON.stringify({ tool: 'sdguard', version, summary: { scanned: report.scanned, filesWithFindings: report.files.length, findings }, files: report.files, skipped: report.skipped, errors: report.errors }, null, 2)}\n`;
}
