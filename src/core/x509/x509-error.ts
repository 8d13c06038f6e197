/**
 * Every failure of the X.509 code is an X509Error with a stable code: outside input
 * (a CA's answer, a token's certificate, a `--subject` argument) must never surface
 * as a parser's stack trace. The catalogue (src/core/messages) maps the codes to words.
 */

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

export class X509Error extends Error {
  override readonly name = 'X509Error';
  constructor(
    readonly code: X509ErrorCode,
    message: string,
    /** Details for the catalogue text: never secrets, only attribute names, positions and reasons. */
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}
