/**
 * The certificate a contractor stores on the token (docs/architecture.md, "Words": certificate):
 * RSA/SHA-256, subject `CN=<userId> <romanised name>, O=<company>, emailAddress`,
 * validity `years` from issuance, keyUsage digitalSignature (critical), extKeyUsage
 * clientAuth, the CRL distribution point, AKI/SKI, a 16-byte random serial.
 *
 * Built from a DER template: what never changes for this CA (version, algorithm,
 * issuer name, the basicConstraints/keyUsage/extKeyUsage/CRL DP/AKI extensions) is
 * encoded once when the issuer is made; each certificate only adds its serial,
 * validity, subject, the CSR's SubjectPublicKeyInfo (its exact bytes) and the SKI, and
 * is signed by OpenSSL (node:crypto) with the CA's KeyObject, off the event loop: on the
 * CA's signing thread (signing-thread.ts) when the context has one, else libuv's pool.
 * The bytes are the same @peculiar/x509's generator wrote (test/unit/server/
 * end-entity-template.test.ts compares them).
 */
import { createHash } from 'node:crypto';
import { tbsFields } from '../../core/x509/tbs-fields.js';
import { bytesOf, readWhole, tlvChildren, TAG } from '../../core/x509/tlv.js';
import { generateCertificateSerial } from '../identifiers.js';
import type { CaIdentity } from './ca-identity.js';
import { signOnPool, type CaSigner } from './ca-signer.js';
import { DER_NULL, derOid, derTime, derTlv, derUnsignedInteger } from './der.js';
import { x509 } from './x509.js';

export interface CertificateSubject {
  userId: string;
  name: string;
  company: string;
  email: string;
  years: number;
}

export interface IssuedCertificate {
  serial: string;
  der: Buffer;
  notBefore: Date;
  notAfter: Date;
}

const VERSION_3 = Buffer.from([0xa0, 0x03, 0x02, 0x01, 0x02]);
const SHA256_WITH_RSA = derTlv(TAG.SEQUENCE, derOid('1.2.840.113549.1.1.11'), DER_NULL);
const OID_CN = derOid('2.5.4.3');
const OID_O = derOid('2.5.4.10');
const OID_EMAIL = derOid('1.2.840.113549.1.9.1');
const OID_SKI = derOid('2.5.29.14');

/** The characters of PrintableString (X.680); anything else is written as UTF8String. */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
const ASCII = /^[ -~]*$/;

function rdn(oid: Buffer, tag: number, text: string): Buffer {
  return derTlv(TAG.SET, derTlv(TAG.SEQUENCE, oid, derTlv(tag, Buffer.from(text, tag === 0x0c ? 'utf8' : 'latin1'))));
}

/** Subject Name DER: CN and O as PrintableString when they fit it (else UTF8String), emailAddress as IA5String. */
export function subjectNameDer(s: Pick<CertificateSubject, 'userId' | 'name' | 'company' | 'email'>): Buffer {
  const directoryString = (text: string): number => (PRINTABLE.test(text) ? 0x13 : 0x0c);
  const cn = `${s.userId} ${s.name}`;
  return derTlv(
    TAG.SEQUENCE,
    rdn(OID_CN, directoryString(cn), cn),
    rdn(OID_O, directoryString(s.company), s.company),
    rdn(OID_EMAIL, ASCII.test(s.email) ? 0x16 : 0x0c, s.email),
  );
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's value. */
function subjectKeyIdentifierExtension(spki: Buffer): Buffer {
  const [, bitString] = tlvChildren(spki, readWhole(spki));
  if (!bitString || bitString.tag !== TAG.BIT_STRING) throw new Error('SubjectPublicKeyInfo without a BIT STRING');
  const id = createHash('sha1').update(spki.subarray(bitString.contentStart + 1, bitString.end)).digest();
  return derTlv(TAG.SEQUENCE, OID_SKI, derTlv(TAG.OCTET_STRING, derTlv(TAG.OCTET_STRING, id)));
}

/** The issuer's name as the bytes of the CA certificate's subject. */
function subjectOfCertificate(der: Buffer): Buffer {
  return bytesOf(der, tbsFields(der).subject);
}

export class EndEntityIssuer {
  private readonly issuerName: Buffer;
  private readonly fixedExtensions: Buffer;

  private readonly signer: CaSigner;

  constructor(
    private readonly ca: Pick<CaIdentity, 'certificateDer' | 'privateKey' | 'authorityKeyIdentifier'>,
    crlUrl: string,
    signer?: CaSigner,
  ) {
    this.signer = signer ?? signOnPool(ca.privateKey);
    this.issuerName = subjectOfCertificate(ca.certificateDer);
    // Encoded once, by the same library that wrote them before the template existed.
    this.fixedExtensions = Buffer.concat(
      [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false),
        new x509.CRLDistributionPointsExtension([crlUrl]),
        ca.authorityKeyIdentifier,
      ].map((e) => Buffer.from(e.rawData)),
    );
  }

  /** The TBSCertificate DER (exported for the template test). */
  tbsCertificate(serial: string, notBefore: Date, notAfter: Date, subject: Buffer, spki: Buffer): Buffer {
    return derTlv(
      TAG.SEQUENCE,
      VERSION_3,
      derUnsignedInteger(Buffer.from(serial, 'hex')),
      SHA256_WITH_RSA,
      this.issuerName,
      derTlv(TAG.SEQUENCE, derTime(notBefore), derTime(notAfter)),
      subject,
      spki,
      derTlv(TAG.CONTEXT_3, derTlv(TAG.SEQUENCE, this.fixedExtensions, subjectKeyIdentifierExtension(spki))),
    );
  }

  /** `spki`: the CSR's SubjectPublicKeyInfo DER (already checked: RSA, 2048+ bits). */
  async issue(subject: CertificateSubject, spki: Buffer, now = new Date(), serial = generateCertificateSerial()): Promise<IssuedCertificate> {
    const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const notAfter = new Date(notBefore);
    notAfter.setUTCFullYear(notAfter.getUTCFullYear() + subject.years);
    const tbs = this.tbsCertificate(serial, notBefore, notAfter, subjectNameDer(subject), spki);
    const signature = await this.signer('sha256', tbs);
    const der = derTlv(TAG.SEQUENCE, tbs, SHA256_WITH_RSA, derTlv(TAG.BIT_STRING, Buffer.from([0]), signature));
    return { serial, der, notBefore, notAfter };
  }
}
