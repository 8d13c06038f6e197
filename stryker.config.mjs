// Mutation testing (`npm run test:mutation`): StrykerJS changes the code whose
// mistakes lose certificates or PIN tries, one small change at a time, and runs the
// tests that reach it; a change no test notices is a hole. Not part of `npm test`
// or CI (hours of CPU on 2 cores); the score and its date go in the README.
//
// STRYKER_MUTATE narrows the run (comma-separated globs), e.g.
//   STRYKER_MUTATE=src/core/pin/**/*.ts npm run test:mutation
// and the incremental file lets a stopped run resume where it was.
// STRYKER_REPORT_DIR (default reports/mutation) keeps two partial runs apart.
const scope = [
  'src/core/storage/**/*.ts',
  'src/core/pin/**/*.ts',
  'src/server/enrollment.ts',
  'src/server/storage-pin-check.ts',
  'src/core/pkcs11/token-session.ts',
];

const reports = process.env.STRYKER_REPORT_DIR ?? 'reports/mutation';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: process.env.STRYKER_MUTATE ? process.env.STRYKER_MUTATE.split(',') : scope,
  coverageAnalysis: 'perTest',
  // One mutant at a time: the tests hold real tokens and a CA, and the machine is shared.
  concurrency: 1,
  timeoutMS: 30_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reports}/mutation.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  incremental: true,
  incrementalFile: `${reports}/stryker-incremental.json`,
  tempDirName: '.stryker-tmp',
  // An error's developer message is not observable (scripts/stryker-developer-messages.mjs).
  plugins: ['@stryker-mutator/*', './scripts/stryker-developer-messages.mjs'],
  ignorers: ['DeveloperMessages'],
  ignorePatterns: ['dist', 'test-results', 'reports', 'coverage', 'playwright-report'],
  // The whole project is type-checked by `npm run typecheck`; mutants that do not compile simply fail their tests.
  checkers: [],
  thresholds: { high: 90, low: 80, break: null },
};
