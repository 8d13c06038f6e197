// Loaded with `node --import` into a TokenDesk child process (CLI) by
// test/integration/storage/store-cli-timeout.test.ts: a timer set for exactly the
// wizard's step limit (STEP_TIMEOUT_MS, 5 minutes) fires after
// TOKENDESK_TEST_STEP_LIMIT_MS instead, so a test can let a step's time run out while
// the CLI waits for input. A test-only edge, like pc-clock-preload: the CLI has no
// step-limit option. Every other timer keeps its delay.
const STEP_LIMIT_MS = 5 * 60_000;
const fast = Number(process.env.TOKENDESK_TEST_STEP_LIMIT_MS);
if (!Number.isFinite(fast) || fast < 0) throw new Error(`step-limit-preload: bad TOKENDESK_TEST_STEP_LIMIT_MS (${process.env.TOKENDESK_TEST_STEP_LIMIT_MS})`);
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = Object.assign((fire, ms, ...args) => realSetTimeout(fire, ms === STEP_LIMIT_MS ? fast : ms, ...args), realSetTimeout);
