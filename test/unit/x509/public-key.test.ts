// The fast key reader gives the very key OpenSSL's decoder gives, for RSA by n and e
// and for everything else through OpenSSL itself, and turns junk into an X509Error.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicKeyFromSpki, rsaPublicKeyFromSpki, X509Error } from '../../../src/core/x509/index.js';
import { rsaPublicKeyWithBits } from '../../../src/core/x509/public-key.js';

const spkiOf = (key: KeyObject): Buffer => key.export({ type: 'spki', format: 'der' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;

describe('publicKeyFromSpki', () => {
  it('reads an RSA key by n and e: the same key, the same details, as OpenSSL decodes', () => {
    const key = publicKeyFromSpki(spkiOf(rsa));
    expect(key.export({ format: 'jwk' })).toEqual(rsa.export({ format: 'jwk' }));
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(spkiOf(key).equals(spkiOf(rsa))).toBe(true);
  });

  it('reads the modulus size off n as OpenSSL counts it, also when it is not a whole number of bytes', () => {
    for (const modulusLength of [1024, 1025, 2047, 2048]) {
      const key = generateKeyPairSync('rsa', { modulusLength }).publicKey;
      expect(rsaPublicKeyWithBits(spkiOf(key))?.bits).toBe(key.asymmetricKeyDetails?.modulusLength);
    }
    expect(rsaPublicKeyWithBits(spkiOf(ec))).toBeUndefined();
  });

  it('hands other keys (EC, as an IC card may carry) to OpenSSL', () => {
    expect(rsaPublicKeyFromSpki(spkiOf(ec))).toBeUndefined();
    const key = publicKeyFromSpki(spkiOf(ec));
    expect(key.asymmetricKeyType).toBe('ec');
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('refuses trailing bytes and non-minimal integers on the fast path, and junk everywhere', () => {
    expect(rsaPublicKeyFromSpki(Buffer.concat([spkiOf(rsa), Buffer.from([0])]))).toBeUndefined();
    expect(() => publicKeyFromSpki(Buffer.from('3003020100', 'hex'))).toThrow(X509Error);
    expect(() => publicKeyFromSpki(Buffer.alloc(0))).toThrow(X509Error);
  });
});
