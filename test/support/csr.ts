/** A PKCS#10 request (base64 DER) for a fresh RSA-2048 key, as a token would make it. */
import { webcrypto } from 'node:crypto';
import { RSA_SHA256, x509 } from '../../src/server/pki/x509.js';

export async function makeCsr(commonName = 'tokendesk-test'): Promise<string> {
  const keys = await webcrypto.subtle.generateKey({ ...RSA_SHA256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${commonName}`, keys: keys as unknown as CryptoKeyPair, signingAlgorithm: RSA_SHA256 });
  return Buffer.from(csr.rawData).toString('base64');
}
