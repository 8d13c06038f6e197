/**
 * Where each field of a certificate's TBSCertificate lies (RFC 5280 §4.1), found
 * once with the TLV reader: the parser (certificate.ts), the PKCS#11 attributes
 * beside a stored certificate (CKA_SUBJECT …) and the reference CA all read the
 * fields here instead of counting positions themselves.
 */
import { readWhole, tlvChildren, TAG, type Tlv } from './tlv.js';
import { X509Error } from './x509-error.js';

export interface TbsFields {
  /** The whole tbsCertificate: what the signature covers. */
  tbs: Tlv;
  serialNumber: Tlv;
  signature: Tlv;
  issuer: Tlv;
  validity: Tlv;
  subject: Tlv;
  subjectPublicKeyInfo: Tlv;
  /** The [3] EXPLICIT wrapper of the extensions, when there are any. */
  extensions?: Tlv;
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }. */
export function tbsFields(der: Uint8Array): TbsFields {
  const parts = tlvChildren(der, readWhole(der));
  const [tbs, algorithm, signatureValue] = parts;
  if (parts.length !== 3 || tbs?.tag !== TAG.SEQUENCE || algorithm?.tag !== TAG.SEQUENCE || signatureValue?.tag !== TAG.BIT_STRING) {
    throw new X509Error({ code: 'malformed', message: 'not a Certificate (tbsCertificate, signatureAlgorithm, signatureValue)' });
  }
  const children = tlvChildren(der, tbs);
  // version is [0] EXPLICIT and absent for v1.
  const fields = children[0]?.tag === TAG.CONTEXT_0 ? children.slice(1) : children;
  const [serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, ...optional] = fields;
  if (serialNumber?.tag !== TAG.INTEGER || !signature || !issuer || !validity || !subject || !subjectPublicKeyInfo) {
    throw new X509Error({ code: 'malformed', message: 'tbsCertificate is missing fields' });
  }
  const extensions = optional.find((field) => field.tag === TAG.CONTEXT_3);
  return { tbs, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, ...(extensions ? { extensions } : {}) };
}
