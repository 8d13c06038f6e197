/**
 * An OpenSSL public key from a SubjectPublicKeyInfo's DER, read the fast way.
 *
 * OpenSSL 3 decodes an SPKI (or a certificate's key) through its decoder framework,
 * ~100–140 µs for RSA-2048 — 20× what importing the RSAPublicKey inside it as PKCS#1
 * DER costs (~5 µs; a JWK of n and e, ~6 µs, also needs n in base64). RSA keys, the
 * only kind a token holds here, are walked with the strict TLV reader and their
 * RSAPublicKey imported so; any other key (an IC card may carry EC) goes to OpenSSL as SPKI.
 * Both the CA (every simpleenroll's CSR) and the client (every certificate shown, every
 * key-pair check) read keys this way.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readWhole, tlvChildren, TAG, type Tlv } from './tlv.js';
import { X509Error } from './x509-error.js';

const RSA_ENCRYPTION = '2a864886f70d010101';

/** A DER INTEGER's content as unsigned bytes, if it is a minimal, positive encoding. */
function positiveInteger(der: Buffer, tlv: Tlv | undefined): Buffer | undefined {
  if (!tlv || tlv.tag !== TAG.INTEGER || tlv.end <= tlv.contentStart) return undefined;
  const bytes = der.subarray(tlv.contentStart, tlv.end);
  if (bytes[0]! & 0x80) return undefined;
  if (bytes[0] === 0) return bytes.length > 1 && bytes[1]! & 0x80 ? bytes.subarray(1) : undefined;
  return bytes;
}

/**
 * SubjectPublicKeyInfo { AlgorithmIdentifier { rsaEncryption, NULL }, BIT STRING { RSAPublicKey { n, e } } }
 * → an OpenSSL public key; undefined for anything else (another algorithm, trailing bytes, bad integers).
 */
export function rsaPublicKeyFromSpki(spki: Buffer): KeyObject | undefined {
  return rsaPublicKeyWithBits(spki)?.key;
}

/**
 * The same, with the modulus size in bits read off n — what a certificate's summary
 * shows, without asking OpenSSL for the key's details (a device read does both).
 */
export function rsaPublicKeyWithBits(spki: Buffer): { key: KeyObject; bits: number } | undefined {
  try {
    const [algorithm, bitString, ...extra] = tlvChildren(spki, readWhole(spki));
    if (extra.length > 0 || algorithm?.tag !== TAG.SEQUENCE || bitString?.tag !== TAG.BIT_STRING) return undefined;
    const [oid, parameters, ...more] = tlvChildren(spki, algorithm);
    if (more.length > 0 || oid?.tag !== TAG.OID || spki.subarray(oid.contentStart, oid.end).toString('hex') !== RSA_ENCRYPTION) return undefined;
    if (parameters?.tag !== 0x05 || parameters.end !== parameters.contentStart) return undefined;
    if (bitString.end <= bitString.contentStart || spki[bitString.contentStart] !== 0) return undefined;
    const keyDer = spki.subarray(bitString.contentStart + 1, bitString.end);
    const sequence = readWhole(keyDer);
    if (sequence.tag !== TAG.SEQUENCE) return undefined;
    const [modulus, exponent, ...rest] = tlvChildren(keyDer, sequence);
    const n = positiveInteger(keyDer, modulus);
    const e = positiveInteger(keyDer, exponent);
    if (rest.length > 0 || !n || !e) return undefined;
    // The RSAPublicKey just walked, as PKCS#1 DER: OpenSSL reads it directly (d2i_RSAPublicKey),
    // without the decoder framework an SPKI goes through, and without the base64 of n a JWK needs.
    const key = createPublicKey({ key: keyDer, format: 'der', type: 'pkcs1' });
    // n is minimal and positive: its first byte is not 0.
    return { key, bits: (n.length - 1) * 8 + (32 - Math.clz32(n[0]!)) };
  } catch {
    return undefined;
  }
}

/**
 * Any SPKI's key: a well-formed RSA key by n and e; anything else (EC, or an RSA
 * encoding the strict walk refuses) by OpenSSL's decoder, which stays the authority.
 * A key OpenSSL cannot use is an X509Error.
 */
export function publicKeyFromSpki(spki: Buffer): KeyObject {
  const rsa = rsaPublicKeyFromSpki(spki);
  if (rsa) return rsa;
  try {
    return createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch {
    throw new X509Error({ code: 'malformed', message: 'public key rejected by OpenSSL' });
  }
}
