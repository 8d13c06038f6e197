/**
 * A bench's code compiled as TokenDesk ships its own: one esbuild bundle, packages left
 * in node_modules, names not kept — as scripts/build-cli.mjs and build-app.mjs build the
 * CLI, the app and the agent. tsx, which runs the benches, compiles with esbuild's
 * keepNames: each named function or closure made at run time goes through a __name()
 * helper that redefines its `name` (Object.defineProperty), which the shipped code never
 * pays, and which falls unevenly on the two sides of a ratio.
 */
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** Bundles `entry` (relative to the repository) into dist/bench/`name`.mjs and imports it. */
export async function importCompiled<T>(entry: string, name: string): Promise<T> {
  const outfile = join(REPO_ROOT, 'dist/bench', `${name}.mjs`);
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return (await import(pathToFileURL(outfile).href)) as T;
}
