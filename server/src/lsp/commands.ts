import { WORKBOOK_COMMANDS } from './workbook';

/** Commands the server executes (workspace/executeCommand); arguments: [documentUri] (a workbook's URI for the workbook commands). */
export const SERVER_COMMANDS = {
  maskAll: 'sdguard.server.maskAll',
  redactAll: 'sdguard.server.redactAll',
  /** Any operator on a file or a selection: arguments [{ uri, mode, range? }]. */
  protect: 'sdguard.server.protect',
  /** What a mode would change in the whole workspace, by type: arguments [{ folders, mode }]. */
  planWorkspace: 'sdguard.server.planWorkspace',
  /** Apply it: open documents through the editor, other files atomically on disk. */
  applyWorkspace: 'sdguard.server.applyWorkspace',
  /** NAME.redacted.EXT beside a text file: arguments [{ uri, mode }]. */
  exportRedactedCopy: 'sdguard.server.exportRedactedCopy',
  /** The open table's columns with findings, for a pick list. */
  sensitiveColumns: 'sdguard.server.sensitiveColumns',
  ...WORKBOOK_COMMANDS,
} as const;
