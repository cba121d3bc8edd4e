import { writeSync } from 'node:fs';
import type { Lang } from '../l10n/messages';
import type { Severity } from '../engine/types';
import { Output } from './output';
import { bytesOf } from './scanFile';

/**
 * Whether to colour text written to a stream: `NO_COLOR` (any non-empty value) turns colour off,
 * `FORCE_COLOR` turns it on (`0` or `false` turn it off), else only on a terminal that is not `dumb`.
 * See https://no-color.org and https://force-color.org.
 */
export function useColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return !!isTTY && env.TERM !== 'dumb';
}

const SGR: Record<string, [number, number]> = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], blue: [34, 39], cyan: [36, 39] };

/** ANSI styles, or none. */
export interface Paint {
  (style: keyof typeof SGR, text: string): string;
  severity(severity: Severity, text: string): string;
}

export function paint(enabled: boolean): Paint {
  const p = ((style: string, text: string) => (enabled ? `\x1b[${SGR[style][0]}m${text}\x1b[${SGR[style][1]}m` : text)) as Paint;
  p.severity = (severity, text) => p(severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'blue', text);
  return p;
}

/** Milliseconds between two redraws of the bar. */
const REDRAW_MS = 100;
/** A scan shorter than this shows no bar at all. */
const SHOW_AFTER_MS = 750;
const WIDTH = 24;

const LABEL: Record<Lang, { scanning: string; files: string }> = {
  en: { scanning: 'Scanning', files: 'files' },
  'zh-CN': { scanning: '正在扫描', files: '个文件' },
};

/**
 * A progress bar on stderr for long scans: only on a terminal (never in CI logs or when piped),
 * drawn after the scan has run a moment, at most every 100 ms, and erased at the end (and before
 * the report is written to the same terminal, see ProgressOutput). Progress is by bytes of the
 * files done, so one large file among small ones counts for what it weighs.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private shown = false;
  private filesDone = 0;
  private bytesDone = 0;
  /** Bytes read so far of the file in hand (see fileProgress). */
  private inHand = 0;
  private readonly sizes = new Map<string, number>();
  private readonly totalBytes: number;
  private readonly total: number;

  private readonly fd: number;
  private readonly showAfterMs: number;
  private readonly redrawMs: number;

  constructor(
    files: readonly { path: string; abs: string; source?: string }[],
    private readonly lang: Lang,
    options: { fd?: number; showAfterMs?: number; redrawMs?: number } = {},
  ) {
    this.fd = options.fd ?? 2;
    this.showAfterMs = options.showAfterMs ?? SHOW_AFTER_MS;
    this.redrawMs = options.redrawMs ?? REDRAW_MS;
    let total = 0;
    for (const f of files) {
      const size = bytesOf(f);
      this.sizes.set(f.path, size);
      total += size;
    }
    this.totalBytes = total;
    this.total = files.length;
  }

  /** Whether a bar is wanted: stderr is a terminal (and not `dumb`). */
  static wanted(stream: { isTTY?: boolean } = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
    return !!stream.isTTY && env.TERM !== 'dumb' && env.CI === undefined;
  }

  fileDone(path: string): void {
    this.filesDone++;
    this.bytesDone += this.sizes.get(path) ?? 0;
    this.inHand = 0;
    this.redraw();
  }

  /** Bytes read so far of a large file being scanned in this thread: the bar moves within it too. */
  fileProgress(bytes: number): void {
    this.inHand = bytes;
    this.redraw();
  }

  private redraw(): void {
    const now = Date.now();
    if (now - this.started < this.showAfterMs || now - this.lastDraw < this.redrawMs) return;
    this.lastDraw = now;
    this.draw();
  }

  private draw(): void {
    // A file may have grown since it was sized: never past the whole.
    const done = Math.min(this.bytesDone + this.inHand, this.totalBytes);
    const ratio = this.totalBytes > 0 ? done / this.totalBytes : this.total ? this.filesDone / this.total : 1;
    const filled = Math.min(WIDTH, Math.round(ratio * WIDTH));
    const l = LABEL[this.lang];
    const mb = (n: number) => (n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0);
    const line = `${l.scanning} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${Math.floor(ratio * 100)}%  ${this.filesDone}/${this.total} ${l.files}  ${mb(done)}/${mb(this.totalBytes)} MB`;
    this.write(`\r${line}\x1b[K`);
    this.shown = true;
  }

  /** Erases the bar (at the end, and before anything else is written to the terminal). */
  clear(): void {
    if (!this.shown) return;
    this.write('\r\x1b[K');
    this.shown = false;
  }

  private write(s: string): void {
    try {
      writeSync(this.fd, s);
    } catch {
      // a closed terminal is no reason to fail a scan
    }
  }
}

/** A report Output that erases the progress bar before its bytes reach the terminal. */
export class ProgressOutput extends Output {
  bar?: ProgressBar;

  override flush(): void {
    this.bar?.clear();
    super.flush();
  }
}
