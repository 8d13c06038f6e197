import { TOKEN_ERROR_CODES, type TokenError } from '../pkcs11/token-error.js';
import { GENERIC_CODE, catalogue } from './catalogue.js';
import { CodedError } from './coded-error.js';
import { networkCodeOf, NETWORK_ERROR_CODES, rawCodeOf } from './errors.js';
import { messageFor, type UserMessage } from './message-for.js';

/**
 * Whatever was thrown, the words a user sees: every TokenError, CA answer, network
 * and TLS failure, input refusal and X.509 failure has its entry; anything else gets
 * the generic entry with its raw code. Never a stack trace, never an error's own
 * message text (it may hold details meant for developers).
 */

export function toUserError(error: unknown): UserMessage {
  const coded = codedOf(error);
  if (coded) return catalogue.has(coded.catalogueCode) ? messageFor(coded.catalogueCode, coded.messageParams) : generic(coded.code);
  const network = networkCodeOf(error);
  if (network) return messageFor(NETWORK_ERROR_CODES[network]);
  return generic(rawCodeOf(error) ?? nameOf(error));
}

/** Each error names its own catalogue entry and fills it (coded-error.ts). */
function codedOf(error: unknown): Pick<CodedError, 'code' | 'catalogueCode' | 'messageParams'> | undefined {
  if (error instanceof CodedError) return error;
  if (isTokenErrorLike(error)) return { code: error.code, catalogueCode: TOKEN_ERROR_CODES[error.code], messageParams: error.messageParams ?? {} };
  return undefined;
}

/** TokenErrors from another copy of the module (tests, bundles) still map by their code. */
function isTokenErrorLike(error: unknown): error is TokenError {
  if (!(error instanceof Error) || error.name !== 'TokenError') return false;
  const code: unknown = (error as unknown as { code?: unknown }).code;
  return typeof code === 'string' && code in TOKEN_ERROR_CODES;
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
