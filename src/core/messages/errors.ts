import { CodedError, type CodedErrorOptions } from './coded-error.js';
import type { MessageParams } from './message-for.js';
/**
 * The small error classes the CA client, the wizard and the input checks throw.
 * Each carries a code programs branch on (never the message text) and the
 * catalogue entry users see; see coded-error.ts. None of them ever carries a PIN.
 */

/** What the CA answered, as the client understood it (TokenDesk extensions and EST). */
export type CaErrorCode =
  | 'storagePinIncorrect'
  | 'storagePinLocked'
  /** One storage-PIN try is left and the request did not confirm using it: nothing was checked or counted. */
  | 'storagePinFinalTry'
  | 'applicationNotFound'
  | 'applicationNotPending'
  | 'tokenMismatch'
  | 'alreadyIssued'
  | 'pendingApproval'
  | 'revocationPending'
  | 'unauthorized'
  /** EST-only profile: the EST user name or password was refused (no application number exists there). */
  | 'estUnauthorized'
  | 'badRequest'
  | 'rateLimited'
  /** The CA is checking other tries of the same storage PIN or unlock code right now: this one was not checked or counted. */
  | 'checkBusy'
  | 'serverError'
  | 'unexpectedAnswer'
  | 'unlockCodeFormat'
  | 'unlockCodeNotIssued'
  | 'unlockCodeIncorrect'
  | 'unlockCodeSpent'
  | 'unlockCodeExpired'
  | 'tokenNotManaged';

/** The catalogue entry of each CA answer. */
export const CA_ERROR_CODES: Readonly<Record<CaErrorCode, string>> = {
  storagePinIncorrect: 'TD-CA-STORAGE-PIN-INCORRECT',
  storagePinLocked: 'TD-CA-STORAGE-PIN-LOCKED',
  storagePinFinalTry: 'TD-CA-STORAGE-PIN-FINAL-TRY',
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
  checkBusy: 'TD-CA-CHECK-BUSY',
  serverError: 'TD-CA-SERVER-ERROR',
  unexpectedAnswer: 'TD-CA-UNEXPECTED-ANSWER',
  unlockCodeFormat: 'TD-UNLOCK-CODE-FORMAT',
  unlockCodeNotIssued: 'TD-UNLOCK-CODE-NOT-ISSUED',
  unlockCodeIncorrect: 'TD-UNLOCK-CODE-INCORRECT',
  unlockCodeSpent: 'TD-UNLOCK-CODE-SPENT',
  unlockCodeExpired: 'TD-UNLOCK-CODE-EXPIRED',
  tokenNotManaged: 'TD-UNLOCK-NOT-MANAGED',
};

export interface CaErrorDetails {
  /** HTTP status of the answer, when there was one. */
  status?: number | undefined;
  /** Storage-PIN attempts the CA still allows, when it said so. */
  attemptsLeft?: number | undefined;
  /** Seconds the CA asked us to wait (202 / 503 + Retry-After). */
  retryAfterSeconds?: number | undefined;
  /** The application the refused request was about (TD-CA-NOT-PENDING names it). */
  applicationNo?: string | undefined;
  /** The token the refused request was about (TD-CA-APPLICATION-NOT-FOUND names it). */
  tokenSerial?: string | undefined;
}

export class CaError extends CodedError<CaErrorCode, CaErrorDetails> {
  override readonly name = 'CaError';
  declare readonly status: number | undefined;
  declare readonly attemptsLeft: number | undefined;
  declare readonly retryAfterSeconds: number | undefined;
  declare readonly applicationNo: string | undefined;
  declare readonly tokenSerial: string | undefined;

  get catalogueCode(): string {
    return CA_ERROR_CODES[this.code];
  }

  override get messageParams(): MessageParams {
    const params: Record<string, string | number> = {};
    if (this.attemptsLeft !== undefined) params.attemptsLeft = this.attemptsLeft;
    if (this.status !== undefined) params.status = this.status;
    if (this.retryAfterSeconds !== undefined) params.retryAfterMinutes = Math.max(1, Math.ceil(this.retryAfterSeconds / 60));
    if (this.applicationNo !== undefined) params.applicationNumber = this.applicationNo;
    if (this.tokenSerial !== undefined) params.tokenSerial = this.tokenSerial;
    return params;
  }
}

