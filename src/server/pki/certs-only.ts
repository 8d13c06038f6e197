/**
 * RFC 7030 answers certificates as a PKCS#7 "certs-only" SignedData, base64 with
 * line breaks (CRLF, 64 columns) so `openssl base64 -d` and MIME readers both accept it.
 */
import { arrayBufferOf, x509 } from './x509.js';

export const CERTS_ONLY_CONTENT_TYPE = 'application/pkcs7-mime; smime-type=certs-only';

export function certsOnlyDer(certificates: Array<Buffer | x509.X509Certificate>): Buffer {
  const list = new x509.X509Certificates(certificates.map((c) => (c instanceof x509.X509Certificate ? c : new x509.X509Certificate(arrayBufferOf(c)))));
  return Buffer.from(list.export('raw'));
}

export function base64Lines(der: Buffer): string {
  return `${der.toString('base64').replace(/.{1,64}/g, '$&\r\n')}`;
}
