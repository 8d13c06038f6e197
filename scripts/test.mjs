#!/usr/bin/env node
// `npm test`: vitest (unit, integration, fuzz), then the Playwright e2e suite in
// Debian's Chromium, ending with one plain closing line — "N passed, N failed,
// N skipped" over both — that any CI can read. Arguments go to vitest only;
// TOKENDESK_SKIP_E2E=1 leaves the browser suite out (for a quick local run; CI never sets it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function runVitest() {
  const report = 'test-results/vitest.json';
  rmSync(report, { force: true });
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  const result = readJson(report);
  if (!result) return { passed: 0, failed: 1, skipped: 0, code: run.status ?? 1 };
  // A file that failed to load counts as a failure even when none of its tests ran.
  const unloaded = result.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  return {
    passed: result.numPassedTests,
    failed: result.numFailedTests + unloaded,
    skipped: result.numPendingTests + result.numTodoTests,
    code: run.status ?? 1,
  };
}

function runPlaywright() {
  const report = 'test-results/playwright.json';
  rmSync(report, { force: true });
  const run = spawnSync('npx', ['playwright', 'test'], { stdio: 'inherit' });
  const stats = readJson(report)?.stats;
  if (!stats) return { passed: 0, failed: 1, skipped: 0, code: run.status ?? 1 };
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped, code: run.status ?? 1 };
}

const suites = [runVitest()];
if (process.env.TOKENDESK_SKIP_E2E !== '1' && process.argv.length <= 2) suites.push(runPlaywright());

const total = suites.reduce((sum, s) => ({ passed: sum.passed + s.passed, failed: sum.failed + s.failed, skipped: sum.skipped + s.skipped }), { passed: 0, failed: 0, skipped: 0 });
const broken = suites.some((s) => s.code !== 0);
if (broken && total.failed === 0) total.failed = 1;
process.stdout.write(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(broken || total.failed > 0 ? 1 : 0);
