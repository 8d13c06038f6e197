// The tests that guard the mutation scope (stryker.config.mjs): StrykerJS runs only
// these, so a mutation run never starts the whole suite. Each test must pass on its
// own (scripts/mutation-isolation.mjs checks): a mutant runs only the tests that reach
// it, and a test that needs an earlier one's state would "kill" every mutant it covers.
// MUTATION_TESTS (comma-separated globs) narrows the tests for a partial run.
import { defineConfig } from 'vitest/config';

const guards = [
  'test/unit/pin/**/*.test.ts',
  'test/unit/server/verified-pin-cache.test.ts',
  'test/integration/server/enrollment-rules.test.ts',
  'test/integration/server/enrollment-edges.test.ts',
  'test/integration/server/enrollment-race.test.ts',
  'test/integration/server/storage-pin-gate.test.ts',
  'test/integration/server/token-provisioning.test.ts',
  'test/unit/storage/**/*.test.ts',
  'test/integration/storage/wizard.test.ts',
  'test/integration/storage/renewal.test.ts',
  'test/integration/storage/est-only.test.ts',
  'test/integration/storage/est-only-reissue.test.ts',
  'test/integration/storage/leftovers.test.ts',
  'test/integration/storage/final-try.test.ts',
  'test/integration/storage/faults.test.ts',
  'test/integration/storage/clock-skew.test.ts',
  'test/integration/storage/step-limit.test.ts',
  'test/integration/storage/application-number.test.ts',
  'test/integration/storage/lookup-answers.test.ts',
  'test/integration/storage/est-only-profile.test.ts',
  'test/integration/storage/store-words.test.ts',
  'test/integration/storage/real-clock.test.ts',
  'test/integration/storage/wizard-storage-pin.test.ts',
  'test/integration/storage/storage-pin-final-try.test.ts',
  'test/integration/storage/wizard-step1.test.ts',
  'test/integration/storage/wizard-lifecycle.test.ts',
  'test/integration/storage/approval-wait.test.ts',
  'test/integration/storage/verify-after-write.test.ts',
  'test/integration/storage/resume-unreported.test.ts',
  'test/integration/storage/key-reuse.test.ts',
  'test/integration/storage/verify-token-failure.test.ts',
  'test/integration/storage/est-only-resume.test.ts',
  'test/integration/pkcs11/core.test.ts',
  'test/integration/pkcs11/token-session.test.ts',
  'test/integration/pkcs11/stale-listing.test.ts',
  'test/integration/server/pending-lookup.test.ts',
  'test/integration/server/pending-lookup-shapes.test.ts',
];

export default defineConfig({
  plugins: [
    {
      // Forks, as in vitest.config.ts: SoftHSM2 reads SOFTHSM2_CONF from the real
      // process environment, which a worker thread's process.env does not change, and
      // a PKCS#11 library is initialized once per process. Stryker's vitest runner asks
      // for threads; the project's pool is what vitest really uses, so it is set here.
      name: 'tokendesk-mutation-forks',
      configureVitest({ project }) {
        (project.config as { pool: string }).pool = 'forks';
      },
    },
  ],
  test: {
    include: process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(',') : guards,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
