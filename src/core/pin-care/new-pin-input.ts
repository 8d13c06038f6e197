/**
 * The PINs PIN care is given, checked before anything is sent or spent: the new user
 * PIN against the manual's rule (the storage wizard's STEP4 check), and the current
 * PIN against the forms that can never be right.
 */
import { InputError } from '../messages/errors.js';
import { checkTypedUserPin } from '../pin/index.js';
import type { Secret } from '../secrets/secret.js';
import { checkUserPin } from '../storage/pin-input.js';

export function assertNewUserPin(newPin: Secret, confirmation: Secret): void {
  const problem = checkUserPin(newPin.reveal(), confirmation.reveal());
  if (problem) throw problem;
}

export function assertPlausibleCurrentPin(currentPin: Secret): void {
  const check = checkTypedUserPin(currentPin.reveal());
  if (!check.ok) throw new InputError({ code: check.code, message: `current user PIN refused (${check.code})`, params: check.params });
}
