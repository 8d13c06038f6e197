/**
 * Every failure of a PKCS#11 call becomes a TokenError with a stable code the rest
 * of the product branches on (and the error catalogue maps to words), while the raw
 * CKR_* value and the function name stay attached for diagnosis.
 */

import { CodedError } from '../messages/coded-error.js';
import type { MessageParams } from '../messages/message-for.js';

export type TokenErrorCode =
  | 'pinIncorrect'
  | 'pinLocked'
  | 'pinFinalTry'
  | 'pinLength'
  | 'pinInvalid'
  | 'pinExpired'
  | 'tokenAbsent'
  | 'tokenRemoved'
  | 'tokenNotRecognized'
  | 'tokenWriteProtected'
  | 'deviceError'
  | 'deviceMemoryFull'
  | 'functionNotSupported'
  | 'mechanismNotSupported'
  | 'sessionClosed'
  | 'notLoggedIn'
  | 'alreadyLoggedIn'
  | 'userTypeInvalid'
  | 'keySizeUnsupported'
  | 'attributeSensitive'
  | 'objectNotFound'
  | 'cancelled'
  | 'moduleNotFound'
  | 'moduleLoadFailed'
  | 'tokenNotFound'
  | 'severalTokens'
  | 'generalError';

/** The catalogue entry of each code; typed as a full Record so a new code cannot compile without its entry. */
export const TOKEN_ERROR_CODES: Readonly<Record<TokenErrorCode, string>> = {
  pinIncorrect: 'TD-PIN-INCORRECT',
  pinLocked: 'TD-TOKEN-LOCKED',
  pinFinalTry: 'TD-PIN-FINAL-TRY',
  pinLength: 'TD-PIN-REJECTED-BY-TOKEN',
  pinInvalid: 'TD-PIN-REJECTED-BY-TOKEN',
  pinExpired: 'TD-PIN-EXPIRED',
  tokenAbsent: 'TD-TOKEN-ABSENT',
  tokenRemoved: 'TD-TOKEN-REMOVED',
  tokenNotRecognized: 'TD-TOKEN-NOT-RECOGNIZED',
  tokenWriteProtected: 'TD-TOKEN-WRITE-PROTECTED',
  deviceError: 'TD-DEVICE-ERROR',
  deviceMemoryFull: 'TD-TOKEN-MEMORY-FULL',
  functionNotSupported: 'TD-TOKEN-FUNCTION-UNSUPPORTED',
  mechanismNotSupported: 'TD-MECHANISM-UNSUPPORTED',
  sessionClosed: 'TD-SESSION-CLOSED',
  notLoggedIn: 'TD-NOT-LOGGED-IN',
  alreadyLoggedIn: 'TD-ALREADY-LOGGED-IN',
  userTypeInvalid: 'TD-TOKEN-NOT-INITIALIZED',
  keySizeUnsupported: 'TD-TOKEN-LEGACY',
  attributeSensitive: 'TD-KEY-NOT-EXPORTABLE',
  objectNotFound: 'TD-OBJECT-NOT-FOUND',
  cancelled: 'TD-CANCELLED',
  moduleNotFound: 'TD-NO-MIDDLEWARE',
  moduleLoadFailed: 'TD-MIDDLEWARE-LOAD-FAILED',
  tokenNotFound: 'TD-TOKEN-NOT-FOUND',
  severalTokens: 'TD-TOKEN-SEVERAL',
  generalError: 'TD-TOKEN-GENERAL',
};

/** A failed PKCS#11 call: `ckr` is the raw CK_RV when the module answered one, `fn` the function (C_Login …). */
export class TokenError extends CodedError<TokenErrorCode, { ckr?: number | undefined; fn?: string | undefined; modulePath?: string | undefined; tokenSerial?: string | undefined; attemptsLeft?: number | undefined }> {
  declare readonly ckr: number | undefined;
  declare readonly fn: string | undefined;
  /** The library's path, for failures to load one: the words name it (never a secret). */
  declare readonly modulePath: string | undefined;
  /** The token looked for (tokenNotFound): the words say which one to plug in. */
  declare readonly tokenSerial: string | undefined;
  /** Tries the PIN has left after a wrong one (pinIncorrect), where the token tells. */
  declare readonly attemptsLeft: number | undefined;
  override readonly name = 'TokenError';

  get catalogueCode(): string {
    return TOKEN_ERROR_CODES[this.code];
  }

  /** The raw CKR and function, for the helpdesk; the library's path for a failure to load one. */
  override get messageParams(): MessageParams {
    return {
      ...(this.ckr === undefined ? {} : { rawCode: `${this.fn ? `${this.fn}: ` : ''}${this.ckrName ?? ''}` }),
      ...(this.modulePath === undefined ? {} : { path: this.modulePath }),
      ...(this.tokenSerial === undefined ? {} : { tokenSerial: this.tokenSerial }),
      ...(this.attemptsLeft === undefined ? {} : { attemptsLeft: this.attemptsLeft }),
    };
  }

  /** `CKR_PIN_LOCKED (0x000000A4)` — for reports and logs; carries no secret. */
  get ckrName(): string | undefined {
    return this.ckr === undefined ? undefined : ckrName(this.ckr);
  }
}

