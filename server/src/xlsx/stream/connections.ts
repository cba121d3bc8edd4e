// The workbook's data connections (`xl/connections.xml`): where a query table or a pivot table
// gets its data. What was typed to set one up travels with the file: a web query's address
// (`https://hr.example/staff?id=…`), a database query's command (`… WHERE id_card='…'`), a
// parameter's value, the file a text import read (`D:\工资\张三_…csv`), a description.
import { parseXml } from './xml';
import type { ZipParts } from './zipParts';

/**
 * Calls `onText` with each attribute value of a connection and of what it holds (its database,
 * web, text or OLAP settings, its parameters), with the connection's name. Enumerations and
 * numbers among them hold nothing a rule finds, so none is singled out.
 */
export async function readConnections(zip: ZipParts, part: string, onText: (connection: string, text: string) => void): Promise<void> {
  let connection: string | undefined;
  await parseXml(await zip.stream(part), {
    open(name, a) {
      if (name === 'connection') connection = a.name ?? '';
      if (connection === undefined) return;
      for (const value of Object.values(a)) if (value) onText(connection, value);
    },
    close(name) {
      if (name === 'connection') connection = undefined;
    },
  }, part);
}
