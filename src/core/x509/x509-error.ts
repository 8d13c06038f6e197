/**
 * Every failure of the X.509 code is an X509Error with a stable code: outside input
 * (a CA's answer, a token's certificate, a `--subject` argument) must never surface
 * as a parser's stack trace. The catalogue (src/core/messages) maps the codes to words.
 */

import { CodedError, type CodedErrorOptions } from '../messages/coded-error.js';
import type { Localized } from '../messages/message-entry.js';
import type { MessageParams } from '../messages/message-for.js';

export type X509ErrorCode =
  /** Not DER, truncated, or not the ASN.1 structure expected. */
  | 'malformed'
  /** Text that should be base64 but is not. */
  | 'notBase64'
  /** A PKCS#7 that is not certs-only signedData. */
  | 'notPkcs7'
  /** A certs-only PKCS#7 carrying no certificate. */
  | 'noCertificates'
  /** A `--subject` DN that cannot be parsed (see `params.reason`). */
  | 'subjectInvalid'
  /** The token's signature on the CSR does not verify with the public key it is meant to prove. */
  | 'csrSignatureInvalid'
  /** A signature or key algorithm TokenDesk does not verify. */
  | 'unsupportedAlgorithm';

export const X509_ERROR_CODES: Readonly<Record<X509ErrorCode, string>> = {
  malformed: 'TD-CERT-UNREADABLE',
  notBase64: 'TD-CA-ANSWER-UNREADABLE',
  notPkcs7: 'TD-CA-ANSWER-UNREADABLE',
  noCertificates: 'TD-CA-ANSWER-UNREADABLE',
  subjectInvalid: 'TD-SUBJECT-INVALID',
  csrSignatureInvalid: 'TD-CERT-KEY-MISMATCH',
  unsupportedAlgorithm: 'TD-CERT-UNREADABLE',
};

/** Words for the reasons parseDn gives (params.reason) in --subject errors. */
const SUBJECT_REASONS: Readonly<Record<string, Localized>> = {
  syntax: { ja: '書式の誤り', en: 'syntax error' },
  unknownAttribute: { ja: '不明な属性名', en: 'unknown attribute' },
  emptyValue: { ja: '値が空', en: 'empty value' },
  countryCode: { ja: 'C は大文字2文字', en: 'C must be two capital letters' },
  tooLong: { ja: '値が長すぎます', en: 'value too long' },
  notAscii: { ja: '半角英数字のみ', en: 'ASCII only' },
};

export interface X509ErrorOptions extends CodedErrorOptions<X509ErrorCode> {
  /** Details for the catalogue text: never secrets, only attribute names, positions and reasons. */
  params?: Readonly<Record<string, string | number>> | undefined;
}

export class X509Error extends CodedError<X509ErrorCode, { params: Readonly<Record<string, string | number>> }> {
  override readonly name = 'X509Error';
  declare readonly params: Readonly<Record<string, string | number>>;

  constructor({ params = {}, ...options }: X509ErrorOptions) {
    super({ ...options, params });
  }

  get catalogueCode(): string {
    return X509_ERROR_CODES[this.code];
  }

  override get messageParams(): MessageParams {
    const reason = SUBJECT_REASONS[String(this.params.reason)];
    const attribute = this.params.attribute === undefined ? '' : ` ${String(this.params.attribute)}`;
    return reason ? { detail: { ja: `${reason.ja}${attribute}`, en: `${reason.en}${attribute}` } } : {};
  }
}
