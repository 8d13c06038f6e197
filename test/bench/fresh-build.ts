/**
 * A build of this checkout for a bench to measure, made first when it is missing or older
 * than a source it comes from. A bench of a stale build measures code that is no longer
 * there: the renderer bench once timed a build from before the font changes it was meant
 * to show (8 font look-ups and 7 strikes instead of 4 and 5; 2.46× a blank page, 2.00×
 * once rebuilt), and the CLI row only warned.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './compiled.js';

export interface BuildOutput {
  /** What the build makes, relative to the repository: its time says when it was built. */
  output: string;
  /** Files and folders it is made from (the work tree's, edits not yet committed included). */
  sources: readonly string[];
  /** The npm script that makes it. */
  npmScript: string;
}

/** The newest modification time among the tracked files under `sources`, as they are in the work tree. */
function newestSourceMs(sources: readonly string[]): number {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...sources], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  let newest = 0;
  for (const file of files) {
    try {
      newest = Math.max(newest, statSync(join(REPO_ROOT, file)).mtimeMs);
    } catch {
      // deleted in the work tree
    }
  }
  return newest;
}

export function isFresh(build: BuildOutput): boolean {
  const output = join(REPO_ROOT, build.output);
  return existsSync(output) && newestSourceMs(build.sources) <= statSync(output).mtimeMs;
}

/** Builds `build` unless it is fresh; says which it did. */
export function ensureFreshBuild(build: BuildOutput, log: (line: string) => void): 'fresh' | 'rebuilt' {
  if (isFresh(build)) return 'fresh';
  log(`${build.output} is missing or older than its sources: npm run ${build.npmScript}`);
  execFileSync('npm', ['run', '-s', build.npmScript], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!isFresh(build)) throw new Error(`npm run ${build.npmScript} did not leave ${build.output} newer than its sources`);
  return 'rebuilt';
}
