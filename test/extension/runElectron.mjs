#!/usr/bin/env node
// Runs the extension-host suite (test/extension/suite.ts) in a desktop VS Code downloaded by
// @vscode/test-electron (2.5.x: the last line that runs on Node 20). It cannot run on machines
// without access to update.code.visualstudio.com, such as our CI; there use runCodeServer.mjs.
//   npm run build && node test/extension/runElectron.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(import.meta.dirname, '..', '..');
const suite = path.join(root, '.cache', 'ext-tests', 'suite.js');
await build({ entryPoints: [path.join(root, 'test', 'extension', 'suite.ts')], outfile: suite, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning' });
const ws = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sdguard-ext-tests-')), 'examples');
fs.cpSync(path.join(root, 'examples'), ws, { recursive: true });
try {
  await runTests({ extensionDevelopmentPath: root, extensionTestsPath: suite, launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust'] });
} catch (e) {
  console.error(`extension-host tests failed: ${e.message ?? e}`);
  process.exitCode = 1;
}
