/**
 * The gate in front of everything a storage PIN unlocks (enroll, verify-pin, stored).
 *
 * Each scrypt check first reserves one of the application's remaining tries in the
 * database (store.reservePinAttempt, atomic across servers), so parallel guesses can
 * never run more checks than the limit allows; a right PIN gives its reservation back,
 * a wrong one is counted once and locks at the limit. Locked applications refuse even
 * the right PIN.
 *
 * A number nobody holds goes through the very same steps — reservation, a scrypt
 * against a hash no PIN matches, the failure counted — so a stranger cannot tell it
 * from a real application by status, body, count or timing (README, "Security").
 *
 * verify-pin, where the user types the PIN, passes `finalTryConfirmed`: without the
 * user's word the check that would take the last try before the lock is refused
 * (storagePinFinalTry) in the reservation itself — no try counted, no scrypt run. The
 * EST routes and `stored` carry a PIN verify-pin already accepted (and standard EST
 * clients cannot send the header), so they keep the plain limit.
 *
 * A PIN that passed scrypt moments ago on this server for the same application (and
 * the same stored hash) is recognised by an HMAC instead (ctx.verifiedPins); another
 * server lacking the entry simply checks again.
 */
import type { CaContext } from './ca-context.js';
import { isApplicationNo } from './identifiers.js';
import { attemptsLeft, pinAttemptRules } from './pin-attempts.js';
import { serverErrors } from './server-error.js';
import type { ApplicationRecord } from './store/ca-store.js';
import { hashStoragePin, isStoragePinFormat, verifyStoragePin } from './storage-pin.js';
import { printable } from '../core/printable.js';

export interface PinCheckOptions {
  client?: string;
  /** `stored` may be repeated after the PIN was spent (a client retrying after a crash). */
  allowSpent?: boolean;
  /**
   * Set by verify-pin: whether the user confirmed using the final try (the
   * `TokenDesk-Final-Try: confirmed` header). Unset: no final-try question (EST, stored).
   */
  finalTryConfirmed?: boolean;
}

/** Same scrypt cost as real hashes; not 10 digits, so no storage PIN can ever match it. */
const unmatchableHashes = new Map<string, Promise<string>>();
function unmatchableHash(ctx: CaContext): Promise<string> {
  const key = JSON.stringify(ctx.config.scrypt);
  // Made once per cost: hashing it on every check would add a second scrypt that a
  // real application's check does not pay, and so tell the two apart by time.
  const hash =
    unmatchableHashes.get(key) ??
    // Stryker disable next-line StringLiteral: any text that is not 10 digits is unmatchable (the format check runs first), "" included.
    hashStoragePin('no application', ctx.config.scrypt);
  unmatchableHashes.set(key, hash);
  return hash;
}

export async function checkStoragePin(ctx: CaContext, applicationNo: string, pin: string, options: PinCheckOptions = {}): Promise<ApplicationRecord> {
  // Neither answer depends on whether the application exists.
  // The words repeat what was sent: printable only (no NUL or escape reaches a screen or log).
  if (!isApplicationNo(applicationNo)) throw serverErrors.applicationNotFound(printable(applicationNo, 32));
  if (!isStoragePinFormat(pin)) throw serverErrors.pinFormat();
  const application = await ctx.store.getApplication(applicationNo);
  if (application && application.pin_locked_at === null && ctx.verifiedPins.matches(applicationNo, application.pin_hash, pin)) {
    return unspent(ctx, application, options); // verified a moment ago: no second scrypt
  }

  const rules = pinAttemptRules(ctx.config);
  const reservation = await ctx.store.reservePinAttempt(applicationNo, rules, options.finalTryConfirmed ?? true);
  if (!reservation.reserved) {
    ctx.verifiedPins.forget(applicationNo);
    if (reservation.locked) throw serverErrors.pinLocked(ctx.config.pinLockMinutes);
    throw reservation.finalTry ? serverErrors.pinFinalTry() : serverErrors.pinChecksBusy();
  }
  let matched: boolean;
  try {
    matched = await verifyStoragePin(pin, application?.pin_hash ?? (await unmatchableHash(ctx)));
  } catch (error) {
    await ctx.store.releasePinAttempt(applicationNo);
    throw error;
  }
  if (!application || !matched) {
    ctx.verifiedPins.forget(applicationNo);
    const result = await ctx.store.recordPinFailure(applicationNo, rules, options.client);
    if (result.locked) throw serverErrors.pinLocked(ctx.config.pinLockMinutes);
    throw serverErrors.pinIncorrect(attemptsLeft(ctx.config, { pin_failures: result.failures, pin_locked_at: null }));
  }
  await ctx.store.releasePinAttempt(applicationNo);
  if (application.stored_at === null) ctx.verifiedPins.remember(applicationNo, application.pin_hash, pin);
  return unspent(ctx, application, options);
}

function unspent(ctx: CaContext, application: ApplicationRecord, options: PinCheckOptions): ApplicationRecord {
  if (application.stored_at !== null && !options.allowSpent) {
    ctx.verifiedPins.forget(application.application_no);
    throw serverErrors.pinSpent();
  }
  return application;
}