/** The CKR_* values TokenDesk names (PKCS#11 v2.40 pkcs11t.h). */
export const CKR = {
  OK: 0x0,
  CANCEL: 0x1,
  HOST_MEMORY: 0x2,
  SLOT_ID_INVALID: 0x3,
  GENERAL_ERROR: 0x5,
  FUNCTION_FAILED: 0x6,
  ARGUMENTS_BAD: 0x7,
  ATTRIBUTE_READ_ONLY: 0x10,
  ATTRIBUTE_SENSITIVE: 0x11,
  ATTRIBUTE_TYPE_INVALID: 0x12,
  ATTRIBUTE_VALUE_INVALID: 0x13,
  DATA_INVALID: 0x20,
  DATA_LEN_RANGE: 0x21,
  DEVICE_ERROR: 0x30,
  DEVICE_MEMORY: 0x31,
  DEVICE_REMOVED: 0x32,
  FUNCTION_CANCELED: 0x50,
  FUNCTION_NOT_SUPPORTED: 0x54,
  KEY_HANDLE_INVALID: 0x60,
  KEY_SIZE_RANGE: 0x62,
  MECHANISM_INVALID: 0x70,
  OBJECT_HANDLE_INVALID: 0x82,
  OPERATION_ACTIVE: 0x90,
  OPERATION_NOT_INITIALIZED: 0x91,
  PIN_INCORRECT: 0xa0,
  PIN_INVALID: 0xa1,
  PIN_LEN_RANGE: 0xa2,
  PIN_EXPIRED: 0xa3,
  PIN_LOCKED: 0xa4,
  SESSION_CLOSED: 0xb0,
  SESSION_COUNT: 0xb1,
  SESSION_HANDLE_INVALID: 0xb3,
  SESSION_READ_ONLY: 0xb5,
  SESSION_EXISTS: 0xb6,
  SESSION_READ_ONLY_EXISTS: 0xb7,
  SESSION_READ_WRITE_SO_EXISTS: 0xb8,
  TEMPLATE_INCOMPLETE: 0xd0,
  TEMPLATE_INCONSISTENT: 0xd1,
  TOKEN_NOT_PRESENT: 0xe0,
  TOKEN_NOT_RECOGNIZED: 0xe1,
  TOKEN_WRITE_PROTECTED: 0xe2,
  USER_ALREADY_LOGGED_IN: 0x100,
  USER_NOT_LOGGED_IN: 0x101,
  USER_PIN_NOT_INITIALIZED: 0x102,
  USER_TYPE_INVALID: 0x103,
  USER_ANOTHER_ALREADY_LOGGED_IN: 0x104,
  USER_TOO_MANY_TYPES: 0x105,
  BUFFER_TOO_SMALL: 0x150,
  CRYPTOKI_NOT_INITIALIZED: 0x190,
  CRYPTOKI_ALREADY_INITIALIZED: 0x191,
} as const;

const NAMES = new Map<number, string>(Object.entries(CKR).map(([name, value]) => [value, `CKR_${name}`]));

export function ckrName(ckr: number): string {
  const hex = `0x${ckr.toString(16).toUpperCase().padStart(8, '0')}`;
  const name = NAMES.get(ckr) ?? (ckr >= 0x80000000 ? 'CKR_VENDOR_DEFINED' : 'CKR_UNKNOWN');
  return `${name} (${hex})`;
}

/** The stable code for a CK_RV. The table is the product's contract: the catalogue maps codes, not CKR values. */
export function codeForCkr(ckr: number): TokenErrorCode {
  switch (ckr) {
    case CKR.PIN_INCORRECT:
      return 'pinIncorrect';
    case CKR.PIN_LOCKED:
      return 'pinLocked';
    case CKR.PIN_LEN_RANGE:
      return 'pinLength';
    case CKR.PIN_INVALID:
      return 'pinInvalid';
    case CKR.PIN_EXPIRED:
      return 'pinExpired';
    case CKR.TOKEN_NOT_PRESENT:
    case CKR.SLOT_ID_INVALID:
      return 'tokenAbsent';
    case CKR.DEVICE_REMOVED:
      return 'tokenRemoved';
    case CKR.TOKEN_NOT_RECOGNIZED:
      return 'tokenNotRecognized';
    case CKR.TOKEN_WRITE_PROTECTED:
      return 'tokenWriteProtected';
    case CKR.DEVICE_ERROR:
    case CKR.GENERAL_ERROR:
      return 'deviceError';
    case CKR.DEVICE_MEMORY:
      return 'deviceMemoryFull';
    case CKR.FUNCTION_NOT_SUPPORTED:
      return 'functionNotSupported';
    case CKR.MECHANISM_INVALID:
      return 'mechanismNotSupported';
    case CKR.SESSION_CLOSED:
    case CKR.SESSION_HANDLE_INVALID:
      return 'sessionClosed';
    case CKR.USER_NOT_LOGGED_IN:
      return 'notLoggedIn';
    case CKR.USER_ALREADY_LOGGED_IN:
    case CKR.USER_ANOTHER_ALREADY_LOGGED_IN:
      return 'alreadyLoggedIn';
    case CKR.USER_TYPE_INVALID:
    case CKR.USER_PIN_NOT_INITIALIZED:
      return 'userTypeInvalid';
    case CKR.KEY_SIZE_RANGE:
      return 'keySizeUnsupported';
    case CKR.ATTRIBUTE_SENSITIVE:
      return 'attributeSensitive';
    case CKR.OBJECT_HANDLE_INVALID:
    case CKR.KEY_HANDLE_INVALID:
      return 'objectNotFound';
    case CKR.CANCEL:
    case CKR.FUNCTION_CANCELED:
      return 'cancelled';
    default:
      return 'generalError';
  }
}
