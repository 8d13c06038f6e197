#!/usr/bin/env node
// Runs each test of the mutation set (vitest.mutation.config.ts) on its own, as
// StrykerJS does: with coverageAnalysis 'perTest' a mutant is tested only by the tests
// that reach it, selected by name (vitest's testNamePattern) — the file's hooks run,
// the other tests of the file do not. A test that needs an earlier test's token state
// then fails for every mutant it covers, and Stryker counts each of those as killed:
// a score that is too high. Run this before trusting a mutation score; it prints the
// tests that fail alone and exits 1 if there are any.
//
//   node scripts/mutation-isolation.mjs [file-substring …]
//
// MUTATION_TESTS narrows the set as for the mutation run.
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const config = 'vitest.mutation.config.ts';
const only = process.argv.slice(2);

const listed = spawnSync(npx, ['vitest', 'list', '-c', config, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (listed.status !== 0) {
  process.stderr.write(listed.stderr);
  process.exit(2);
}
/** @type {{ name: string; file: string }[]} */
const tests = JSON.parse(listed.stdout).filter((test) => only.length === 0 || only.some((part) => test.file.includes(part)));

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const failing = [];
for (const [index, test] of tests.entries()) {
  const file = relative(process.cwd(), test.file);
  // vitest's list joins suite and test names with ' > '; testNamePattern matches them joined with ' '.
  const pattern = `^${escape(test.name.split(' > ').join(' '))}$`;
  const started = Date.now();
  const result = spawnSync(npx, ['vitest', 'run', '-c', config, file, '-t', pattern], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  // eslint-disable-next-line no-control-regex -- vitest colours its summary
  const summary = result.stdout.replace(/\x1b\[[0-9;]*m/g, '');
  const passed = result.status === 0 && /Tests\s+1 passed\b/.test(summary);
  process.stdout.write(`${passed ? 'ok  ' : 'FAIL'} ${index + 1}/${tests.length} ${seconds}s ${file} :: ${test.name}\n`);
  if (!passed) failing.push(`${file} :: ${test.name}`);
}
process.stdout.write(`\n${tests.length - failing.length} of ${tests.length} tests pass on their own.\n`);
if (failing.length > 0) {
  process.stdout.write(`Fail alone (each "kills" every mutant it covers):\n${failing.map((line) => `  ${line}`).join('\n')}\n`);
  process.exit(1);
}
