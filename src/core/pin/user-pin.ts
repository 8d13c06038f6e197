import { codePointLength, commonChecks, isAsciiAlphanumeric, positionsOf } from './characters.js';
import { ACCEPTED, PIN_NAMES, refuse, type PinCheck } from './pin-check.js';

/** The user PIN: 4–8 half-width letters and digits, case-sensitive, typed twice (CA manual §7.4 ⑦). */
export const USER_PIN_MIN = 4;
export const USER_PIN_MAX = 8;

export interface UserPinOptions {
  /** The UI knows the keyboard state; the rule only turns it into the catalogue's hint. */
  capsLockOn?: boolean;
}

export function validateUserPin(first: string, second: string, options: UserPinOptions = {}): PinCheck {
  const result = check(first, second);
  return options.capsLockOn ? { ...result, hint: 'TD-CAPS-LOCK-ON' } : result;
}

function check(first: string, second: string): PinCheck {
  const common = commonChecks(first, PIN_NAMES.user);
  if (common) return common;
  const wrong = positionsOf(first, (char) => !isAsciiAlphanumeric(char));
  if (wrong) return refuse('TD-USER-PIN-CHARS', { positions: wrong });
  const length = codePointLength(first);
  if (length < USER_PIN_MIN) return refuse('TD-USER-PIN-TOO-SHORT', { length });
  if (length > USER_PIN_MAX) return refuse('TD-USER-PIN-TOO-LONG', { length });
  if (second.length === 0) return refuse('TD-PIN-EMPTY', { pin: PIN_NAMES.userConfirmation });
  // Case-sensitive on purpose: `Abcd` and `abcd` are different PINs.
  if (first !== second) return refuse('TD-USER-PIN-MISMATCH');
  return ACCEPTED;
}
