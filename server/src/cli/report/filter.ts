import type { Severity } from '../../engine/types';
import type { FileResult, ReportedFinding } from '../scanFile';
import type { Reporter, Totals } from './reporter';

/** `--fail-on`: the least severity that makes the exit code 1. */
type FailOn = 'error' | 'warning' | 'info';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 1 };

interface FilterOptions {
  /** Whether to report a finding (changed lines, baseline); all when absent. */
  keep?: (path: string, f: ReportedFinding) => boolean;
  /** The severity of a rule (as configured: a project configuration may change it for the files under it). */
  severityOf: (ruleId: string, path: string) => Severity;
  /** Keep the baseline fingerprint on the findings passed on (the reporter writes a baseline). */
  keepBaselineFingerprints?: boolean;
  /** Called after each file, with its result (progress). */
  onFileDone?: (result: FileResult) => void;
}

/**
 * Sits in front of the format's reporter: leaves out the findings that are not to be reported
 * (in the baseline, not on a changed line) and takes them out of the file's counts too (so totals,
 * summaries and the exit code agree with what is shown), strips fingerprints the format does not
 * show, and tallies what is reported by severity for `--fail-on`.
 */
export class FilteringReporter implements Reporter {
  readonly detail: boolean;
  readonly composesMessage: boolean;
  /** Findings reported, by the rank of their severity (see RANK). */
  private readonly bySeverity = [0, 0, 0, 0];
  /** Per rule, findings of the current file left out. */
  private dropped = new Map<string, number>();

  constructor(
    private readonly inner: Reporter,
    private readonly options: FilterOptions,
  ) {
    this.detail = inner.detail || options.keep !== undefined;
    this.composesMessage = inner.composesMessage ?? false;
  }

  finding(path: string, f: ReportedFinding): void {
    if (this.options.keep && !this.options.keep(path, f)) {
      this.dropped.set(f.ruleId, (this.dropped.get(f.ruleId) ?? 0) + 1);
      return;
    }
    if (f.baselineFingerprint !== undefined && !this.options.keepBaselineFingerprints) {
      const { baselineFingerprint: _, ...shown } = f;
      this.inner.finding(path, shown);
    } else this.inner.finding(path, f);
  }

  fileDone(result: FileResult): void {
    if (this.dropped.size) {
      const counts: Record<string, number> = {};
      for (const [id, n] of Object.entries(result.counts)) {
        const left = n - (this.dropped.get(id) ?? 0);
        if (left > 0) counts[id] = left;
      }
      result.counts = counts;
      this.dropped = new Map();
    }
    for (const [id, n] of Object.entries(result.counts)) this.bySeverity[RANK[this.options.severityOf(id, result.path)] ?? 1] += n;
    this.inner.fileDone(result);
    this.options.onFileDone?.(result);
  }

  end(totals: Totals): void {
    this.inner.end(totals);
  }

  /** Whether a reported finding is at or above `level`. */
  failsAt(level: FailOn): boolean {
    const min = RANK[level];
    return this.bySeverity.some((n, rank) => rank >= min && n > 0);
  }
}
