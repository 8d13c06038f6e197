import { createPublicKey, verify } from 'node:crypto';
import { Class, create, encodeDer, oidNode, toBinary, Type, unsignedInteger, type Asn1 } from './asn1.js';
import { encodeDn } from './dn-encode.js';
import { parseDn, type Dn } from './dn.js';
import { X509Error } from './x509-error.js';

/**
 * PKCS#10 requests whose signature comes from the token (CKM_SHA256_RSA_PKCS): the
 * private key never leaves it, so this module only lays out the bytes, hands the
 * CertificationRequestInfo to a signing callback, and checks the answer.
 */

const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

export interface CsrRequest {
  /**
   * Subject: a parsed DN (ASN.1 order), a `CN=…,O=…,C=JP` string (EST-only profile,
   * `--subject`), or nothing — the reference CA takes the subject from the application.
   */
  subject?: Dn | string;
  /** CKA_MODULUS of the token's public key, big-endian. */
  modulus: Uint8Array;
  /** CKA_PUBLIC_EXPONENT, big-endian. */
  publicExponent: Uint8Array;
  /** Signs the CertificationRequestInfo DER with RSASSA-PKCS1-v1_5 over SHA-256 (the token does). */
  sign: (tbs: Buffer) => Promise<Buffer>;
}

/** SubjectPublicKeyInfo DER of an RSA public key, as it appears in certificates. */
export function rsaSpki(modulus: Uint8Array, publicExponent: Uint8Array): Buffer {
  return encodeDer(rsaSpkiNode(modulus, publicExponent));
}

function rsaSpkiNode(modulus: Uint8Array, publicExponent: Uint8Array): Asn1 {
  const rsaPublicKey = create(Class.UNIVERSAL, Type.SEQUENCE, true, [unsignedInteger(modulus), unsignedInteger(publicExponent)]);
  return create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    algorithm(OID_RSA_ENCRYPTION),
    // BIT STRING: a leading 0x00 says no unused bits.
    create(Class.UNIVERSAL, Type.BITSTRING, false, `\0${toBinary(encodeDer(rsaPublicKey))}`),
  ]);
}

function algorithm(oid: string): Asn1 {
  return create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    oidNode(oid),
    create(Class.UNIVERSAL, Type.NULL, false, ''),
  ]);
}

export async function buildCsr(request: CsrRequest): Promise<Buffer> {
  if (request.modulus.length === 0 || request.publicExponent.length === 0) {
    throw new X509Error({ code: 'malformed', message: 'public key without modulus or exponent' });
  }
  const subject = typeof request.subject === 'string' ? parseDn(request.subject) : (request.subject ?? []);
  const spki = rsaSpkiNode(request.modulus, request.publicExponent);
  const info = create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    create(Class.UNIVERSAL, Type.INTEGER, false, '\0'),
    encodeDn(subject),
    spki,
    // attributes [0]: none. The CA takes extensions from the application, not the request.
    create(Class.CONTEXT_SPECIFIC, 0, true, []),
  ]);
  const tbs = encodeDer(info);
  const signature = await request.sign(tbs);
  // A token that signed with another key (wrong CKA_ID, stale handle) must not reach the CA.
  const publicKey = createPublicKey({ key: encodeDer(spki), format: 'der', type: 'spki' });
  if (!verify('sha256', tbs, publicKey, signature)) {
    throw new X509Error({ code: 'csrSignatureInvalid', message: 'the token signature does not verify with the request public key' });
  }
  const request10 = create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    info,
    algorithm(OID_SHA256_WITH_RSA),
    create(Class.UNIVERSAL, Type.BITSTRING, false, `\0${toBinary(signature)}`),
  ]);
  return encodeDer(request10);
}

/**
 * The body of an EST simpleenroll POST: base64 in 64-column lines, each ending in
 * "\n" (RFC 7030 §4.2.1 with RFC 2045 line length; strict servers reject one long line).
 */
export function csrToEstBody(der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return lines.map((line) => `${line}\n`).join('');
}
