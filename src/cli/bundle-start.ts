/**
 * The installed `tokendesk`'s first module: bin/tokendesk.cjs requires it as
 * dist/cli/bundle/tokendesk.cjs, and it runs the CLI bundle beside it (cli.cjs,
 * scripts/build-cli.mjs) with the V8 code cache the build made for that bundle.
 *
 * Why not just import an ES module bundle, as before: Node 20 resolves, reads and
 * compiles each ES module on its own, and keeps no compiled code between runs, so
 * loading what `tokendesk info` runs cost more than Node's own start (test/bench,
 * device-info). One CommonJS file compiled through node:vm can take V8's code cache
 * (bytecode of the functions a build-time run compiled), which Node 20 offers for
 * nothing else (`module.enableCompileCache` is Node 22's). A cache V8 rejects (another
 * Node version or V8 flags) is ignored: the bundle is then compiled from source, as
 * any script is. Everything here is CommonJS, the bin too: an ES module anywhere on
 * the way starts Node's ES module loader, ~4 ms of every run.
 *
 * The cache is only ever read from the bundle's own directory, written there by the
 * build (TOKENDESK_WRITE_CODE_CACHE=1) — never from a shared temp directory, where
 * another local user could plant bytecode in a process that reads PINs.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const bundle = join(import.meta.dirname, 'cli.cjs');
const codeCache = `${bundle}.v8cache`;

let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(codeCache);
} catch {
  // No cache built (or not readable): compile from source.
}
// CommonJS's own wrapper, on the bundle's first line, so stack traces keep its line numbers.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`, {
  filename: bundle,
  ...(cachedData ? { cachedData } : {}),
});
if (process.env.TOKENDESK_DEBUG === '1') process.stderr.write(`code cache: ${!cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used'}\n`);
if (process.env.TOKENDESK_WRITE_CODE_CACHE === '1') {
  // After the build's run, so the cache holds what that run compiled, not only the top level.
  process.once('exit', () => {
    writeFileSync(`${codeCache}.tmp`, script.createCachedData());
    renameSync(`${codeCache}.tmp`, codeCache);
  });
}
const module = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
