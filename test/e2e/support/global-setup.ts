/**
 * Before any e2e test: the renderer built fresh from the sources under test (the
 * bridge serves dist/renderer), the portal SDK (dist/sdk), and the eToken sim
 * built if a fresh clone lacks it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureSimBuilt } from '../../support/etoken-sim.js';
import { REPO_ROOT } from '../../support/ca-server.js';

export default function globalSetup(): void {
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  // The device module's browser SDK, as a CA serves it to its portal pages.
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-sdk.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  ensureSimBuilt();
}
