/**
 * The checks that look at the token itself, before any login: how many are there,
 * whether it is initialized, and its user PIN's state — read from the token's
 * flags and the vendor's counter, never by spending a try.
 */
import { messageFor, phraseFor } from '../messages/index.js';
import type { PinRetries, TokenInfo, TokenSlot } from '../pkcs11/index.js';
import { presentTokens } from '../pkcs11/pkcs11-module.js';
import type { CheckRecord } from './check-record.js';
import { pinStateWords } from './pin-state-words.js';

/** The one token to diagnose among the slots; undefined (with the check recorded) when there is none or no single one. */
export function checkTokenCount(
  slots: readonly TokenSlot[],
  serial: string | undefined,
  record: CheckRecord,
): { token?: TokenInfo; damagedError?: unknown; tokensSeen: string[] } {
  const damaged = slots.filter((slot) => slot.error);
  const tokens = presentTokens(slots);
  const tokensSeen = [...tokens.map((token) => token.serial), ...damaged.map((slot) => `slot ${slot.slotId}`)];
  const count = tokens.length + damaged.length;
  const counted = phraseFor('tokensCounted', { count });
  if (count === 0) {
    record.record('tokenCount', 'failed', counted, { verdict: 'noToken' });
    return { tokensSeen };
  }
  let token: TokenInfo | undefined;
  if (serial) {
    const wanted = serial.trim().toLowerCase();
    token = tokens.find((candidate) => candidate.serial.toLowerCase() === wanted);
    if (!token && damaged.length === 0) {
      const message = messageFor('TD-SERIAL-MISMATCH', { tokenSerial: tokens.map((t) => t.serial).join(', ') });
      record.record('tokenCount', 'failed', counted, { verdict: 'serialMismatch', message });
      return { tokensSeen };
    }
  } else if (count > 1) {
    record.record('tokenCount', 'failed', phraseFor('tokensCounted', { count, serials: tokensSeen.join(', ') }), { verdict: 'severalTokens' });
    return { tokensSeen };
  } else {
    token = tokens[0];
  }
  record.record('tokenCount', 'ok', counted);
  // The one token there does not answer C_GetTokenInfo: hardware or memory unreadable.
  if (!token) return { tokensSeen, damagedError: damaged[0]!.error };
  return { token, tokensSeen };
}

export function checkInitialized(token: TokenInfo, record: CheckRecord): boolean {
  if (!token.initialized) {
    record.record('initialized', 'failed', phraseFor('notInitialized'), { verdict: 'notInitialized' });
    return false;
  }
  record.record('initialized', 'ok', phraseFor('initialized', { label: token.label }));
  return true;
}

/**
 * Locked is a failure; one try left is a verdict of its own (a token one mistake
 * from locking is not healthy) whose words say how many tries remain; wrong PINs
 * entered earlier, with tries to spare, are a warning.
 */
export function checkPinState(token: TokenInfo, retries: PinRetries, record: CheckRecord): void {
  const detail = pinStateWords(token.pinState, retries);
  if (token.pinState === 'locked' || retries.userLeft === 0) {
    record.record('pinState', 'failed', detail, { verdict: 'locked' });
  } else if (token.pinState === 'finalTry' || retries.userLeft === 1) {
    record.record('pinState', 'warning', detail, { verdict: 'finalTry', message: messageFor('TD-DIAG-FINAL-TRY', { attemptsLeft: retries.userLeft ?? 1 }) });
  } else if (token.pinState === 'countLow') {
    record.record('pinState', 'warning', detail);
  } else {
    record.record('pinState', 'ok', detail);
  }
}
