/**
 * Unlock a locked token through the CA (docs/architecture.md, Flow F; CA manual §12.1 row 6), at the
 * contractor's desk: the one-time unlock code from the CA's operator and a new user PIN
 * typed twice → the manual's rule and the token's own policy checked → the CA checks
 * the code and releases the token's SO PIN → SO login → C_InitPIN (which lifts the
 * lock and restores the tries) → the CA is told, using the code up → the diagnosis runs
 * again with the new PIN. The key and certificate are never touched. The SO PIN lives
 * only in a Secret for the two calls that need it, and is wiped in every case.
 */
import type { CaClient } from '../ca-client/index.js';
import { runDiagnosis, type Diagnosis } from '../diagnosis/index.js';
import { InputError } from '../messages/errors.js';
import { openModule } from '../pkcs11/index.js';
import { loginAsSo, SoPinFinalTryError } from './so-login.js';
import type { Secret } from '../secrets/secret.js';
import { assertNewUserPin } from './new-pin-input.js';
import { theToken } from './the-token.js';
import { assertTokenAcceptsUserPin } from './token-policy.js';

export interface UnlockRequest {
  modulePath?: string;
  /** The token; without it, the only one plugged in. */
  serial?: string;
  unlockCode: Secret;
  newPin: Secret;
  confirmation: Secret;
  ca: CaClient | undefined;
  /**
   * The user agreed to spend the SO PIN's final try (wrong SO PINs tried elsewhere, e.g.
   * with the vendor's tools, left it on its last). Without it the SO login refuses
   * (TokenError pinFinalTry) before anything is spent and the code stays usable: the
   * caller asks the user, then calls again with it.
   */
  confirmFinalTry?: boolean;
  now?: () => Date;
}

export interface Unlocked {
  serial: string;
  /** Whether the CA took the 'unlocked' report (else the code stays live until it expires). */
  reported: boolean;
  /** The diagnosis run again, logged in with the new user PIN. */
  diagnosis: Diagnosis;
}

export function isUnlockCodeFormat(code: string): boolean {
  return /^[0-9]{10}$/u.test(code);
}

export async function unlockToken(request: UnlockRequest): Promise<Unlocked> {
  const { ca } = request;
  if (!ca) throw new InputError({ code: 'TD-UNLOCK-NEEDS-CA', message: 'Unlocking needs the CA' });
  if (!isUnlockCodeFormat(request.unlockCode.reveal())) throw new InputError({ code: 'TD-UNLOCK-CODE-FORMAT', message: 'The unlock code is 10 digits' });
  assertNewUserPin(request.newPin, request.confirmation);
  const module = await openModule(request.modulePath);
  let serial: string;
  let reported = false;
  try {
    const token = await theToken(module, request.serial);
    serial = token.serial;
    const session = await module.openSession(token, { readWrite: true });
    try {
      // Refused by the token's policy: the CA is not even asked, the code keeps its tries.
      await assertTokenAcceptsUserPin(session, request.newPin);
      // The SO PIN on its final try, unconfirmed: stop before the CA is even asked, so the
      // SO PIN never leaves it for a login that would not be tried. (The login's own guard
      // below checks again, on the flags of that instant.)
      if (token.soPinState === 'finalTry' && request.confirmFinalTry !== true) throw new SoPinFinalTryError('TD-UNLOCK-SO-FINAL-TRY', 'C_Login');
      // Releasing the SO PIN does not use the code up (only the 'unlocked' report below
      // does): a stop for the final-try question leaves it usable for the retry.
      const soPin = await ca.releaseSoPinForUnlock(serial, request.unlockCode);
      try {
        // On the SO PIN's final try the guard refuses (pinFinalTry) without asking the
        // token unless the user confirmed; before, no confirmation could reach this login
        // and such a token could never be unlocked.
        await loginAsSo(session, soPin.reveal(), { confirmFinalTry: request.confirmFinalTry === true, words: 'TD-UNLOCK-SO-FINAL-TRY' });
        try {
          await session.initPin(request.newPin.reveal());
        } finally {
          await session.logout().catch(() => undefined);
        }
      } finally {
        soPin.wipe();
      }
    } finally {
      await session.close();
    }
    // The token is unlocked whatever the CA answers now; an unreported code expires on its own.
    reported = await ca.reportUnlocked(serial, request.unlockCode).then(
      () => true,
      () => false,
    );
  } finally {
    await module.release();
  }
  const diagnosis = await runDiagnosis({
    ...(request.modulePath ? { modulePath: request.modulePath } : {}),
    serial,
    userPin: request.newPin,
    ca,
    ...(request.now ? { now: request.now } : {}),
  });
  return { serial, reported, diagnosis };
}
