import { childrenOf, decodeDer, fromBinary, isUniversal, oidOf, timeOf, Type, type Asn1 } from './asn1.js';
import { readDn, type Dn } from './dn.js';
import { tbsFields } from './tbs-fields.js';
import { bytesOf, type Tlv } from './tlv.js';
import { X509Error } from './x509-error.js';

/**
 * The fields of an X.509 certificate TokenDesk reads: located by the TLV reader
 * (tbs-fields.ts), the values of names, validity and extensions decoded with forge's
 * ASN.1 parser — not forge.pki.certificateFromAsn1, which refuses every key that is
 * not RSA (IC cards may carry others) and hides the raw bytes the checks need.
 */
export interface ParsedCertificate {
  der: Buffer;
  /** INTEGER content octets of the serial. */
  serialBytes: Buffer;
  issuer: Dn;
  subject: Dn;
  /** The Name fields' exact DER, for issuer/subject matching. */
  issuerDer: Buffer;
  subjectDer: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** SubjectPublicKeyInfo DER: compare it with a token key's to pair them. */
  spkiDer: Buffer;
  extensions: Map<string, CertificateExtension>;
}

export interface CertificateExtension {
  critical: boolean;
  /** extnValue's content: the DER of the extension's own structure. */
  value: Buffer;
}

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const buffer = Buffer.from(der);
  // The fields located once (exact bytes), then forge for the values of those that need decoding.
  const fields = tbsFields(buffer);
  const field = (tlv: Tlv, what: string): Asn1 => decodeDer(bytesOf(buffer, tlv), what);
  const [notBefore, notAfter] = childrenOf(field(fields.validity, 'validity'), 'Validity');
  return {
    der: buffer,
    serialBytes: Buffer.from(buffer.subarray(fields.serialNumber.contentStart, fields.serialNumber.end)),
    issuer: readDn(field(fields.issuer, 'issuer')),
    subject: readDn(field(fields.subject, 'subject')),
    issuerDer: bytesOf(buffer, fields.issuer),
    subjectDer: bytesOf(buffer, fields.subject),
    notBefore: timeOf(notBefore, 'notBefore'),
    notAfter: timeOf(notAfter, 'notAfter'),
    spkiDer: bytesOf(buffer, fields.subjectPublicKeyInfo),
    extensions: fields.extensions ? readExtensions(field(fields.extensions, 'extensions')) : new Map(),
  };
}

/** extensions [3] EXPLICIT SEQUENCE OF Extension. */
function readExtensions(wrapper: Asn1): Map<string, CertificateExtension> {
  const extensions = new Map<string, CertificateExtension>();
  const [list] = childrenOf(wrapper, 'extensions');
  for (const extension of childrenOf(list, 'Extensions')) {
    const parts = childrenOf(extension, 'Extension');
    const oid = oidOf(parts[0], 'extnID');
    const critical = isUniversal(parts[1], Type.BOOLEAN) ? parts[1].value === '\xff' : false;
    const value = parts.at(-1);
    if (!isUniversal(value, Type.OCTETSTRING) || typeof value.value !== 'string') throw new X509Error({ code: 'malformed', message: `extension ${oid}` });
    extensions.set(oid, { critical, value: fromBinary(value.value) });
  }
  return extensions;
}
