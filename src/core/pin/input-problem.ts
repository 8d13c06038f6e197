import { codePointLength, isAsciiAlphanumeric, isAsciiDigit, isFullWidth, isSpace, positionsOf } from './characters.js';
import { CARD_PIN_DEFAULTS } from './card-pin.js';
import { PIN_NAMES, refuse, type PinCheck } from './pin-check.js';
import { STORAGE_PIN_LENGTH } from './storage-pin.js';
import { USER_PIN_MAX } from './user-pin.js';

/** Which PIN a field holds: each has its own characters and its own longest length. */
export type PinKind = 'storage' | 'user' | 'userConfirmation' | 'card';

/**
 * What is wrong with a PIN field's content while it is being typed — only what no
 * further typing can put right (a full-width character, a space, a character the
 * PIN cannot hold, one character too many). The field keeps exactly what was typed:
 * the screen shows this refusal and holds its button back, so a PIN is never cut or
 * changed behind the user's back (a cut PIN stored on the token, or spent as a wrong
 * try, is what the user did not choose). Empty and too-short are not problems yet.
 */
export function pinInputProblem(kind: PinKind, typed: string, options: { maxLength?: number } = {}): Extract<PinCheck, { ok: false }> | undefined {
  // An empty field passes every check below (no character to refuse, a length of 0):
  // it is not a problem yet, and needs no early return of its own.
  const name = PIN_NAMES[kind];
  const fullWidth = positionsOf(typed, isFullWidth);
  if (fullWidth) return refusal('TD-PIN-FULLWIDTH', { pin: name, positions: fullWidth });
  const spaces = positionsOf(typed, isSpace);
  if (spaces) return refusal('TD-PIN-SPACE', { pin: name, positions: spaces });
  const length = codePointLength(typed);
  switch (kind) {
    case 'storage': {
      const notDigits = positionsOf(typed, (char) => !isAsciiDigit(char));
      if (notDigits) return refusal('TD-STORAGE-PIN-NOT-DIGITS', { positions: notDigits });
      return length > STORAGE_PIN_LENGTH ? refusal('TD-STORAGE-PIN-LENGTH', { length }) : undefined;
    }
    case 'user':
    case 'userConfirmation': {
      const wrong = positionsOf(typed, (char) => !isAsciiAlphanumeric(char));
      if (wrong) return refusal('TD-USER-PIN-CHARS', { positions: wrong });
      return length > USER_PIN_MAX ? refusal('TD-USER-PIN-TOO-LONG', { length }) : undefined;
    }
    case 'card': {
      const notDigits = positionsOf(typed, (char) => !isAsciiDigit(char));
      if (notDigits) return refusal('TD-CARD-PIN-NOT-DIGITS', { positions: notDigits });
      const max = options.maxLength ?? CARD_PIN_DEFAULTS.maxLength;
      return length > max ? refusal('TD-CARD-PIN-LENGTH', { min: CARD_PIN_DEFAULTS.minLength, max, length }) : undefined;
    }
  }
}

function refusal(code: string, params: Parameters<typeof refuse>[1]): Extract<PinCheck, { ok: false }> {
  return refuse(code, params) as Extract<PinCheck, { ok: false }>;
}
