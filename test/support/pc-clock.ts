/**
 * The PC clock of a TokenDesk child process (CLI), moved for a test: ahead or behind
 * the CA's, or set to a fixed day so a test does not depend on the day it runs.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const PRELOAD = pathToFileURL(join(import.meta.dirname, 'pc-clock-preload.mjs')).href;

export type PcClock = { shiftMs: number } | { at: Date };

/** `env` plus what makes the child's PC clock read as `clock` says. */
export function pcClockEnv(env: NodeJS.ProcessEnv, clock: PcClock): NodeJS.ProcessEnv {
  const setting = 'at' in clock ? { TOKENDESK_TEST_PC_CLOCK_AT: clock.at.toISOString() } : { TOKENDESK_TEST_PC_CLOCK_SHIFT_MS: String(clock.shiftMs) };
  return { ...env, ...setting, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --import=${PRELOAD}`.trim() };
}

/** A clock for in-process code (CaClient's `now`, runDiagnosis' `now`) moved by `shiftMs`. */
export function shiftedClock(shiftMs: number): () => Date {
  return () => new Date(Date.now() + shiftMs);
}
