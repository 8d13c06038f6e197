#!/usr/bin/env node
// Everything the Electron app loads, in one place, so `npm run build` cannot leave a
// part out again (issue 12, item 12: it made dist/app/main but not the preload bundle
// main.ts loads, nor the renderer): tsc's dist/ (main, core, api), the sandboxed
// preload as one CommonJS bundle, the React renderer (Vite, vite.config.ts), and the
// installed `tokendesk` bin's bundle.
//
//   node scripts/build-app.mjs [part …] [--out DIR]
//
// parts: ts, cli, sdk, preload, renderer (default: all). --out builds into another dist
// directory (the package content test builds a throwaway copy, not the checkout's).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build as esbuild } from 'esbuild';
import { buildCli } from './build-cli.mjs';
import { buildSdk } from './build-sdk.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
export const APP_PARTS = ['ts', 'cli', 'sdk', 'preload', 'renderer'];

/** Where main.ts finds each part, relative to the dist directory. */
export const APP_LAYOUT = {
  main: 'app/main/main.js',
  preload: 'app/preload/preload.cjs',
  renderer: 'renderer',
};

const builders = {
  ts(out) {
    const tsc = require.resolve('typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out], { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`tsc failed (exit ${run.status ?? run.signal})`);
  },
  cli: (out) => buildCli(join(out, 'cli', 'bundle')),
  sdk: (out) => buildSdk(join(out, 'sdk', 'tokendesk-portal.js')),
  // A sandboxed preload cannot load modules of its own: one CommonJS file, electron external.
  preload: (out) =>
    esbuild({
      absWorkingDir: root,
      entryPoints: ['src/app/preload/preload.ts'],
      outfile: join(out, APP_LAYOUT.preload),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron'],
      logLevel: 'warning',
    }),
  async renderer(out) {
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: join(out, APP_LAYOUT.renderer), emptyOutDir: true } });
  },
};

export async function buildApp(parts = APP_PARTS, out = join(root, 'dist')) {
  for (const part of parts) {
    if (!Object.hasOwn(builders, part)) throw new Error(`unknown part "${part}" (one of ${APP_PARTS.join(', ')})`);
  }
  for (const part of parts) await builders[part](resolve(out));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
  await buildApp(positionals.length ? positionals : APP_PARTS, values.out);
}
