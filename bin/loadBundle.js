'use strict';
// Loads a CommonJS bundle of dist/ as require would, with the V8 code cache the build wrote beside
// it (`<bundle>.cache`, scripts/code-cache.cjs): V8 then reads the compiled functions a run needs
// instead of parsing and compiling them again, about 20 ms of the 140 a scan of a few files took.
// Node 20 has no compile cache of its own (module.enableCompileCache came with Node 22).
//
// V8 refuses a cache made by another V8 (another Node) or with other flags, but takes one made
// from another source of the same length; so the cache starts with the SHA-256 of the source it
// was made from, and any other source is compiled as require would.
const { createHash } = require('node:crypto');
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');
const vm = require('node:vm');

const DIGEST = 32;
/** Each bundle's script and source digest, for saveBundleCache. */
const loaded = new Map();

const cacheOf = (file) => `${file}.cache`;

/** The exports of the bundle at `file` (an absolute path). */
function loadBundle(file) {
  const bytes = readFileSync(file);
  const digest = createHash('sha256').update(bytes).digest();
  let cachedData;
  try {
    const cache = readFileSync(cacheOf(file));
    if (cache.length > DIGEST && cache.subarray(0, DIGEST).equals(digest)) cachedData = cache.subarray(DIGEST);
  } catch {
    // No cache (a build without one, or a copy of the bundle alone): compile.
  }
  // Node's own module wrapper, on the bundle's first line: stack traces keep their line numbers.
  const source = `(function (exports, require, module, __filename, __dirname) { ${bytes.toString('utf8')}\n});`;
  const script = new vm.Script(source, { filename: file, cachedData });
  loaded.set(file, { script, digest });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dirname(file));
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  return mod.exports;
}

/**
 * Writes the code cache of a bundle loaded by loadBundle in this process: every function it has
 * compiled so far goes in, so the build calls this after a representative run.
 */
function saveBundleCache(file) {
  const bundle = loaded.get(file);
  if (!bundle) throw new Error(`saveBundleCache: ${file} was not loaded by loadBundle`);
  writeFileSync(cacheOf(file), Buffer.concat([bundle.digest, bundle.script.createCachedData()]));
}

module.exports = { loadBundle, saveBundleCache };
