import { codePointLength, commonChecks, isAsciiDigit, positionsOf } from './characters.js';
import { ACCEPTED, PIN_NAMES, refuse, type PinCheck } from './pin-check.js';

/**
 * The IC card PIN (PIN番号): half-width digits (Pension e-bidding manual §2.2). The length range is
 * the card's own (CK_TOKEN_INFO ulMinPinLen/ulMaxPinLen) when the module tells it.
 */
export interface CardPinOptions {
  minLength?: number;
  maxLength?: number;
}

export const CARD_PIN_DEFAULTS = { minLength: 4, maxLength: 16 } as const;

export function validateCardPin(pin: string, options: CardPinOptions = {}): PinCheck {
  // An empty card PIN is the Pension e-bidding manual's own 10025 「PIN が未入力です。」.
  const common = commonChecks(pin, PIN_NAMES.card, '10025');
  if (common) return common;
  const notDigits = positionsOf(pin, (char) => !isAsciiDigit(char));
  if (notDigits) return refuse('TD-CARD-PIN-NOT-DIGITS', { positions: notDigits });
  const min = options.minLength ?? CARD_PIN_DEFAULTS.minLength;
  const max = options.maxLength ?? CARD_PIN_DEFAULTS.maxLength;
  const length = codePointLength(pin);
  if (length < min || length > max) return refuse('TD-CARD-PIN-LENGTH', { min, max, length });
  return ACCEPTED;
}
