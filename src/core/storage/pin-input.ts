/**
 * The wizard's PIN checks before anything is sent or spent: the rules themselves
 * live in src/core/pin; this adapts their answer to an InputError the wizard shows.
 */
import { InputError } from '../messages/errors.js';

export function checkStoragePin(pin: string): InputError | undefined {
  if (!/^[0-9]{10}$/u.test(pin)) return new InputError('TD-STORAGE-PIN-FORMAT', 'The storage PIN is 10 half-width digits');
  return undefined;
}

export function checkUserPin(pin: string, confirmation: string): InputError | undefined {
  if (!/^[0-9A-Za-z]{4,8}$/u.test(pin)) return new InputError('TD-USER-PIN-FORMAT', 'The user PIN is 4–8 half-width letters and digits');
  if (pin !== confirmation) return new InputError('TD-USER-PIN-MISMATCH', 'The two user PIN entries differ');
  return undefined;
}
