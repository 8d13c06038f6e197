/**
 * The wizard's PIN checks before anything is sent or spent: the rules live in
 * src/core/pin; this turns a refusal into the InputError the wizard shows.
 */
import { InputError } from '../messages/errors.js';
import { PIN_NAMES, validateStoragePin, validateUserPin, type PinCheck } from '../pin/index.js';

function refusal(check: PinCheck, what: string): InputError | undefined {
  return check.ok ? undefined : new InputError({ code: check.code, message: `${what} refused (${check.code})`, params: check.params });
}

export function checkStoragePin(pin: string): InputError | undefined {
  // Stryker disable next-line StringLiteral: equivalent, this names the PIN only in the developer message
  return refusal(validateStoragePin(pin), 'storage PIN');
}

/**
 * The EST-only profile's Basic password: RFC 7617 allows any text, so only an empty
 * one is refused — the 10-digit rule is the TokenDesk CA's storage PIN, not EST's.
 */
export function checkEstPassword(password: string): InputError | undefined {
  return password.length === 0 ? new InputError({ code: 'TD-PIN-EMPTY', message: 'EST password refused (empty)', params: { pin: PIN_NAMES.estPassword } }) : undefined;
}

export function checkUserPin(pin: string, confirmation: string): InputError | undefined {
  // Stryker disable next-line StringLiteral: equivalent, this names the PIN only in the developer message
  return refusal(validateUserPin(pin, confirmation), 'user PIN');
}
