import type { MessageParams } from './message-for.js';
/**
 * The small error classes the CA client, the wizard and the input checks throw.
 * Each carries a stable code the catalogue maps to words (see to-user-error.ts);
 * callers branch on `.code`, never on message text. None of them ever carries a PIN.
 */

/** What the CA answered, as the client understood it (TokenDesk extensions and EST). */
export type CaErrorCode =
  | 'storagePinIncorrect'
  | 'storagePinLocked'
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
  | 'serverError'
  | 'unexpectedAnswer';

export class CaError extends Error {
  override readonly name = 'CaError';
  constructor(
    readonly code: CaErrorCode,
    message: string,
    /** HTTP status of the answer, when there was one. */
    readonly status?: number,
    /** Storage-PIN attempts the CA still allows, when it said so. */
    readonly attemptsLeft?: number,
    /** Seconds the CA asked us to wait (202 / 503 + Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
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

export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    readonly code: NetworkErrorCode,
    message: string,
    /** The Node/OpenSSL error underneath (e.g. ECONNREFUSED); kept for the helpdesk report, never shown raw. */
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** Input the user typed that TokenDesk refuses before anything is sent or spent. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    /** A catalogue code, e.g. TD-STORAGE-PIN-LENGTH. */
    readonly code: string,
    message: string,
    /** Values for the catalogue text (lengths, positions) — never the PIN itself. */
    readonly params: MessageParams = {},
  ) {
    super(message);
  }
}

/** A wizard step left untouched longer than its limit (5 minutes, seed 000 §7.4): back to STEP1. */
export class StepTimeoutError extends Error {
  override readonly name = 'StepTimeoutError';
  readonly code = 'stepTimeout';
  constructor(
    readonly step: number,
    readonly minutes = 5,
  ) {
    super(`step ${step} timed out after ${minutes} minutes`);
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
