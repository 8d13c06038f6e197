import { codePointLength } from './characters.js';
import { ACCEPTED, refuse, type PinCheck } from './pin-check.js';

/**
 * A token's own password policy, as far as the token says (SafeNet's ETCKH_PIN_POLICY);
 * a field left out is a rule the token does not state. Mirrors TokenPinPolicy in
 * src/core/pkcs11 without importing it: PIN rules stay pure.
 */
export interface UserPinPolicy {
  minLength?: number;
  /** The PIN must mix letters and digits (the manual allows nothing else, so symbols cannot count). */
  mixChars?: boolean;
}

/** The token's policy alone: its minimum length, then its mixed-characters rule. */
export function checkTokenPinPolicy(pin: string, policy: UserPinPolicy): PinCheck {
  const length = codePointLength(pin);
  // No stated minimum is a minimum of 0: every PIN is at least that long.
  const min = policy.minLength ?? 0;
  if (length < min) return refuse('TD-USER-PIN-POLICY-LENGTH', { min, length });
  if (policy.mixChars && !(/[A-Za-z]/.test(pin) && /[0-9]/.test(pin))) return refuse('TD-USER-PIN-POLICY-MIX');
  return ACCEPTED;
}
