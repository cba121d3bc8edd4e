// Bundles the three entry points with esbuild and regenerates the rule pages.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { execFileSync, spawnSync } from 'node:child_process';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: false,
  logLevel: 'warning',
  define: { SDGUARD_VERSION: JSON.stringify(pkg.version) },
};

const started = Date.now();
// The built-in packs, parsed once: for the configuration schema and for dist/builtin-rules.json.
const packs = readdirSync('rules').filter((f) => /\.ya?ml$/.test(f)).sort().map((file) => ({ file, pack: parse(readFileSync(`rules/${file}`, 'utf8')) }));
// The project configuration's schema lists the built-in rules (completion in .sdguard.yaml); its
// validator is compiled here, so a CLI run with a .sdguard.yaml skips the schema compiler (~45 ms).
const configSchemaPath = 'schemas/sdguard-config.schema.json';
const configSchema = JSON.parse(readFileSync(configSchemaPath, 'utf8'));
const ruleSettings = Object.fromEntries(
  packs
    .flatMap(({ pack }) => pack.rules)
    .map((r) => [r.id, { $ref: '#/definitions/ruleSetting', description: `${r.name.en} / ${r.name['zh-CN']}` }]),
);
if (JSON.stringify(configSchema.properties.rules.properties) !== JSON.stringify(ruleSettings)) {
  configSchema.properties.rules.properties = ruleSettings;
  writeFileSync(configSchemaPath, `${JSON.stringify(configSchema, null, 2)}\n`);
}
const configAjv = new Ajv({ allErrors: true, strict: false, code: { source: true } });
const configValidator = standaloneCode(configAjv, configAjv.compile(configSchema));
await Promise.all([
  // The configuration validator, with the bits of ajv it needs (its name: PRECOMPILED_VALIDATOR in
  // server/src/config/loadConfig.ts; this script cannot import the TypeScript sources).
  build({ ...common, sourcemap: false, stdin: { contents: configValidator, resolveDir: '.', loader: 'js' }, outfile: 'dist/config-validator.js' }),
  // VS Code side: `vscode` is provided by the editor at run time.
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  // Scan workers: the engine alone, small to load (no YAML parser, schema validator or LSP).
  build({ ...common, entryPoints: ['server/src/cli/scanWorker.ts'], outfile: 'dist/scanWorker.js' }),
  // Workbooks (.xlsx): the zip and XML readers and writer in a bundle of their own, loaded by the others only when they meet one.
  build({ ...common, entryPoints: ['server/src/xlsx/index.ts'], outfile: 'dist/xlsx.js' }),
]);
// The built-in packs as JSON, so a CLI run skips the YAML parser and the schema compiler (its
// name: PRECOMPILED_RULES in server/src/engine/builtin.ts). The YAML itself is checked against
// the schema just below, when the rule pages are generated.
writeFileSync('dist/builtin-rules.json', JSON.stringify(packs));
// The rule pages come from the engine itself (masked examples use the real masking).
const pages = execFileSync(process.execPath, ['dist/cli.js', 'rules', 'docs', 'docs/rules'], { encoding: 'utf8' }).trim();
// The CLI's code cache, for this Node (see bin/loadBundle.js). The scan it runs finds the examples'
// values (exit 1); its output is thrown away.
const cached = spawnSync(process.execPath, ['scripts/code-cache.cjs'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (cached.status !== 1 || !existsSync('dist/cli.js.cache')) throw new Error(`scripts/code-cache.cjs: exit ${cached.status}, ${cached.stderr}`);
if (!watch) console.log(`build: dist/client.js dist/server.js dist/cli.js dist/xlsx.js; ${pages} (${Date.now() - started} ms)`);
