/**
 * Reads the PKCS#10 CSR of a simpleenroll: base64 DER with or without line breaks
 * (CRLF or LF; a PEM wrapper is tolerated). Checks what the CA relies on: the
 * signature (proof of possession) and an RSA key of at least 2048 bits. The CSR's
 * subject is ignored on purpose: the certificate's subject comes from the application.
 * Its challengePassword attribute, where RFC 7030 §3.5 puts the TLS connection's
 * tls-unique, is read out for the caller to check against the connection
 * (channel-binding.ts) — never ignored.
 *
 * A strict DER walk (src/core/x509/tlv.ts) finds the three parts; the RSA key is read
 * by n and e (src/core/x509/public-key.ts) and OpenSSL (node:crypto) checks the
 * signature. No ASN.1 object model is built per request.
 */
import { createHash, verify } from 'node:crypto';
import { rsaPublicKeyFromSpki } from '../../core/x509/public-key.js';
import { readWhole, tlvChildren, TAG, type Tlv } from '../../core/x509/tlv.js';
import { serverErrors } from '../server-error.js';

export interface CheckedRequest {
  /** The SubjectPublicKeyInfo DER, exactly as in the CSR (it goes into the certificate as is). */
  spki: Buffer;
  /** hex SHA-256 of the SubjectPublicKeyInfo: "the same key" for idempotent issuance. */
  publicKeySha256: string;
  bits: number;
  /** The challengePassword attribute's text, when the CSR has one. */
  challengePassword?: string;
}

const MIN_RSA_BITS = 2048;
const MAX_RSA_BITS = 8192;

/** Signature algorithms (RSASSA-PKCS1-v1_5) by the DER content of their OID. */
const RSA_SIGNATURE_HASHES = new Map<string, string>([
  ['2a864886f70d01010b', 'sha256'], // sha256WithRSAEncryption
  ['2a864886f70d01010c', 'sha384'],
  ['2a864886f70d01010d', 'sha512'],
  ['2a864886f70d01010e', 'sha224'],
  ['2a864886f70d010105', 'sha1'], // sha1WithRSAEncryption: only the CSR's proof of possession, as before
]);

export function decodeBase64Body(body: string): Buffer | undefined {
  const text = body.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/[\r\n\t ]/g, '');
  if (text.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64');
}

interface CsrParts {
  info: Tlv;
  spki: Tlv;
  challengePassword: string | undefined;
  signatureHash: string | undefined;
  signature: Buffer;
}

function expect(tlv: Tlv | undefined, tag: number): Tlv {
  if (!tlv || tlv.tag !== tag) throw new Error('unexpected DER');
  return tlv;
}

/** challengePassword (PKCS#9, 1.2.840.113549.1.9.7) by the DER content of its OID. */
const OID_CHALLENGE_PASSWORD = '2a864886f70d010907';
/** DirectoryString choices (and IA5String, which some tools write) as text tags. */
const TEXT_TAGS = new Set([0x0c, 0x13, 0x14, 0x16]);

/**
 * attributes [0] ::= SET OF SEQUENCE { type OID, values SET OF value }: the one
 * challengePassword's text, if any. Two of them, or one with several values, is malformed.
 */
function challengePasswordOf(der: Buffer, attributes: Tlv): string | undefined {
  let found: string | undefined;
  for (const attribute of tlvChildren(der, attributes)) {
    const [type, values, ...rest] = tlvChildren(der, expect(attribute, TAG.SEQUENCE));
    expect(type, TAG.OID);
    if (rest.length > 0) throw new Error('unexpected DER');
    const set = tlvChildren(der, expect(values, TAG.SET));
    if (der.subarray(type!.contentStart, type!.end).toString('hex') !== OID_CHALLENGE_PASSWORD) continue;
    const [value, ...more] = set;
    if (found !== undefined || !value || more.length > 0 || !TEXT_TAGS.has(value.tag)) throw new Error('unexpected challengePassword');
    found = der.subarray(value.contentStart, value.end).toString(value.tag === 0x0c ? 'utf8' : 'latin1');
  }
  return found;
}

