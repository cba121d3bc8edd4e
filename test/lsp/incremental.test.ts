import { strict as assert } from 'node:assert';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../support/lspClient';
import { makeRng, randInt, type Rng } from '../support/synth';
import { apply, pyFile, randomCsvEdit, randomPyEdit, toChange, type Edit } from './edits';
import { expectedDiagnostics, payrollCsv, sparsePayrollCsv, summarize } from './fixtures';

describe('incremental re-scans (real LSP client)', function () {
  this.timeout(120_000);
  let client: TestLspClient;

  beforeEach(async () => {
    client = new TestLspClient();
    await client.initialize('en');
  });
  afterEach(async () => client.dispose());

  /** Edits one at a time; after each, the published diagnostics must equal a full scan's. */
  async function editAndCompare(uri: string, languageId: string, text: string, steps: number, seed: number, next: (rng: Rng, text: string) => Edit): Promise<string[]> {
    const rng = makeRng(seed);
    client.open(uri, languageId, text);
    await client.diagnostics(uri);
    const kinds: string[] = [];
    for (let step = 0; step < steps; step++) {
      // One edit, or two or three in one notification (each relative to the text the previous left).
      const count = rng() < 0.2 ? randInt(rng, 2, 3) : 1;
      const changes: TextDocumentContentChangeEvent[] = [];
      for (let c = 0; c < count; c++) {
        const e = next(rng, text);
        kinds.push(e.kind);
        changes.push(toChange(text, e));
        text = apply(text, e);
      }
      client.change(uri, changes);
      assert.equal(client.text(uri), text);
      const got = await client.diagnostics(uri);
      assert.deepEqual(summarize(got), expectedDiagnostics(uri, languageId, text), `step ${step} (${kinds.slice(-count).join(', ')})`);
    }
    return kinds;
  }

  for (const seed of [11, 12, 13]) {
    it(`CSV: after each of 40 random edits (seed ${seed}), the diagnostics equal a fresh full scan`, async () => {
      const uri = `file:///tmp/sdguard-lsp/inc-${seed}.csv`;
      const kinds = await editAndCompare(uri, 'csv', payrollCsv(40, seed), 40, seed, randomCsvEdit);
      // The random walk covered what matters: header edits, directives, line breaks in values.
      for (const k of ['header', 'directive', 'break', 'digit', 'delete']) assert.ok(kinds.includes(k), `no ${k} edit in ${kinds.join(' ')}`);
      // And a server that opens the final text fresh publishes exactly the same.
      const fresh = `file:///tmp/sdguard-lsp/inc-${seed}-fresh.csv`;
      client.open(fresh, 'csv', client.text(uri));
      assert.deepEqual(await client.diagnostics(fresh), client.latest.get(uri)!.diagnostics);
    });
  }

  it('Python: random edits with comment directives match a full scan after each', async () => {
    await editAndCompare('file:///tmp/sdguard-lsp/inc.py', 'python', pyFile(5), 40, 5, randomPyEdit);
  });

  it('a burst of edits without waiting ends with the diagnostics of the final text', async () => {
    const uri = 'file:///tmp/sdguard-lsp/burst.csv';
    const rng = makeRng(99);
    let text = payrollCsv(40, 99);
    client.open(uri, 'csv', text);
    await client.diagnostics(uri);
    for (let i = 0; i < 30; i++) {
      const e = randomCsvEdit(rng, text);
      client.change(uri, [toChange(text, e)]);
      text = apply(text, e);
    }
    assert.deepEqual(summarize(await client.diagnostics(uri)), expectedDiagnostics(uri, 'csv', text));
  });

  it('edits that arrive while a large file is still being scanned land exactly', async () => {
    client.settings = { enable: true, run: 'onType', maxDiagnostics: 100_000 };
    const uri = 'file:///tmp/sdguard-lsp/scanning.csv';
    const rng = makeRng(3);
    let text = sparsePayrollCsv(3_000_000);
    client.open(uri, 'csv', text);
    // Each hover is answered between two slices of the scan, so the edits interleave with it:
    // before, across and beyond its frontier.
    for (let i = 0; i < 12; i++) {
      const e = randomCsvEdit(rng, text, false);
      client.change(uri, [toChange(text, e)]);
      text = apply(text, e);
      await client.hover(uri, { line: 1, character: 5 });
    }
    const got = await client.diagnostics(uri, () => true, 60_000);
    const want = expectedDiagnostics(uri, 'csv', text);
    assert.equal(got.length, want.length);
    assert.deepEqual(summarize(got), want);
  });
});
