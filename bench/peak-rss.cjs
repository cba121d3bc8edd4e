// Runs the built CLI in this process and prints its peak RSS on stderr when it exits,
// so the benchmark can report memory without external tools.
process.on('exit', () => process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`));
require('../dist/cli.js').cli(process.argv.slice(2));
