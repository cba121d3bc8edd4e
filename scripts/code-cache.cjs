// Writes dist/cli.js.cache, the V8 code cache bin/sdguard.js loads the CLI with (bin/loadBundle.js),
// after a representative run: a scan of the examples (text, CSV and a workbook) in one thread,
// with V8's default flags (a pool of workers would change them, and V8 refuses a cache made with
// other flags). Its output is not wanted; its exit code is that of a scan with findings.
const { join } = require('node:path');
const { loadBundle, saveBundleCache } = require('../bin/loadBundle');

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli.js');
process.chdir(root);
process.on('exit', () => saveBundleCache(cli));
loadBundle(cli).cli(['scan', '--jobs', '1', '--no-config', 'examples']);