/** CertificationRequest ::= SEQUENCE { info, signatureAlgorithm, signature BIT STRING }. */
function csrParts(der: Buffer): CsrParts {
  const top = expect(readWhole(der), TAG.SEQUENCE);
  const [infoTlv, algorithm, signatureTlv, ...extra] = tlvChildren(der, top);
  if (extra.length > 0) throw new Error('unexpected DER');
  const info = expect(infoTlv, TAG.SEQUENCE);
  // CertificationRequestInfo ::= SEQUENCE { version INTEGER (0), subject Name, subjectPKInfo, attributes [0] }
  const [version, subject, spkiTlv, attributes, ...more] = tlvChildren(der, info);
  expect(version, TAG.INTEGER);
  if (version!.end - version!.contentStart !== 1 || der[version!.contentStart] !== 0) throw new Error('unexpected version');
  tlvChildren(der, expect(subject, TAG.SEQUENCE));
  const spki = expect(spkiTlv, TAG.SEQUENCE);
  const challengePassword = challengePasswordOf(der, expect(attributes, TAG.CONTEXT_0));
  if (more.length > 0) throw new Error('unexpected DER');
  const [oid, parameters, ...rest] = tlvChildren(der, expect(algorithm, TAG.SEQUENCE));
  expect(oid, TAG.OID);
  if (rest.length > 0 || (parameters && !(parameters.tag === 0x05 && parameters.end === parameters.contentStart))) throw new Error('unexpected parameters');
  const bits = expect(signatureTlv, TAG.BIT_STRING);
  if (bits.end <= bits.contentStart || der[bits.contentStart] !== 0) throw new Error('signature with unused bits');
  return {
    info,
    spki,
    challengePassword,
    signatureHash: RSA_SIGNATURE_HASHES.get(der.subarray(oid!.contentStart, oid!.end).toString('hex')),
    signature: der.subarray(bits.contentStart + 1, bits.end),
  };
}

export async function checkCertificateRequest(body: string): Promise<CheckedRequest> {
  const der = decodeBase64Body(body);
  if (!der) throw serverErrors.badRequest({ ja: 'CSRがBase64として読めません。', en: 'The CSR is not valid base64.' });
  let parts: CsrParts;
  try {
    parts = csrParts(der);
  } catch {
    throw serverErrors.badRequest({ ja: 'CSRがPKCS#10（DER）として読めません。', en: 'The CSR is not a PKCS#10 request (DER).' });
  }
  const spki = Buffer.from(der.subarray(parts.spki.start, parts.spki.end));
  const key = rsaPublicKeyFromSpki(spki);
  const bits = key?.asymmetricKeyType === 'rsa' ? key.asymmetricKeyDetails?.modulusLength : undefined;
  if (!key || bits === undefined) {
    throw serverErrors.badRequest({ ja: 'CSRの公開鍵がRSAではありません。', en: 'The CSR’s public key is not RSA.' });
  }
  if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
    throw serverErrors.badRequest({
      ja: `RSA鍵長 ${bits} ビットは受け付けられません（2048ビット以上）。旧USBトークン（1024ビット）は使えません。`,
      en: `An RSA key of ${bits} bits is refused (2048 bits or more). Legacy 1024-bit tokens cannot be used.`,
    });
  }
  // The CSR's self-signature proves nothing for e = 1 (its "signature" is the padded hash
  // itself, made without any private key), nor for other weak exponents: the CA/Browser
  // Forum's rule (Baseline Requirements 6.1.6), which every token's 65537 meets.
  const exponent = key.asymmetricKeyDetails?.publicExponent;
  if (exponent === undefined || exponent < 65_537n || exponent % 2n === 0n || exponent >= 2n ** 256n) {
    throw serverErrors.badRequest({
      ja: 'CSRの公開鍵の公開指数（e）は受け付けられません（65537以上の奇数）。USBトークン上で生成し直した鍵で申請してください。',
      en: 'The public exponent (e) of the CSR’s key is refused (an odd number of at least 65537). Generate the key on the token again and resend.',
    });
  }
  let valid = false;
  try {
    valid = parts.signatureHash !== undefined && verify(parts.signatureHash, der.subarray(parts.info.start, parts.info.end), key, parts.signature);
  } catch {
    valid = false;
  }
  if (!valid) throw serverErrors.badRequest({ ja: 'CSRの署名が正しくありません。', en: 'The CSR’s signature does not verify.' });
  return {
    spki,
    publicKeySha256: createHash('sha256').update(spki).digest('hex'),
    bits,
    ...(parts.challengePassword !== undefined ? { challengePassword: parts.challengePassword } : {}),
  };
}
