/**
 * The check that uses the user PIN: a login, only when the user gave the PIN, the
 * token is not locked, and — on the final try — only when the user said so. A PIN
 * that can never be right (full-width, spaces, empty) is refused before it costs a
 * try. A wrong PIN reports the tries left; the try that locks says so.
 */
import { messageFor, phraseFor } from '../messages/index.js';
import { TokenError, type PinRetries, type TokenInfo, type TokenSession } from '../pkcs11/index.js';
import { checkTypedUserPin } from '../pin/index.js';
import type { Secret } from '../secrets/secret.js';
import type { CheckRecord } from './check-record.js';
import { checkPinState } from './token-checks.js';

export interface LoginRequest {
  userPin?: Secret;
  confirmFinalTry?: boolean;
}

/** true: logged in; false: not (recorded why); 'stop': the device failed, nothing after can run. */
export async function checkUserLogin(session: TokenSession, token: TokenInfo, request: LoginRequest, record: CheckRecord): Promise<boolean | 'stop'> {
  if (!request.userPin) {
    record.record('userLogin', 'skipped', phraseFor('noPinGiven'));
    return false;
  }
  if (record.failed('pinState')) {
    record.record('userLogin', 'skipped', phraseFor('loginNotTriedLocked'));
    return false;
  }
  if (token.pinState === 'finalTry' && !request.confirmFinalTry) {
    const notTried = messageFor('TD-DIAG-PIN-NOT-TRIED');
    record.record('userLogin', 'skipped', phraseFor('loginNotTriedFinalTry'), { message: notTried });
    record.notices.push(notTried);
    return false;
  }
  const typed = request.userPin.reveal();
  const shape = checkTypedUserPin(typed);
  // Full-width characters, spaces or nothing can never be right: refused before they cost a try.
  if (!shape.ok) {
    record.record('userLogin', 'failed', phraseFor('loginWrongForm'), { verdict: 'pinIncorrect', message: messageFor(shape.code, shape.params) });
    return false;
  }
  try {
    await session.login('user', typed, { confirmFinalTry: request.confirmFinalTry === true });
    record.record('userLogin', 'ok', phraseFor('loggedIn'));
    // A right PIN resets the counter: the token is no longer one try from locking.
    if (token.pinState !== 'ok') checkPinState({ ...token, pinState: 'ok' }, await session.pinRetries().catch(() => ({}) as PinRetries), record);
    return true;
  } catch (error) {
    if (error instanceof TokenError && error.code === 'pinIncorrect') {
      const after = await session.pinRetries().catch(() => ({}) as PinRetries);
      if (after.userLeft === 0) {
        // This very try locked the token: say so, and what to do (000 §12.1 item 6).
        record.record('userLogin', 'failed', phraseFor('loginLockedNow'), { verdict: 'locked' });
        checkPinState({ ...token, pinState: 'locked' }, after, record);
        return false;
      }
      const params = after.userLeft === undefined ? {} : { attemptsLeft: after.userLeft };
      record.record('userLogin', 'failed', phraseFor('loginWrongPin'), { verdict: 'pinIncorrect', message: messageFor('TD-PIN-INCORRECT', params) });
      return false;
    }
    if (error instanceof TokenError && error.code === 'pinLocked') {
      record.record('userLogin', 'failed', phraseFor('loginTokenLocked'), { verdict: 'locked' });
      return false;
    }
    record.deviceFailure('userLogin', error);
    return 'stop';
  }
}
