#!/usr/bin/env node
// The installed `tokendesk` (bin/tokendesk.js) runs this bundle, not tsc's dist/cli/:
// loading ~75 compiled files one by one (resolve, read, compile, link each) was most
// of `tokendesk info`'s module loading (test/bench, device-info). esbuild puts src/cli
// and the src/core it uses into a few chunks; each command's `import()` stays a
// separate chunk, so `tokendesk info` still loads nothing of the CA server.
//
// Packages stay in node_modules (external) — the native addons (pkcs11js,
// better-sqlite3) must, and the server's packages resolve files at run time — except
// commander, which every command loads first.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE_DIR = join(root, 'dist/cli/bundle');
const BUNDLED_PACKAGES = ['commander'];

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

export async function buildCli(outdir = CLI_BUNDLE_DIR) {
  const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: { tokendesk: 'src/cli/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    external: Object.keys(dependencies).filter((name) => !BUNDLED_PACKAGES.includes(name)),
    // The bundled CommonJS (commander) calls require(), which an ES module lacks.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [lazyChildProcess],
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildCli(process.argv[2]);
