import type { Spool } from '../../server/src/cli/spool';

/** A spool's lines, read back as the log and the dry run write them (its chunks), as strings. */
export function spoolLines(spool: Spool): string[] {
  const text = Buffer.concat([...spool.chunks()]).toString('utf8');
  return text === '' ? [] : text.slice(0, -1).split('\n');
}
