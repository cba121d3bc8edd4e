import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Spool } from './spool';

/** Where `sdguard redact` appends its audit log unless told otherwise (in the working folder). */
export const DEFAULT_AUDIT_LOG = '.sdguard-audit.jsonl';

/** How each line starts, and the time it holds until the file is written: as wide as any toISOString() of years 0 to 9999. */
const TIME_FIELD = '{"time":"';
export const TIME_SLOT = '0000-00-00T00:00:00.000Z';
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const LINE = utf8(',"line":');
const COLUMN = utf8(',"column":');
const CELL = utf8(',"cell":');
const NULL = utf8('null');

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
    const fd = (this.fd = openSync(this.path, 'a+', 0o600));
    // A run killed while appending may have left a line without its line feed: end it, so that
    // the lines this run adds do not join it (each stays a line of JSON of its own).
    const size = fstatSync(fd).size;
    const last = Buffer.alloc(1);
    if (size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 10) writeSync(fd, '\n');
  }

  /**
   * Writes a file's entries to a spool as their lines will read, but for the time (known once the
   * file is written), which is left as TIME_SLOT: the lines of a large file wait on disk (see
   * Spool) until then and go to the log as they are, the time written over the slot. Written as
   * JSON.stringify writes an entry, but byte by byte into the spool, what every line of the file
   * shares encoded once (a large export has millions of lines: a string each was most of the
   * log's cost).
   */
  static pendingFor(file: string, operator: string, output: string): (e: Pick<AuditEntry, 'rule' | 'line' | 'column' | 'cell' | 'fingerprint'>, out: Spool) => void {
    const head = utf8(`${TIME_FIELD}${TIME_SLOT}","file":${JSON.stringify(file)},"rule":`);
    const tail = utf8(`,"operator":${JSON.stringify(operator)},"fingerprint":`);
    const end = utf8(`,"output":${JSON.stringify(output)}}`);
    const rules = new Map<string, Buffer>();
    const rule = (id: string) => rules.get(id) ?? rules.set(id, utf8(JSON.stringify(id))).get(id)!;
    return (e, out) => {
      out.bytes(head);
      out.bytes(rule(e.rule));
      out.bytes(LINE);
      out.int(e.line);
      out.bytes(COLUMN);
      out.int(e.column);
      if (e.cell !== undefined) {
        out.bytes(CELL);
        out.text(JSON.stringify(e.cell));
      }
      out.bytes(tail);
      if (e.fingerprint === null) out.bytes(NULL);
      else out.text(JSON.stringify(e.fingerprint));
      out.bytes(end);
      out.endLine();
    };
  }

  /**
   * Appends one file's pending lines (see `pendingFor`; chunks of whole lines, each ending in a line
   * feed, as Spool.chunks gives them), `time` written over each line's slot, then syncs the log.
   */
  appendPending(chunks: Iterable<Buffer>, time: string): void {
    const stamp = Buffer.from(time, 'latin1');
    if (stamp.length !== TIME_SLOT.length || !ISO_TIME.test(time)) throw new Error(`not a time for the audit log: ${time}`);
    if (this.fd === undefined) return;
    for (const chunk of chunks) {
      // Every line starts with the time field: its slot is overwritten in place.
      for (let at = 0; at < chunk.length; ) {
        const slot = at + TIME_FIELD.length;
        for (let k = 0; k < stamp.length; k++) chunk[slot + k] = stamp[k];
        const lf = chunk.indexOf(10, slot + stamp.length);
        if (lf < 0) throw new Error('an audit log line without its line feed');
        at = lf + 1;
      }
      for (let at = 0; at < chunk.length; ) at += writeSync(this.fd, chunk, at, chunk.length - at);
    }
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
