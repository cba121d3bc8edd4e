import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync, unlinkSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineRanges, unquote } from '../../server/src/cli/git/changedLines';
import { runCli } from '../support/cli';
import { found, gitEnv as env, gitIn, initRepo, scanJson, type GitJsonReport as JsonReport } from '../support/gitRepo';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../support/synth';

describe('sdguard scan with git: --staged, --changed-since, --shard', function () {
  this.timeout(120_000);
  const rng = makeRng(9001);
  const id = () => synthResidentId(rng);
  let repo: string;
  const git = (...args: string[]) => gitIn(repo, ...args);
  const scan = (args: string[], cwd = repo) => runCli(['scan', ...args], { cwd, env });
  const json = (args: string[], cwd = repo): JsonReport => scanJson(args, cwd);
  const maskId = (v: string) => `${v[0]}${'*'.repeat(16)}${v[17]}`;

  const ids = Array.from({ length: 6 }, id);
  const card = synthBankCard(rng, 'visa', { length: 16 });

  beforeEach(() => {
    repo = initRepo('sdguard-git-');
    writeFileSync(join(repo, 'people.csv'), `姓名,身份证号\n甲,${ids[0]}\n乙,${ids[1]}\n`);
    mkdirSync(join(repo, 'src'));
    writeFileSync(join(repo, 'src', 'seed.ts'), `const a = '${ids[2]}';\nconst b = 1;\n`);
    writeFileSync(join(repo, '.sdguardignore'), 'fixtures/\n');
    mkdirSync(join(repo, 'fixtures'));
    writeFileSync(join(repo, 'fixtures', 'ok.csv'), `身份证号\n${ids[3]}\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'first');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  describe('--staged', () => {
    it('scans what the index holds, not the work tree, and reports work-tree paths', () => {
      // Staged: a new value on line 4. Then, unstaged, that line is removed and another value added.
      appendFileSync(join(repo, 'people.csv'), `丙,${ids[4]}\n`);
      git('add', 'people.csv');
      writeFileSync(join(repo, 'people.csv'), `姓名,身份证号\n甲,${ids[0]}\n乙,${ids[1]}\n丁,${ids[5]}\n戊,${card}\n`);
      // Changed but not staged: not part of the commit, not scanned.
      appendFileSync(join(repo, 'src', 'seed.ts'), `const c = '${ids[5]}';\n`);
      const r = json(['--staged']);
      assert.deepEqual(found(r), [`people.csv:2 cn-resident-id ${maskId(ids[0])}`, `people.csv:3 cn-resident-id ${maskId(ids[1])}`, `people.csv:4 cn-resident-id ${maskId(ids[4])}`]);
      assert.equal(r.summary.scanned, 1);
      // The work tree itself holds other values.
      assert.ok(found(json(['people.csv'])).includes(`people.csv:4 cn-resident-id ${maskId(ids[5])}`));
      // Text output and exit code; nothing staged, nothing to scan.
      const text = scan(['--staged']);
      assert.equal(text.status, 1);
      assert.match(text.stdout, /^people\.csv:4:3 {2}error {2}cn-resident-id/m);
      git('commit', '-q', '-m', 'second');
      const none = scan(['--staged']);
      assert.equal(none.status, 0, none.stdout);
      assert.match(none.stderr, /0 file\(s\) scanned/);
    });

    it('new, renamed and deleted-in-the-work-tree files; ignore files; paths; from a subfolder', () => {
      writeFileSync(join(repo, 'src', 'new.ts'), `// ${ids[4]}\n`);
      git('add', 'src/new.ts');
      unlinkSync(join(repo, 'src', 'new.ts')); // still in the index
      writeFileSync(join(repo, 'fixtures', 'more.csv'), `身份证号\n${ids[5]}\n`);
      git('add', 'fixtures/more.csv'); // staged, but .sdguardignore'd
      git('mv', 'src/seed.ts', 'src/renamed.ts');
      const r = json(['--staged']);
      assert.deepEqual(found(r), [`src/new.ts:1 cn-resident-id ${maskId(ids[4])}`, `src/renamed.ts:1 cn-resident-id ${maskId(ids[2])}`]);
      // A folder given narrows the scope; paths are relative to the working folder.
      const sub = json(['--staged', '.'], join(repo, 'src'));
      assert.deepEqual(found(sub), [`new.ts:1 cn-resident-id ${maskId(ids[4])}`, `renamed.ts:1 cn-resident-id ${maskId(ids[2])}`]);
      assert.deepEqual(found(json(['--staged', 'renamed.ts'], join(repo, 'src'))), [`renamed.ts:1 cn-resident-id ${maskId(ids[2])}`]);
      // A file named explicitly is scanned even if ignored, as without --staged.
      assert.deepEqual(found(json(['--staged', 'fixtures/more.csv'])), [`fixtures/more.csv:2 cn-resident-id ${maskId(ids[5])}`]);
    });
  });

  describe('--changed-since', () => {
    it('reports only findings on lines added or changed since REF, committed or not, and in untracked files', () => {
      // Second commit: one line changed, one added; an unchanged line keeps its value.
      writeFileSync(join(repo, 'people.csv'), `姓名,身份证号\n甲,${ids[0]}\n乙改,${ids[1]}\n丙,${ids[4]}\n`);
      git('commit', '-q', '-am', 'second');
      // Uncommitted: a line added to seed.ts (its old value is on an unchanged line), an untracked file.
      writeFileSync(join(repo, 'src', 'seed.ts'), `const a = '${ids[2]}';\nconst b = 1;\nconst c = '${card}';\n`);
      writeFileSync(join(repo, 'src', 'untracked.ts'), `const d = '${ids[5]}';\n`);
      const r = json(['--changed-since', 'HEAD~1']);
      assert.deepEqual(found(r).map((s) => s.replace(/ \S+$/, '')), ['people.csv:3 cn-resident-id', 'people.csv:4 cn-resident-id', 'src/seed.ts:3 bank-card', 'src/untracked.ts:1 cn-resident-id']);
      assert.equal(r.summary.findings, 4);
      // Since HEAD: the uncommitted changes only.
      assert.deepEqual(found(json(['--changed-since', 'HEAD'])).map((s) => s.replace(/ \S+$/, '')), ['src/seed.ts:3 bank-card', 'src/untracked.ts:1 cn-resident-id']);
      // With --staged: the index against REF (the untracked and unstaged changes are not in it).
      assert.deepEqual(found(json(['--changed-since', 'HEAD~1', '--staged'])).map((s) => s.replace(/ \S+$/, '')), ['people.csv:3 cn-resident-id', 'people.csv:4 cn-resident-id']);
      // A file only moved has no changed line.
      git('add', '-A');
      git('commit', '-q', '-m', 'third');
      renameSync(join(repo, 'people.csv'), join(repo, 'staff.csv'));
      git('add', '-A');
      const moved = json(['--changed-since', 'HEAD']);
      assert.deepEqual(found(moved), []);
    });

    it('an unknown revision or no repository is a usage error (exit 2)', () => {
      const r = scan(['--changed-since', 'no-such-branch']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /unknown revision "no-such-branch"/);
      const dash = scan(['--changed-since', '--output=x']);
      assert.equal(dash.status, 2);
      const outside = mkdtempSync(join(tmpdir(), 'sdguard-nogit-'));
      try {
        const n = runCli(['scan', '--staged'], { cwd: outside, env: { ...env, GIT_CEILING_DIRECTORIES: tmpdir() } });
        assert.equal(n.status, 2);
        assert.match(n.stderr, /not a git repository/i);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });

    it('reads hunks: ranges, quoted paths', () => {
      const lines = new LineRanges();
      lines.add(3, 5);
      lines.add(6, 6);
      lines.add(10, 12);
      assert.deepEqual(lines.bounds, [3, 6, 10, 12]);
      assert.deepEqual([2, 3, 6, 7, 9, 10, 12, 13].map((l) => lines.has(l)), [false, true, true, false, false, true, true, false]);
      assert.equal(unquote('b/plain name.csv'), 'b/plain name.csv');
      assert.equal(unquote('"b/tab\\there \\"q\\" \\303\\251.csv"'), 'b/tab\there "q" é.csv');
      assert.equal(unquote('"b/工资表.csv"'), 'b/工资表.csv');
    });
  });

  describe('--shard', () => {
    it('1/3, 2/3 and 3/3 partition the files exactly, the same on every run', () => {
      for (let i = 0; i < 24; i++) {
        mkdirSync(join(repo, `pkg${i % 5}`), { recursive: true });
        writeFileSync(join(repo, `pkg${i % 5}`, `f${i}.ts`), `export const m${i} = '${synthMobile(rng)}'; // 手机号\n`);
      }
      const all = json(['.', '--jobs', '1']);
      const paths = (r: JsonReport) => r.files.map((f) => f.path);
      const parts = ['1/3', '2/3', '3/3'].map((s) => json(['.', '--shard', s]));
      const union = parts.flatMap(paths);
      assert.deepEqual([...union].sort(), [...paths(all)].sort());
      assert.equal(new Set(union).size, union.length, 'a file is in two shards');
      assert.equal(
        parts.reduce((n, p) => n + p.summary.scanned, 0),
        all.summary.scanned,
      );
      for (const p of parts) assert.ok(p.summary.scanned > 0, 'an empty shard among 28 files');
      assert.deepEqual(paths(json(['.', '--shard', '2/3'])), paths(parts[1]));
      // With --changed-since, the changed files are split the same way.
      const changed = ['1/2', '2/2'].map((s) => json(['--changed-since', 'HEAD', '--shard', s]));
      assert.deepEqual(changed.flatMap(paths).sort(), paths(all).filter((p) => p.startsWith('pkg')).sort());
    });
  });
});
