/**
 * Reads the PKCS#10 CSR of a simpleenroll: base64 DER with or without line breaks
 * (CRLF or LF; a PEM wrapper is tolerated). Checks what the CA relies on: the
 * signature (proof of possession) and an RSA key of at least 2048 bits. The CSR's
 * subject is ignored on purpose: the certificate's subject comes from the application.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { serverErrors } from '../server-error.js';
import { arrayBufferOf, x509 } from './x509.js';

export interface CheckedRequest {
  publicKey: x509.PublicKey;
  /** hex SHA-256 of the SubjectPublicKeyInfo: "the same key" for idempotent issuance. */
  publicKeySha256: string;
  bits: number;
}

const MIN_RSA_BITS = 2048;
const MAX_RSA_BITS = 8192;

export function decodeBase64Body(body: string): Buffer | undefined {
  const text = body.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/[\r\n\t ]/g, '');
  if (text.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64');
}

export async function checkCertificateRequest(body: string): Promise<CheckedRequest> {
  const der = decodeBase64Body(body);
  if (!der) throw serverErrors.badRequest({ ja: 'CSRがBase64として読めません。', en: 'The CSR is not valid base64.' });
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(arrayBufferOf(der));
  } catch {
    throw serverErrors.badRequest({ ja: 'CSRがPKCS#10（DER）として読めません。', en: 'The CSR is not a PKCS#10 request (DER).' });
  }
  const spki = Buffer.from(csr.publicKey.rawData);
  let bits: number | undefined;
  let type: string | undefined;
  try {
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    type = key.asymmetricKeyType;
    bits = key.asymmetricKeyDetails?.modulusLength;
  } catch {
    type = undefined;
  }
  if (type !== 'rsa' || bits === undefined) {
    throw serverErrors.badRequest({ ja: 'CSRの公開鍵がRSAではありません。', en: 'The CSR’s public key is not RSA.' });
  }
  if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
    throw serverErrors.badRequest({
      ja: `RSA鍵長 ${bits} ビットは受け付けられません（2048ビット以上）。旧USBトークン（1024ビット）は使えません。`,
      en: `An RSA key of ${bits} bits is refused (2048 bits or more). Legacy 1024-bit tokens cannot be used.`,
    });
  }
  let valid = false;
  try {
    valid = await csr.verify();
  } catch {
    valid = false;
  }
  if (!valid) throw serverErrors.badRequest({ ja: 'CSRの署名が正しくありません。', en: 'The CSR’s signature does not verify.' });
  return { publicKey: csr.publicKey, publicKeySha256: createHash('sha256').update(spki).digest('hex'), bits };
}
