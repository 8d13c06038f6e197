/**
 * The gate in front of everything a storage PIN unlocks (enroll, verify-pin, stored):
 * the application exists, is not locked, the PIN has the right shape, its scrypt hash
 * matches (constant time), and only then whether it is already spent. A wrong PIN is
 * counted atomically; at the limit the application locks until the operator issues a
 * new PIN. Locked applications refuse even the right PIN.
 *
 * A PIN that passed scrypt moments ago for the same application (and the same stored
 * hash) is recognised by an HMAC instead (ctx.verifiedPins); every other rule runs as
 * before, on the application's current record.
 */
import type { CaContext } from './ca-context.js';
import { isApplicationNo } from './identifiers.js';
import { serverErrors } from './server-error.js';
import type { ApplicationRecord } from './store/ca-store.js';
import { isStoragePinFormat, verifyStoragePin } from './storage-pin.js';

export interface PinCheckOptions {
  client?: string;
  /** `stored` may be repeated after the PIN was spent (a client retrying after a crash). */
  allowSpent?: boolean;
}

export async function checkStoragePin(ctx: CaContext, applicationNo: string, pin: string, options: PinCheckOptions = {}): Promise<ApplicationRecord> {
  if (!isApplicationNo(applicationNo)) throw serverErrors.applicationNotFound(applicationNo.slice(0, 32));
  const application = await ctx.store.getApplication(applicationNo);
  if (!application) throw serverErrors.applicationNotFound(applicationNo);
  if (application.pin_locked_at !== null) {
    ctx.verifiedPins.forget(applicationNo);
    throw serverErrors.pinLocked();
  }
  if (!isStoragePinFormat(pin)) throw serverErrors.pinFormat();
  if (ctx.verifiedPins.matches(applicationNo, application.pin_hash, pin)) {
    // verified a moment ago: no second scrypt
  } else if (await verifyStoragePin(pin, application.pin_hash)) {
    if (application.stored_at === null) ctx.verifiedPins.remember(applicationNo, application.pin_hash, pin);
  } else {
    ctx.verifiedPins.forget(applicationNo);
    const result = await ctx.store.recordPinFailure(applicationNo, ctx.config.pinAttemptLimit, options.client);
    if (result.locked) throw serverErrors.pinLocked();
    throw serverErrors.pinIncorrect(Math.max(0, ctx.config.pinAttemptLimit - result.failures));
  }
  if (application.stored_at !== null && !options.allowSpent) {
    ctx.verifiedPins.forget(applicationNo);
    throw serverErrors.pinSpent();
  }
  return application;
}

export function attemptsLeft(ctx: CaContext, application: ApplicationRecord): number {
  return Math.max(0, ctx.config.pinAttemptLimit - application.pin_failures);
}
