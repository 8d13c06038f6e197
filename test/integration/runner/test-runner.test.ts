/**
 * scripts/test.mjs (`npm test`) run for real on tiny throwaway projects: its
 * closing line must never claim more than what ran. A file whose beforeAll throws
 * is a failure (vitest 4 reports its tests as skipped); a run where nothing passed
 * is a failure; a run without the e2e suite says so; a Playwright suite's counts
 * join vitest's.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/ca-server.js';

const RUNNER = join(REPO_ROOT, 'scripts/test.mjs');
const projects: string[] = [];
afterAll(() => {
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

/** A project with these files (path → text), the repository's node_modules linked in. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-runner-'));
  projects.push(dir);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(join(dir, 'vitest.config.mjs'), "export default { test: { include: ['test/**/*.test.mjs'] } };\n");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, dirname(path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The runner in `dir`, with none of this vitest run's own variables leaking in. */
function runRunner(dir: string, args: string[] = [], env: Record<string, string> = { TOKENDESK_SKIP_E2E: '1' }) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|TOKENDESK_SKIP_E2E$|NODE_OPTIONS$)/u.test(key)));
  const run = spawnSync(process.execPath, [RUNNER, ...args], { cwd: dir, env: { ...clean, ...env, CI: '' }, encoding: 'utf8', timeout: 120_000 });
  const lines = run.stdout.trimEnd().split('\n');
  return { code: run.status, closing: lines.at(-1) ?? '', notes: lines.filter((line) => line.startsWith('note: ')), output: run.stdout + run.stderr };
}

const passing = "import { it, expect } from 'vitest';\nit('adds', () => expect(1 + 1).toBe(2));\nit('concatenates', () => expect('a' + 'b').toBe('ab'));\n";

describe('scripts/test.mjs', () => {
  it('all passing: exit 0, the counts, and a note that the e2e suite was left out', () => {
    const run = runRunner(project({ 'test/ok.test.mjs': passing }));
    expect(run.closing, run.output).toBe('2 passed, 0 failed, 0 skipped');
    expect(run.code).toBe(0);
    expect(run.notes).toEqual(['note: e2e (Playwright) not run: TOKENDESK_SKIP_E2E=1']);
  });

  it('each file whose beforeAll throws is a failure, though vitest calls its tests skipped', () => {
    const setupFails = "import { beforeAll, it, expect } from 'vitest';\nbeforeAll(() => { throw new Error('no token'); });\nit('one', () => expect(1).toBe(1));\nit('two', () => expect(2).toBe(2));\n";
    const run = runRunner(project({ 'test/ok.test.mjs': passing, 'test/setup-fails.test.mjs': setupFails, 'test/setup-fails-too.test.mjs': setupFails }));
    expect(run.code, run.output).toBe(1);
    expect(run.closing).toBe('2 passed, 2 failed, 0 skipped');
    expect(run.notes.filter((note) => note.includes('failed before its tests ran'))).toHaveLength(2);
  });

  it('a file that does not load is a failure', () => {
    const run = runRunner(project({ 'test/ok.test.mjs': passing, 'test/broken.test.mjs': "import { nothing } from './missing.mjs';\n" }));
    expect(run.code, run.output).toBe(1);
    expect(run.closing).toBe('2 passed, 1 failed, 0 skipped');
  });

  it('everything skipped: no test passed, so the run fails', () => {
    const run = runRunner(project({ 'test/skipped.test.mjs': "import { it } from 'vitest';\nit.skip('one', () => {});\nit.skip('two', () => {});\n" }));
    expect(run.code, run.output).toBe(1);
    expect(run.closing).toBe('0 passed, 1 failed, 2 skipped');
    expect(run.notes).toContain('note: no test passed: a run that proves nothing counts as failed');
  });

  it('a failing test fails the run', () => {
    const run = runRunner(project({ 'test/red.test.mjs': "import { it, expect } from 'vitest';\nit('red', () => expect(1).toBe(2));\n" }));
    expect(run.code, run.output).toBe(1);
    expect(run.closing).toBe('0 passed, 1 failed, 0 skipped');
  });

  it('arguments go to vitest only, and the closing output says the e2e suite did not run', () => {
    const dir = project({ 'test/ok.test.mjs': passing, 'test/red.test.mjs': "import { it, expect } from 'vitest';\nit('red', () => expect(1).toBe(2));\n" });
    const run = runRunner(dir, ['test/ok.test.mjs'], {});
    expect(run.closing, run.output).toBe('2 passed, 0 failed, 0 skipped');
    expect(run.code).toBe(0);
    expect(run.notes).toEqual(['note: e2e (Playwright) not run: arguments were given (they go to vitest only)']);
  });

  it('without arguments the Playwright suite runs and its counts join the closing line', () => {
    const dir = project({
      'test/ok.test.mjs': passing,
      'playwright.config.mjs':
        "export default { testDir: 'e2e', reporter: [['json', { outputFile: 'test-results/playwright.json' }]], outputDir: 'test-results/playwright' };\n",
      // No page fixture: no browser is started.
      'e2e/plain.spec.mjs': "import { test, expect } from '@playwright/test';\ntest('plain', () => expect(3).toBe(3));\ntest.skip('later', () => {});\n",
    });
    const run = runRunner(dir, [], {});
    expect(run.closing, run.output).toBe('3 passed, 0 failed, 1 skipped');
    expect(run.code).toBe(0);
    expect(run.notes).toEqual([]);
  });
});
