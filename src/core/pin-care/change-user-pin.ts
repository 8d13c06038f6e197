/**
 * Change the user PIN (docs/architecture.md, Flow F): current PIN, new PIN twice — the manual's rule
 * and the token's own policy checked before the token is asked anything — then one
 * C_SetPIN. Never on a locked PIN; on the final try only with `confirmFinalTry` (the
 * caller asked the user). A wrong current PIN costs exactly the one try the token
 * counts, and the answer says how many remain where the token tells.
 */
import { InputError } from '../messages/errors.js';
import { openModule, TokenError } from '../pkcs11/index.js';
import type { Secret } from '../secrets/secret.js';
import { assertNewUserPin, assertPlausibleCurrentPin } from './new-pin-input.js';
import { theToken } from './the-token.js';
import { assertTokenAcceptsUserPin } from './token-policy.js';

export interface ChangeUserPinRequest {
  modulePath?: string;
  /** The token; without it, the only one plugged in. */
  serial?: string;
  currentPin: Secret;
  newPin: Secret;
  confirmation: Secret;
  /** The user agreed to use the current PIN's last try. */
  confirmFinalTry?: boolean;
}

export interface PinChanged {
  serial: string;
  /** Tries the new PIN has, where the token tells. */
  userPinLeft?: number;
}

export async function changeUserPin(request: ChangeUserPinRequest): Promise<PinChanged> {
  assertNewUserPin(request.newPin, request.confirmation);
  assertPlausibleCurrentPin(request.currentPin);
  if (request.newPin.reveal() === request.currentPin.reveal()) throw new InputError({ code: 'TD-USER-PIN-UNCHANGED', message: 'The new user PIN equals the current one' });
  const module = await openModule(request.modulePath);
  try {
    const token = await theToken(module, request.serial);
    const session = await module.openSession(token, { readWrite: true });
    try {
      await assertTokenAcceptsUserPin(session, request.newPin);
      try {
        await session.changeUserPin(request.currentPin.reveal(), request.newPin.reveal(), { confirmFinalTry: request.confirmFinalTry === true });
      } catch (error) {
        if (error instanceof TokenError && error.code === 'pinIncorrect') {
          const left = (await session.pinRetries().catch(() => ({ userLeft: undefined }))).userLeft;
          // The token refused it and a try is spent: a token's answer (with the tries left), not input refused beforehand.
          throw new TokenError({ code: 'pinIncorrect', message: 'The current user PIN is wrong', fn: error.fn, ckr: error.ckr, attemptsLeft: left, cause: error });
        }
        throw error;
      }
      const after = await session.pinRetries().catch(() => ({ userLeft: undefined }));
      return { serial: token.serial, ...(after.userLeft === undefined ? {} : { userPinLeft: after.userLeft }) };
    } finally {
      await session.close();
    }
  } finally {
    await module.release();
  }
}
