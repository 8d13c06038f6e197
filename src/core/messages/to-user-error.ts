import { TokenError, type TokenErrorCode } from '../pkcs11/token-error.js';
import { X509Error, type X509ErrorCode } from '../x509/x509-error.js';
import { GENERIC_CODE, catalogue } from './catalogue.js';
import { CaError, InputError, NetworkError, StepTimeoutError, networkCodeOf, rawCodeOf, type CaErrorCode, type NetworkErrorCode } from './errors.js';
import { messageFor, type MessageParams, type UserMessage } from './message-for.js';

/**
 * Whatever was thrown, the words a user sees: every TokenError, CA answer, network
 * and TLS failure, input refusal and X.509 failure has its entry; anything else gets
 * the generic entry with its raw code. Never a stack trace, never an error's own
 * message text (it may hold details meant for developers).
 */

/** Typed as a full Record so a new TokenErrorCode cannot compile without its entry. */
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

export const CA_ERROR_CODES: Readonly<Record<CaErrorCode, string>> = {
  storagePinIncorrect: 'TD-CA-STORAGE-PIN-INCORRECT',
  storagePinLocked: 'TD-CA-STORAGE-PIN-LOCKED',
  applicationNotFound: 'TD-CA-APPLICATION-NOT-FOUND',
  applicationNotPending: 'TD-CA-NOT-PENDING',
  tokenMismatch: 'TD-SERIAL-MISMATCH',
  alreadyIssued: 'TD-CA-ALREADY-ISSUED',
  pendingApproval: 'TD-CA-PENDING-APPROVAL',
  revocationPending: 'TD-REVOCATION-PENDING',
  unauthorized: 'TD-CA-UNAUTHORIZED',
  estUnauthorized: 'TD-EST-UNAUTHORIZED',
  badRequest: 'TD-CA-BAD-REQUEST',
  rateLimited: 'TD-CA-RATE-LIMITED',
  serverError: 'TD-CA-SERVER-ERROR',
  unexpectedAnswer: 'TD-CA-UNEXPECTED-ANSWER',
};

export const NETWORK_ERROR_CODES: Readonly<Record<NetworkErrorCode, string>> = {
  refused: 'TD-NET-REFUSED',
  timeout: 'TD-NET-TIMEOUT',
  dns: 'TD-NET-DNS',
  reset: 'TD-NET-RESET',
  unreachable: 'TD-NET-UNREACHABLE',
  tlsUntrusted: 'TD-TLS-UNTRUSTED',
  tlsHostname: 'TD-TLS-HOSTNAME',
  tlsCertExpired: 'TD-TLS-CERT-EXPIRED',
  tlsCertNotYetValid: 'TD-TLS-CERT-NOT-YET-VALID',
  tlsPinMismatch: 'TD-TLS-PIN-MISMATCH',
  tlsHandshake: 'TD-TLS-HANDSHAKE',
  clockSkew: 'TD-CLOCK-SKEW',
};

export const X509_ERROR_CODES: Readonly<Record<X509ErrorCode, string>> = {
  malformed: 'TD-CERT-UNREADABLE',
  notBase64: 'TD-CA-ANSWER-UNREADABLE',
  notPkcs7: 'TD-CA-ANSWER-UNREADABLE',
  noCertificates: 'TD-CA-ANSWER-UNREADABLE',
  subjectInvalid: 'TD-SUBJECT-INVALID',
  csrSignatureInvalid: 'TD-CERT-KEY-MISMATCH',
  unsupportedAlgorithm: 'TD-CERT-UNREADABLE',
};

/** Words for the reasons parseDn gives (X509Error params.reason) in --subject errors. */
const SUBJECT_REASONS: Readonly<Record<string, { ja: string; en: string }>> = {
  syntax: { ja: '書式の誤り', en: 'syntax error' },
  unknownAttribute: { ja: '不明な属性名', en: 'unknown attribute' },
  emptyValue: { ja: '値が空', en: 'empty value' },
  countryCode: { ja: 'C は大文字2文字', en: 'C must be two capital letters' },
  tooLong: { ja: '値が長すぎます', en: 'value too long' },
  notAscii: { ja: '半角英数字のみ', en: 'ASCII only' },
};

export function toUserError(error: unknown): UserMessage {
  if (error instanceof TokenError || isTokenErrorLike(error)) {
    const params: MessageParams = {
      ...(error.ckr === undefined ? {} : { rawCode: `${error.fn ? `${error.fn}: ` : ''}${ckrLabel(error)}` }),
      ...(error.modulePath === undefined ? {} : { path: error.modulePath }),
    };
    return messageFor(TOKEN_ERROR_CODES[error.code], params);
  }
  if (error instanceof CaError) {
    const params: Record<string, string | number> = {};
    if (error.attemptsLeft !== undefined) params.attemptsLeft = error.attemptsLeft;
    if (error.status !== undefined) params.status = error.status;
    if (error.retryAfterSeconds !== undefined) params.retryAfterMinutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    return messageFor(CA_ERROR_CODES[error.code], params);
  }
  // Storage-flow failures carry their catalogue code, as input refusals do.
  if (error instanceof InputError || isCodedFlowError(error)) {
    return catalogue.has(error.code) ? messageFor(error.code, error.params ?? {}) : generic(error.code);
  }
  if (error instanceof StepTimeoutError) return messageFor('TD-STEP-TIMEOUT');
  if (error instanceof X509Error) {
    const reason = SUBJECT_REASONS[String(error.params.reason)];
    const attribute = error.params.attribute === undefined ? '' : ` ${String(error.params.attribute)}`;
    const detail = reason ? { ja: `${reason.ja}${attribute}`, en: `${reason.en}${attribute}` } : undefined;
    return messageFor(X509_ERROR_CODES[error.code], detail ? { detail } : {});
  }
  const network = error instanceof NetworkError ? error.code : networkCodeOf(error);
  if (network) return messageFor(NETWORK_ERROR_CODES[network]);
  return generic(rawCodeOf(error) ?? nameOf(error));
}

function isCodedFlowError(error: unknown): error is InputError {
  return error instanceof Error && error.name === 'StorageError' && typeof (error as { code?: unknown }).code === 'string';
}

/** TokenErrors from another copy of the module (tests, bundles) still map by their code. */
function isTokenErrorLike(error: unknown): error is TokenError {
  if (!(error instanceof Error) || error.name !== 'TokenError') return false;
  const code: unknown = (error as unknown as { code?: unknown }).code;
  return typeof code === 'string' && code in TOKEN_ERROR_CODES;
}

function ckrLabel(error: TokenError): string {
  return error.ckrName ?? `CKR 0x${(error.ckr ?? 0).toString(16)}`;
}

function generic(rawCode: string): UserMessage {
  return messageFor(GENERIC_CODE, { rawCode: sanitize(rawCode) });
}

function nameOf(error: unknown): string {
  if (error instanceof Error) return error.name;
  return error === null ? 'null' : typeof error;
}

/** A raw code is shown to users and pasted into mails: keep it short and plain. */
function sanitize(code: string): string {
  const plain = code.replace(/[^\w.:()\- ]/g, '').slice(0, 64);
  return plain === '' ? 'unknown' : plain;
}
