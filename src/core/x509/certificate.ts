import { booleanOf, contentOf, isPrimitive, oidOf, timeOf } from './der-values.js';
import { readDn, type Dn } from './dn.js';
import { tbsFields } from './tbs-fields.js';
import { checkNested, tlvChildren, TAG, type Tlv } from './tlv.js';
import { X509Error } from './x509-error.js';

/**
 * The fields of an X.509 certificate TokenDesk reads, all with the strict TLV reader
 * (tbs-fields.ts, der-values.ts) — not forge.pki.certificateFromAsn1, which refuses
 * every key that is not RSA (IC cards may carry others) and hides the raw bytes the
 * checks need, nor forge's ASN.1 tree, which costs every device read a second parse.
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
  const fields = tbsFields(buffer);
  // The fields read below are refused whole when damaged anywhere inside, even where this reader does not look.
  for (const field of [fields.issuer, fields.validity, fields.subject, ...(fields.extensions ? [fields.extensions] : [])]) checkNested(buffer, field);
  const [notBefore, notAfter] = tlvChildren(buffer, fields.validity);
  // `buffer` is this parse's own copy: the fields are views into it, not further copies
  // (every device read parses the holder's certificate; test/bench device-info).
  return {
    der: buffer,
    serialBytes: contentOf(buffer, fields.serialNumber),
    issuer: readDn(buffer, fields.issuer),
    subject: readDn(buffer, fields.subject),
    issuerDer: buffer.subarray(fields.issuer.start, fields.issuer.end),
    subjectDer: buffer.subarray(fields.subject.start, fields.subject.end),
    notBefore: timeOf(buffer, notBefore, 'notBefore'),
    notAfter: timeOf(buffer, notAfter, 'notAfter'),
    spkiDer: buffer.subarray(fields.subjectPublicKeyInfo.start, fields.subjectPublicKeyInfo.end),
    extensions: fields.extensions ? readExtensions(buffer, fields.extensions) : new Map(),
  };
}

/** extensions [3] EXPLICIT SEQUENCE OF Extension { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
function readExtensions(der: Buffer, wrapper: Tlv): Map<string, CertificateExtension> {
  const extensions = new Map<string, CertificateExtension>();
  const [list] = tlvChildren(der, wrapper);
  if (!list) throw new X509Error({ code: 'malformed', message: 'extensions: expected a constructed value' });
  for (const extension of tlvChildren(der, list)) {
    const parts = tlvChildren(der, extension);
    const oid = oidOf(der, parts[0], 'extnID');
    const value = parts.at(-1);
    if (value?.tag !== TAG.OCTET_STRING || !isPrimitive(value)) throw new X509Error({ code: 'malformed', message: `extension ${oid}` });
    extensions.set(oid, { critical: booleanOf(der, parts[1]), value: contentOf(der, value) });
  }
  return extensions;
}
