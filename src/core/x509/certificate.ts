import { childrenOf, decodeDer, fromBinary, isContext, isUniversal, oidOf, timeOf, Type, type Asn1 } from './asn1.js';
import { readDn, type Dn } from './dn.js';
import { bytesOf, readWhole, tlvChildren } from './tlv.js';
import { X509Error } from './x509-error.js';

/**
 * The fields of an X.509 certificate TokenDesk reads, walked with forge's ASN.1 parser
 * rather than forge.pki.certificateFromAsn1, which refuses every key that is not RSA
 * (IC cards may carry others) and hides the raw bytes the checks need.
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
  // Raw slices first (exact bytes), then forge for the values.
  const top = readWhole(buffer);
  const [tbsTlv] = tlvChildren(buffer, top);
  if (!tbsTlv) throw new X509Error({ code: 'malformed', message: 'certificate without tbsCertificate' });
  const tbsChildren = tlvChildren(buffer, tbsTlv);
  const offset = tbsChildren[0]?.tag === 0xa0 ? 1 : 0;
  const issuerTlv = tbsChildren[offset + 2];
  const subjectTlv = tbsChildren[offset + 4];
  const spkiTlv = tbsChildren[offset + 5];
  if (!issuerTlv || !subjectTlv || !spkiTlv) throw new X509Error({ code: 'malformed', message: 'tbsCertificate is missing fields' });

  const certificate = decodeDer(buffer, 'certificate');
  const [tbs] = childrenOf(certificate, 'Certificate');
  const fields = childrenOf(tbs, 'tbsCertificate');
  const rest = isContext(fields[0], 0) ? fields.slice(1) : fields;
  const [serial, , issuer, validity, subject] = rest;
  if (!isUniversal(serial, Type.INTEGER) || typeof serial.value !== 'string') throw new X509Error({ code: 'malformed', message: 'certificate serial' });
  const [notBefore, notAfter] = childrenOf(validity, 'Validity');
  return {
    der: buffer,
    serialBytes: fromBinary(serial.value),
    issuer: readDn(requireNode(issuer, 'issuer')),
    subject: readDn(requireNode(subject, 'subject')),
    issuerDer: bytesOf(buffer, issuerTlv),
    subjectDer: bytesOf(buffer, subjectTlv),
    notBefore: timeOf(notBefore, 'notBefore'),
    notAfter: timeOf(notAfter, 'notAfter'),
    spkiDer: bytesOf(buffer, spkiTlv),
    extensions: readExtensions(rest.slice(6)),
  };
}

function requireNode(node: Asn1 | undefined, what: string): Asn1 {
  if (!node) throw new X509Error({ code: 'malformed', message: `certificate without ${what}` });
  return node;
}

function readExtensions(trailing: Asn1[]): Map<string, CertificateExtension> {
  const extensions = new Map<string, CertificateExtension>();
  const wrapper = trailing.find((node) => isContext(node, 3));
  if (!wrapper) return extensions;
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
