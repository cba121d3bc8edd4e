import { basename, dirname, extname, join } from 'node:path';

/** `payroll.csv` → `payroll.redacted.csv`, beside it: where "Export redacted copy" writes. */
export function redactedPath(path: string, defaultExtension = ''): string {
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}.redacted${ext || defaultExtension}`);
}
