/**
 * The storage-PIN attempt rules in one place: how many tries are left, and the rules
 * the store applies atomically (limit, lock duration, when a reservation is stale).
 */
import type { CaConfig } from './config.js';
import type { PinAttemptRules } from './store/ca-store.js';

/**
 * A check reserved longer ago than this was left by a server that died mid-check (scrypt
 * takes tens of milliseconds); its slot is given back to the application.
 */
const STALE_RESERVATION_SECONDS = 60;

export function pinAttemptRules(config: CaConfig): PinAttemptRules {
  return { limit: config.pinAttemptLimit, lockSeconds: config.pinLockMinutes * 60, staleAfterSeconds: STALE_RESERVATION_SECONDS };
}

export function attemptsLeft(config: CaConfig, state: { pin_failures: number; pin_locked_at: string | null }): number {
  return state.pin_locked_at !== null ? 0 : Math.max(0, config.pinAttemptLimit - state.pin_failures);
}
