/**
 * The wizard's PIN checks before anything is sent or spent: the rules live in
 * src/core/pin; this turns a refusal into the InputError the wizard shows.
 */
import { InputError } from '../messages/errors.js';
import { validateStoragePin, validateUserPin, type PinCheck } from '../pin/index.js';

function refusal(check: PinCheck, what: string): InputError | undefined {
  return check.ok ? undefined : new InputError({ code: check.code, message: `${what} refused (${check.code})`, params: check.params });
}

export function checkStoragePin(pin: string): InputError | undefined {
  return refusal(validateStoragePin(pin), 'storage PIN');
}

export function checkUserPin(pin: string, confirmation: string): InputError | undefined {
  return refusal(validateUserPin(pin, confirmation), 'user PIN');
}
