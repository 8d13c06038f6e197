#!/usr/bin/env node
// Forgets, in a StrykerJS incremental file, the kills made only by tests that failed
// on their own (scripts/mutation-isolation.mjs lists them): the next incremental run
// tests those mutants again instead of reusing a kill that proves nothing. Stryker
// itself reuses a kill whenever the killing test's text did not change — also when
// the test was fixed by changing a hook or a helper outside it.
//
//   node scripts/mutation-forget-kills.mjs reports/mutation/stryker-incremental.json 'file.test.ts::name part' …
//
// Each argument after the file is `test file (or part of its path)::part of the test's name`.
import { readFileSync, writeFileSync } from 'node:fs';

const [incrementalFile, ...patterns] = process.argv.slice(2);
if (!incrementalFile || patterns.length === 0) {
  process.stderr.write("usage: mutation-forget-kills.mjs <stryker-incremental.json> 'file::name part' …\n");
  process.exit(2);
}
const matchers = patterns.map((pattern) => {
  const [file, name = ''] = pattern.split('::');
  return { file, name };
});

const report = JSON.parse(readFileSync(incrementalFile, 'utf8'));
const suspect = new Set();
for (const [file, { tests }] of Object.entries(report.testFiles ?? {})) {
  for (const test of tests) {
    if (matchers.some((m) => file.includes(m.file) && test.name.includes(m.name))) suspect.add(test.id);
  }
}
let forgotten = 0;
for (const [file, entry] of Object.entries(report.files)) {
  const before = entry.mutants.length;
  entry.mutants = entry.mutants.filter((mutant) => !(mutant.status === 'Killed' && mutant.killedBy?.length && mutant.killedBy.every((id) => suspect.has(id))));
  if (entry.mutants.length !== before) process.stdout.write(`${file}: ${before - entry.mutants.length} kills forgotten\n`);
  forgotten += before - entry.mutants.length;
}
writeFileSync(incrementalFile, JSON.stringify(report));
process.stdout.write(`${suspect.size} tests matched; ${forgotten} kills forgotten, to be tested again.\n`);
