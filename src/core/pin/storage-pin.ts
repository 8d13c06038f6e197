import { codePointLength, commonChecks, isAsciiDigit, positionsOf } from './characters.js';
import { ACCEPTED, PIN_NAMES, refuse, type PinCheck } from './pin-check.js';

/** The storage PIN: exactly 10 half-width digits, from the CA's mail (CA manual §7.4 ①⑥). */
export const STORAGE_PIN_LENGTH = 10;

export function validateStoragePin(pin: string): PinCheck {
  const common = commonChecks(pin, PIN_NAMES.storage);
  if (common) return common;
  const notDigits = positionsOf(pin, (char) => !isAsciiDigit(char));
  if (notDigits) return refuse('TD-STORAGE-PIN-NOT-DIGITS', { positions: notDigits });
  const length = codePointLength(pin);
  if (length !== STORAGE_PIN_LENGTH) return refuse('TD-STORAGE-PIN-LENGTH', { length });
  return ACCEPTED;
}
