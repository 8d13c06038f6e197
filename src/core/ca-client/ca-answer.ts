/**
 * Turns an HTTP answer that is not a success into a CaError. The reference CA's
 * JSON error body names its refusal with a code; any other EST server says only
 * an HTTP status, which is mapped as RFC 7030 defines it.
 */
import { CaError, type CaErrorCode } from '../messages/errors.js';
import { printable } from '../printable.js';
import type { HttpsAnswer } from './https-exchange.js';

/** The reference CA's error codes (src/server/server-error.ts) → the client's. */
const SERVER_CODES: Readonly<Record<string, CaErrorCode>> = {
  storagePinIncorrect: 'storagePinIncorrect',
  storagePinLocked: 'storagePinLocked',
  storagePinFinalTry: 'storagePinFinalTry',
  storagePinFormat: 'badRequest',
  storagePinSpent: 'applicationNotPending',
  // The operator issued a new PIN while this request ran: for the user, the PIN typed is no longer right.
  storagePinReplaced: 'storagePinIncorrect',
  authRequired: 'unauthorized',
  applicationNotFound: 'applicationNotFound',
  tokenNotFound: 'applicationNotFound',
  applicationRevoked: 'applicationNotPending',
  awaitingApproval: 'pendingApproval',
  differentKey: 'alreadyIssued',
  certificateNotIssued: 'applicationNotPending',
  rateLimited: 'rateLimited',
  // Other tries of the same PIN or code are being checked: this one was not, and counts for nothing.
  storagePinBusy: 'checkBusy',
  unlockCodeBusy: 'checkBusy',
  internalError: 'serverError',
  caNotInitialized: 'serverError',
  unlockCodeFormat: 'unlockCodeFormat',
  unlockCodeNotIssued: 'unlockCodeNotIssued',
  unlockCodeIncorrect: 'unlockCodeIncorrect',
  unlockCodeSpent: 'unlockCodeSpent',
  unlockCodeExpired: 'unlockCodeExpired',
  tokenNotManaged: 'tokenNotManaged',
};

const STATUS_CODES: Readonly<Record<number, CaErrorCode>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'unauthorized',
  404: 'applicationNotFound',
  409: 'alreadyIssued',
  413: 'badRequest',
  415: 'badRequest',
  423: 'storagePinLocked',
  429: 'rateLimited',
};

interface ErrorBody {
  error?: { code?: unknown; message?: { en?: unknown }; attemptsLeft?: unknown };
}

export function retryAfterSeconds(answer: HttpsAnswer): number | undefined {
  const header = answer.headers['retry-after'];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** What a refused request was about, for the words that name it (never a PIN). */
export interface RefusedAbout {
  applicationNo?: string;
  tokenSerial?: string;
}

export function caErrorFrom(answer: HttpsAnswer, what: string, about: RefusedAbout = {}): CaError {
  let body: ErrorBody | undefined;
  if (String(answer.headers['content-type'] ?? '').includes('json')) {
    try {
      body = JSON.parse(answer.body.toString('utf8')) as ErrorBody;
    } catch {
      body = undefined;
    }
  }
  // EST answers are text/plain (RFC 7030 §4.2.3): there the reference CA names its
  // refusal in a header. Without it a key the CA refuses (differentKey) read as a bare
  // 400, and STEP4 never tried a new key nor showed the words for it.
  const header = answer.headers['x-tokendesk-error'];
  const serverCode = typeof body?.error?.code === 'string' ? body.error.code : typeof header === 'string' ? header : undefined;
  const code: CaErrorCode =
    (serverCode && SERVER_CODES[serverCode]) ||
    STATUS_CODES[answer.status] ||
    (answer.status >= 500 ? 'serverError' : 'unexpectedAnswer');
  const attemptsLeft = typeof body?.error?.attemptsLeft === 'number' ? body.error.attemptsLeft : undefined;
  const said = typeof body?.error?.message?.en === 'string' ? `: ${body.error.message.en}` : '';
  return new CaError({
    code,
    message: `${what}: HTTP ${answer.status}${said}`,
    status: answer.status,
    attemptsLeft,
    retryAfterSeconds: retryAfterSeconds(answer),
    // Typed by the user or read from a token: shown only as printable text.
    ...(about.applicationNo !== undefined ? { applicationNo: printable(about.applicationNo, 64) } : {}),
    ...(about.tokenSerial !== undefined ? { tokenSerial: printable(about.tokenSerial, 64) } : {}),
  });
}
