/** The error catalogue: every error TokenDesk can show, in Japanese and English, with cause and remedy. */
export { CATALOGUE_SECTIONS, catalogue, GENERIC_CODE } from './catalogue.js';
export type { MessageEntry, Localized, Severity } from './message-entry.js';
export { messageFor, type UserMessage, type MessageParams, type MessageParam, type Language } from './message-for.js';
export { toUserError } from './to-user-error.js';
export { CodedError, type CodedErrorOptions } from './coded-error.js';
export { TOKEN_ERROR_CODES } from '../pkcs11/token-error.js';
export { X509_ERROR_CODES } from '../x509/x509-error.js';
export { formatUserError } from './format.js';
export { phraseFor, type PhraseKey } from './phrase-for.js';
export { inLanguage } from './in-language.js';
export {
  CaError,
  NetworkError,
  InputError,
  StepTimeoutError,
  CA_ERROR_CODES,
  NETWORK_ERROR_CODES,
  networkCodeOf,
  rawCodeOf,
  type CaErrorCode,
  type NetworkErrorCode,
} from './errors.js';