/** Failures below HTTP: the connection, DNS, TLS and the clocks. */
export type NetworkErrorCode =
  | 'refused'
  | 'timeout'
  | 'dns'
  | 'reset'
  | 'unreachable'
  | 'tlsUntrusted'
  | 'tlsHostname'
  | 'tlsCertExpired'
  | 'tlsCertNotYetValid'
  | 'tlsPinMismatch'
  | 'tlsHandshake'
  | 'clockSkew';

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

/** `cause`: the Node/OpenSSL error underneath (e.g. ECONNREFUSED), kept for the helpdesk report, never shown raw. */
export class NetworkError extends CodedError<NetworkErrorCode> {
  override readonly name = 'NetworkError';

  get catalogueCode(): string {
    return NETWORK_ERROR_CODES[this.code];
  }
}

export interface CatalogueErrorOptions extends CodedErrorOptions<string> {
  /** Values for the catalogue text (lengths, positions, a serial) — never a PIN. */
  params?: MessageParams | undefined;
}

/**
 * An error whose code is itself a catalogue code (TD-…), with the values its words
 * take. The kinds differ only in what went wrong, so each is this with its own name.
 */
export abstract class CatalogueError extends CodedError<string, { params: MessageParams }> {
  declare readonly params: MessageParams;

  constructor({ params = {}, ...options }: CatalogueErrorOptions) {
    super({ ...options, params });
  }

  get catalogueCode(): string {
    return this.code;
  }

  override get messageParams(): MessageParams {
    return this.params;
  }
}

/** Input the user typed that TokenDesk refuses before anything is sent or spent, e.g. TD-STORAGE-PIN-LENGTH. */
export class InputError extends CatalogueError {
  override readonly name = 'InputError';
}

/** A wizard step left untouched longer than its limit (CA manual §7.4): back to STEP1. */
export class StepTimeoutError extends CodedError<'stepTimeout', { step: number; minutes: number }> {
  override readonly name = 'StepTimeoutError';
  declare readonly step: number;
  /** The step limit in effect, from the wizard's step clock. */
  declare readonly minutes: number;

  constructor({ step, minutes }: { step: number; minutes: number }) {
    super({ code: 'stepTimeout', message: `step ${step} timed out after ${minutes} minutes`, step, minutes });
  }

  get catalogueCode(): string {
    return 'TD-STEP-TIMEOUT';
  }

  override get messageParams(): MessageParams {
    return { minutes: this.minutes };
  }
}

/** Node's own system and TLS error codes, mapped to the NetworkError codes above. */
const NODE_CODES: Readonly<Record<string, NetworkErrorCode>> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENETDOWN: 'unreachable',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tlsUntrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'tlsUntrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tlsUntrusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'tlsUntrusted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tlsUntrusted',
  CERT_UNTRUSTED: 'tlsUntrusted',
  CERT_SIGNATURE_FAILURE: 'tlsUntrusted',
  CERT_REVOKED: 'tlsUntrusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tlsHostname',
  HOSTNAME_MISMATCH: 'tlsHostname',
  CERT_HAS_EXPIRED: 'tlsCertExpired',
  CERT_NOT_YET_VALID: 'tlsCertNotYetValid',
  ERR_SSL_WRONG_VERSION_NUMBER: 'tlsHandshake',
  EPROTO: 'tlsHandshake',
};

/**
 * The NetworkError code for a Node/undici/OpenSSL failure, looking through `cause`
 * chains (fetch wraps the socket error); undefined when it is not a network failure.
 */
export function networkCodeOf(error: unknown): NetworkErrorCode | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    if (current instanceof NetworkError) return current.code;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code in NODE_CODES) return NODE_CODES[code];
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The raw code underneath (ECONNREFUSED, CERT_HAS_EXPIRED …) for reports; undefined when none. */
export function rawCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length <= 64) return code;
    if (typeof code === 'number') return String(code);
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
