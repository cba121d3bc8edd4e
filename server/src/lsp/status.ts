import type { Engine } from '../engine/engine';
import type { Lang } from '../l10n/messages';
import type { Tally } from './columns';
import type { DocState } from './documentStore';

/** Server → client after each publish: what the language status item shows for a document. */
export const STATUS_NOTIFICATION = 'sdguard/status';

export interface DocumentStatus {
  uri: string;
  /** All findings, not only the published (capped) ones, by type, most first. */
  total: number;
  byType: { ruleId: string; name: string; count: number }[];
  /** When the findings were last complete (ISO time). */
  scannedAt: string;
  tooLarge: boolean;
  /** The workspace is not trusted: only the built-in rules run. */
  restricted: boolean;
}

/** `tally`: the findings as the publish counted them; none for a document the gate leaves out. */
export function documentStatus(state: DocState, engine: Engine, lang: Lang, restricted: boolean, tally: Tally | undefined): DocumentStatus {
  const byType = tally
    ? engine.rules
        .map((r, i) => ({ ruleId: r.id, name: r.name[lang], count: tally.byRule[i] }))
        .filter((c) => c.count > 0)
        .sort((a, b) => b.count - a.count)
    : [];
  return { uri: state.uri, total: tally ? state.findings.length : 0, byType, scannedAt: new Date().toISOString(), tooLarge: state.tooLarge, restricted };
}
