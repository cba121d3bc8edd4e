import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../support/cli';
import { assertValidSarif } from '../support/sarif';
import { digitsOnlyId, makeRng } from '../support/synth';

interface Note {
  descriptor: { id: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } }; logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[] }[];
}

describe('whole-file notices of a workbook and of a CSV in every report format (CLI as a child process)', function () {
  this.timeout(60_000);
  const rng = makeRng(7331);
  /** An 18-digit ID (no X) typed into a General cell: Excel keeps 15 significant digits. */
  const numericIds = [digitsOnlyId(rng), digitsOnlyId(rng)];
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sdguard-notices-'));
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Sheet1');
    sheet.addRow(['姓名', '身份证号']);
    for (const id of numericIds) sheet.addRow(['某人', Number(id)]);
    await wb.xlsx.writeFile(join(dir, 'book.xlsx'));
    // The same damage in a CSV export (as Excel saves a General cell): the header cell is on line 1, column 4.
    writeFileSync(join(dir, 'export.csv'), '姓名,身份证号\na,1.10105E+17\nb,4.40301E+17\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('SARIF: a workbook column is a logical location (`Sheet1!B`), not line 1 of the .xlsx; a CSV column keeps its header cell', () => {
    const r = runCli(['scan', 'book.xlsx', 'export.csv', '--format', 'sarif'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assertValidSarif(log);
    const notes = log.runs[0].invocations[0].toolExecutionNotifications as Note[];
    const book = notes.filter((n) => n.locations[0].physicalLocation.artifactLocation.uri === 'book.xlsx');
    assert.equal(book.length, 1);
    assert.equal(book[0].descriptor.id, 'excel-mangled');
    assert.equal(book[0].locations[0].physicalLocation.region, undefined);
    assert.deepEqual(book[0].locations[0].logicalLocations, [{ name: 'B', fullyQualifiedName: 'Sheet1!B', kind: 'element' }]);
    const csv = notes.filter((n) => n.locations[0].physicalLocation.artifactLocation.uri === 'export.csv');
    assert.deepEqual(
      csv.map((n) => [n.descriptor.id, n.locations[0].physicalLocation.region, n.locations[0].logicalLocations]),
      [['excel-mangled', { startLine: 1, startColumn: 4 }, undefined]],
    );
  });

  it('text and github: the workbook column by sheet and letter, the CSV column at its header cell', () => {
    const text = runCli(['scan', 'book.xlsx', 'export.csv'], { cwd: dir });
    const notices = text.stdout.split('\n').filter((l) => l.includes('were damaged by Excel'));
    assert.deepEqual(
      notices.map((l) => l.split('  ').slice(0, 3).join(' ')),
      ['book.xlsx Sheet1!B warning excel-mangled', 'export.csv:1:4 warning excel-mangled'],
    );
    const github = runCli(['scan', 'book.xlsx', 'export.csv', '--format', 'github'], { cwd: dir });
    assert.deepEqual(
      github.stdout.split('\n').filter((l) => l.includes('were damaged by Excel')).map((l) => l.slice(0, l.indexOf('::', 2))),
      ['::warning file=book.xlsx,title=excel-mangled', '::warning file=export.csv,line=1,col=4,title=excel-mangled'],
    );
  });
});
