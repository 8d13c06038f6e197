/**
 * What TokenDesk knows about a token, normalized from CK_TOKEN_INFO so that the
 * rest of the product never sees padding, raw flags or vendor quirks.
 */

/** PIN state read from the token's flags (PKCS#11 v2.40 §3.2, CKF_*_PIN_*). Reading it never spends a try. */
export type PinState = 'ok' | 'countLow' | 'finalTry' | 'locked' | 'notInitialized';

export interface TokenVersion {
  major: number;
  minor: number;
}

export interface TokenInfo {
  /** Slot ID at the time of listing. Never use it to find the token again: slot IDs change on re-insert. */
  slotId: string;
  /** Padding trimmed; eToken serials as 8 upper-case hex digits (e.g. 02B8BEA7). */
  serial: string;
  label: string;
  manufacturer: string;
  model: string;
  hardwareVersion: TokenVersion;
  firmwareVersion: TokenVersion;
  /** Bytes; absent where the module reports CK_UNAVAILABLE_INFORMATION. */
  totalMemory?: number;
  freeMemory?: number;
  pinState: PinState;
  soPinState: PinState;
  /** True for a token that holds only 1024-bit keys (旧USBトークン): not usable for new certificates. */
  legacy: boolean;
  /** CKF_TOKEN_INITIALIZED. */
  initialized: boolean;
  /** CKF_LOGIN_REQUIRED. */
  loginRequired: boolean;
  /** CKF_PROTECTED_AUTHENTICATION_PATH: the PIN is typed on a reader's pad, not in TokenDesk. */
  protectedAuthenticationPath: boolean;
  /** Smallest and largest PIN length the token accepts. */
  minPinLength: number;
  maxPinLength: number;
  /** Largest RSA modulus in bits the token can generate, where the module says; absent otherwise. */
  maxRsaBits?: number;
}

/** Exact PIN tries left, where the module exposes them (vendor extension); `undefined` means "unknown" — never guessed. */
export interface PinRetries {
  userLeft?: number | undefined;
  userMax?: number | undefined;
  soLeft?: number | undefined;
  soMax?: number | undefined;
}
