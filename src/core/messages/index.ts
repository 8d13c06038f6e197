/** The error catalogue: every error TokenDesk can show, in Japanese and English, with cause and remedy. */
export { catalogue, GENERIC_CODE } from './catalogue.js';
export type { MessageEntry, Localized, Severity } from './message-entry.js';
export { messageFor, type UserMessage, type MessageParams, type MessageParam, type Language } from './message-for.js';
export { toUserError, TOKEN_ERROR_CODES, CA_ERROR_CODES, NETWORK_ERROR_CODES, X509_ERROR_CODES } from './to-user-error.js';
export { formatUserError } from './format.js';
export { phraseFor, type PhraseKey } from './phrase-for.js';
export { inLanguage } from './in-language.js';
export {
  CaError,
  NetworkError,
  InputError,
  StepTimeoutError,
  networkCodeOf,
  rawCodeOf,
  type CaErrorCode,
  type NetworkErrorCode,
} from './errors.js';
