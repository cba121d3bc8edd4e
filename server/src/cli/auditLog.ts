import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where `sdguard redact` appends its audit log unless told otherwise (in the working folder). */
export const DEFAULT_AUDIT_LOG = '.sdguard-audit.jsonl';

/**
 * One line of the audit log: what was replaced where, never the value (neither raw nor masked).
 * `fingerprint` is the keyed HMAC-SHA256 of the value (see `fingerprint` in
 * engine/redact/operators.ts): the same value gives the same fingerprint under the same key, so a
 * record can be matched against a value someone asks about, but cannot be turned back into it.
 * It is null when no key was given (`mask` and `redact` need none).
 */
export interface AuditEntry {
  /** ISO 8601, UTC, when the file was written. */
  time: string;
  /** The file redacted, relative to the working folder (`/` separators), or absolute outside it. */
  file: string;
  rule: string;
  /** 1-based; in a workbook, the row. */
  line: number;
  /** 1-based, in UTF-16 code units; in a workbook, the column number. */
  column: number;
  /** In a workbook: the cell, `Sheet1!C5`. */
  cell?: string;
  operator: string;
  fingerprint: string | null;
  /** The file written: the same as `file` for --in-place, the copy for --out. */
  output: string;
}

/**
 * Appends entries as JSON lines, a file's entries at once and synced to disk once that file is
 * written, so the log holds exactly the files that were redacted, even if the run is killed.
 */
export class AuditLog {
  private fd: number | undefined;

  constructor(readonly path: string) {}

  /** Opens (creates) the log; call before anything is written so that a bad path fails first. */
  open(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, 'a', 0o600);
  }

  /**
   * A file's entries as their lines will read, less the time (known once the file is written), so
   * that the lines of a large file can wait on disk (see Spool) until then. Written as
   * JSON.stringify writes an entry, but what every line of the file shares is encoded once (a
   * large file has hundreds of thousands of lines, and stringifying each entry whole took a tenth
   * of the redaction's time).
   */
  static pendingFor(file: string, operator: string, output: string): (e: Pick<AuditEntry, 'rule' | 'line' | 'column' | 'cell' | 'fingerprint'>) => string {
    const head = `"file":${JSON.stringify(file)},"rule":`;
    const tail = `,"operator":${JSON.stringify(operator)},"fingerprint":`;
    const end = `,"output":${JSON.stringify(output)}}`;
    const rules = new Map<string, string>();
    const rule = (id: string) => rules.get(id) ?? rules.set(id, JSON.stringify(id)).get(id)!;
    return (e) =>
      `${head}${rule(e.rule)},"line":${e.line},"column":${e.column}${e.cell === undefined ? '' : `,"cell":${JSON.stringify(e.cell)}`}${tail}${e.fingerprint === null ? 'null' : JSON.stringify(e.fingerprint)}${end}`;
  }

  /** Appends one file's pending entries (see `pendingFor`) with their time, then syncs the log. */
  appendPending(batches: Iterable<readonly string[]>, time: string): void {
    if (this.fd === undefined) return;
    const head = `{"time":${JSON.stringify(time)},`;
    for (const lines of batches) {
      if (lines.length === 0) continue;
      const bytes = Buffer.from(`${head}${lines.join(`\n${head}`)}\n`, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
    }
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
