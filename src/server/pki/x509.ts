/**
 * @peculiar/x509 wired to Node's WebCrypto, which is OpenSSL underneath: certificate,
 * CRL and CSR signatures run natively and off the event loop. Import x509 from here,
 * never directly, so the provider is always set.
 */
import 'reflect-metadata';
import { webcrypto, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };

export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** Node KeyObject → WebCrypto key for x509's generators (done once, at load). */
export async function toSigningKey(key: KeyObject): Promise<CryptoKey> {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  return (await webcrypto.subtle.importKey('pkcs8', der, RSA_SHA256, false, ['sign'])) as unknown as CryptoKey;
}

/**
 * PEM text as the CA writes it: always ending in a newline, so `cat a.pem b.pem`
 * makes a valid bundle (@peculiar/x509's toString('pem') ends without one).
 */
export function pemOf(certificate: x509.X509Certificate): string {
  return `${certificate.toString('pem').trimEnd()}\n`;
}

/** DER INTEGER for small non-negative numbers (the CRL number extension's value). */
export function derInteger(value: number): ArrayBuffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return arrayBufferOf(Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]));
}

/** A standalone ArrayBuffer copy of a Buffer (x509's BufferSource typing wants one). */
export function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
