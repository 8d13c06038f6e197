#!/usr/bin/env node
// The installed `tokendesk` (bin/tokendesk.cjs) runs this build, not tsc's dist/cli/:
//
//   dist/cli/bundle/cli.cjs          src/cli and the src/core (and src/server) it uses, one
//                                    CommonJS file; each command's `import()` stays lazy (a
//                                    module is initialized when a command first needs it),
//                                    so `tokendesk info` still runs nothing of the CA server
//   dist/cli/bundle/cli.cjs.v8cache  V8's code cache for it, made by one run of `info`
//   dist/cli/bundle/tokendesk.cjs    the start (src/cli/bundle-start.ts): compiles cli.cjs
//                                    with that cache
//
// Why one CommonJS file and a code cache (test/bench, device-info): loading ~75 compiled
// files one by one was most of `tokendesk info`'s start; an ES module bundle split into
// chunks still cost Node 20's ES module loader ~20 ms (resolve, read, link per chunk) and
// a full compile every run, which Node 20 cannot cache for ES modules.
//
// Packages stay in node_modules (external) — the native addons (pkcs11js,
// better-sqlite3) must, and the server's packages resolve files at run time — except
// commander, which every command loads first, and node-forge (pure JavaScript), whose
// ASN.1 part writes the CSR of `store`: from node_modules that was ~4 ms of resolving and
// compiling five files per run (src/core/x509/asn1.ts now loads it on the first write,
// so `info` does not).
//
// Minified (whitespace, syntax and local names; function and class names kept, since
// error names reach users' messages): every start reads the whole bundle and builds
// one string of it, ~3.5 ms per MB each on session 10's machine. 1,034 KB became 624 KB,
// and `info`'s module loading went down ~7 ms (test/bench, device-info; docs/benchmarks.md).
// Stack traces point into long lines; cli.cjs.map beside it maps them back.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE_DIR = join(root, 'dist/cli/bundle');
const BUNDLED_PACKAGES = ['commander', 'node-forge'];

/**
 * commander requires node:child_process at load only to run executable subcommands,
 * which tokendesk does not have; loading it (with net, dgram …) costs every start
 * ~6 ms. It is required the first time commander actually uses it.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(plugin) {
    plugin.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      loader: 'js',
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
    }));
  },
};

/**
 * src/ loads CommonJS packages with `createRequire(import.meta.url)` (an `import` of
 * CommonJS costs Node's export scan under tsx and tsc's dist/). Inside this CommonJS
 * bundle that is the bundle's own `require`: written so, esbuild sees what is required
 * and bundles it (node-forge) or keeps it external (pkcs11js) like any other require.
 */
const ownRequire = {
  name: 'own-require',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('createRequire(import.meta.url)')) return undefined;
      // `const forgeRequire = createRequire(import.meta.url); forgeRequire('…')`: esbuild follows only require('…').
      const alias = /const (\w+) = createRequire\(import\.meta\.url\);/u.exec(source)?.[1];
      let contents = source.replaceAll('createRequire(import.meta.url)', 'require');
      if (alias) contents = contents.replace(new RegExp(`\\b${alias}\\(`, 'gu'), 'require(');
      return { contents, loader: 'ts' };
    });
  },
};

export async function buildCli(outdir = CLI_BUNDLE_DIR) {
  const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const bundle = join(outdir, 'cli.cjs');
  const { outputFiles } = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outfile: bundle,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: Object.keys(dependencies).filter((name) => !BUNDLED_PACKAGES.includes(name)),
    // What the ES modules read from import.meta, as the bundle's own location; the URL
    // only when read (building it at start was ~1 ms of node:url).
    banner: { js: "var __importMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; }, dirname: __dirname, filename: __filename };" },
    define: { 'import.meta': '__importMeta' },
    // A command's `import()` of a package becomes a require() when the command runs.
    supported: { 'dynamic-import': false },
    plugins: [lazyChildProcess, ownRequire],
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: true,
    keepNames: true,
    sourcemap: true,
    logLevel: 'warning',
    write: false,
  });
  for (const file of outputFiles) {
    // main.ts's #! line would be a syntax error inside CommonJS's wrapper; an empty line keeps the source map's lines.
    writeFileSync(file.path, file.path === bundle ? asciiOnly(file.text.replace(/^#![^\n]*/u, '')) : file.contents);
  }
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/bundle-start.ts'],
    outfile: join(outdir, 'tokendesk.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    define: { 'import.meta.dirname': '__dirname' },
    logLevel: 'warning',
  });
  writeCodeCache(outdir);
}

/**
 * The bundle with every character outside ASCII written as a \u escape. esbuild
 * escapes strings, but leaves comments, regular expressions and tagged templates (the
 * portal's html`…`) as they are; one em dash makes V8 hold the whole ~1 MB source as
 * UTF-16 and decode it so at every start (~3 ms CPU of `info`, test/bench). An escape
 * means the same character everywhere except in a tagged template's `raw` strings:
 * the one tag here (html, src/server/portal/http/html.ts) reads the cooked ones, and
 * String.raw, which reads raw, is refused. (The source map's columns after an escape
 * on the same line are off by its length: comments and Japanese text only.)
 */
function asciiOnly(code) {
  if (code.includes('String.raw')) throw new Error('the CLI bundle uses String.raw: escaping its non-ASCII text would change what it reads');
  // Per UTF-16 unit: a character beyond the BMP becomes its surrogate pair, which a
  // string, template and regular expression (with or without the u flag) read as it.
  return code.replace(/[^\0-\x7f]/gu, (char) => [...Array(char.length).keys()].map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
}

/**
 * One `tokendesk info` against a library that does not exist — argument parsing, the
 * PIN read, the device read up to its failure, the catalogue's message — compiles what
 * `info` and `diagnose` run; the start writes V8's cache of it as the process ends.
 */
function writeCodeCache(outdir) {
  const env = { ...process.env, TOKENDESK_WRITE_CODE_CACHE: '1' };
  // V8 rejects a cache made under other flags: make it under none, as the bin runs.
  delete env.NODE_OPTIONS;
  const run = spawnSync(process.execPath, [join(outdir, 'tokendesk.cjs'), 'info', '--module', join(outdir, 'no-such-pkcs11.so'), '--pins-from-stdin', '--json', '--lang', 'en'], {
    cwd: root,
    env,
    input: 'code-cache-run\n',
    encoding: 'utf8',
  });
  const cache = join(outdir, 'cli.cjs.v8cache');
  if (run.status !== 1 || !run.stderr.includes('TD-') || !existsSync(cache)) {
    throw new Error(`the CLI bundle's code-cache run did not end as expected (exit ${run.status ?? run.signal}): ${run.stderr}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildCli(process.argv[2]);
