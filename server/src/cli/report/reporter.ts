import type { FileResult, ReportedFinding } from '../scanFile';

export interface Totals {
  scanned: number;
  filesWithFindings: number;
  findings: number;
  skipped: { path: string; reason: string }[];
  errors: { path: string; message: string }[];
}

/**
 * A report format, fed in file order as the scan goes: each finding as it is found, then the
 * file's result, then the totals. Formats write through an Output, so nothing is held in memory.
 */
export interface Reporter {
  /** Whether the format needs each finding described (positions, masked value, message). */
  readonly detail: boolean;
  /**
   * Whether the format writes each finding's message itself, from its rule, confidence and masked
   * value (findingMessageParts): the scan then leaves `message` empty, building no string per finding.
   */
  readonly composesMessage?: boolean;
  finding(path: string, f: ReportedFinding): void;
  fileDone(result: FileResult): void;
  end(totals: Totals): void;
}
