import { ACCEPTED, type PinCheck } from './pin-check.js';
import { validateUserPin } from './user-pin.js';

const NEVER_RIGHT = new Set(['TD-PIN-FULLWIDTH', 'TD-PIN-SPACE', 'TD-PIN-EMPTY']);

/**
 * A user PIN typed to be tried on the token: refused only in the forms that can never
 * be right (empty, full-width, spaces) — trying one would only cost a try. Anything
 * else goes to the token, which alone knows whether it is right.
 */
export function checkTypedUserPin(typed: string): PinCheck {
  const check = validateUserPin(typed, typed);
  return !check.ok && NEVER_RIGHT.has(check.code) ? check : ACCEPTED;
}
