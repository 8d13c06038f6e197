import { verify, X509Certificate } from 'node:crypto';
import { contentOf, isContextTag, isTime, oidOf, timeOf } from './der-values.js';
import { parseCertificate } from './certificate.js';
import { formatDn, readDn, type Dn } from './dn.js';
import { serialFromBytes } from './serial.js';
import { checkNested, readWhole, tlvChildren, TAG, type Tlv } from './tlv.js';
import { X509Error } from './x509-error.js';

/**
 * Certificate revocation lists (RFC 5280 §5): forge has no CRL parser, so this walks
 * the DER itself with the TLV reader, and node's crypto checks the signature over the exact tbsCertList bytes.
 */
export interface Crl {
  issuer: Dn;
  /** RFC 4514 string, most specific first. */
  issuerDn: string;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** Serials in the canonical form of serial.ts (lower-case hex, no leading zeros). */
  revokedSerials: string[];
}

export function parseCrl(crlDer: Uint8Array): Crl {
  const der = Buffer.from(crlDer);
  const top = readWhole(der);
  checkNested(der, top);
  const [tbsCertList] = tlvChildren(der, top);
  if (!tbsCertList) throw new X509Error({ code: 'malformed', message: 'tbsCertList: expected a constructed value' });
  const fields = tlvChildren(der, tbsCertList);
  // version is OPTIONAL (absent in v1 CRLs).
  const rest = fields[0]?.tag === TAG.INTEGER ? fields.slice(1) : fields;
  const [, issuerField, thisUpdate, ...tail] = rest;
  if (!issuerField) throw new X509Error({ code: 'malformed', message: 'CRL without issuer' });
  const issuer = readDn(der, issuerField);
  const crl: Crl = { issuer, issuerDn: formatDn(issuer), thisUpdate: timeOf(der, thisUpdate, 'thisUpdate'), revokedSerials: [] };
  let index = 0;
  const next = tail[index];
  if (isTime(next)) {
    crl.nextUpdate = timeOf(der, next, 'nextUpdate');
    index++;
  }
  const revoked = tail[index];
  if (revoked?.tag === TAG.SEQUENCE) {
    crl.revokedSerials = tlvChildren(der, revoked).map((entry) => revokedSerial(der, tlvChildren(der, entry)[0]));
  } else if (revoked && !isContextTag(revoked, 0)) {
    throw new X509Error({ code: 'malformed', message: 'unexpected field in tbsCertList' });
  }
  return crl;
}

function revokedSerial(der: Buffer, serial: Tlv | undefined): string {
  if (serial?.tag !== TAG.INTEGER) throw new X509Error({ code: 'malformed', message: 'revoked entry without serial' });
  return serialFromBytes(contentOf(der, serial)).hex;
}

/** Signature algorithms TokenDesk verifies: OID → the digest node's crypto.verify takes (null: the key implies it). */
const SIGNATURE_DIGESTS: Readonly<Record<string, string | null>> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null,
};

/**
 * True when `issuerCertDer`'s key signed the CRL and the CRL's issuer is that
 * certificate's subject. An unknown algorithm is an X509Error, not a silent `false`.
 */
export function verifyCrlSignature(crlDer: Uint8Array, issuerCertDer: Uint8Array): boolean {
  const der = Buffer.from(crlDer);
  const parts = tlvChildren(der, readWhole(der));
  const [tbsTlv, algorithmTlv, signatureTlv] = parts;
  if (!tbsTlv || !algorithmTlv || !signatureTlv || parts.length !== 3) throw new X509Error({ code: 'malformed', message: 'CRL is not SEQUENCE { tbs, algorithm, signature }' });
  const algorithmOid = oidOf(der, tlvChildren(der, algorithmTlv)[0], 'CRL algorithm');
  if (!(algorithmOid in SIGNATURE_DIGESTS)) throw new X509Error({ code: 'unsupportedAlgorithm', message: `CRL signature algorithm ${algorithmOid}`, params: { oid: algorithmOid } });
  const signatureBits = der.subarray(signatureTlv.contentStart, signatureTlv.end);
  if (signatureBits[0] !== 0) throw new X509Error({ code: 'malformed', message: 'CRL signature has unused bits' });
  let issuer: X509Certificate;
  try {
    issuer = new X509Certificate(Buffer.from(issuerCertDer));
  } catch {
    throw new X509Error({ code: 'malformed', message: 'issuer certificate rejected by OpenSSL' });
  }
  const crlIssuer = parseCrl(der).issuerDn;
  // Names compared as decoded text: CAs re-encode PrintableString as UTF8String between the two.
  if (crlIssuer !== formatDn(parseCertificate(issuerCertDer).subject)) return false;
  const tbs = der.subarray(tbsTlv.start, tbsTlv.end);
  try {
    return verify(SIGNATURE_DIGESTS[algorithmOid] ?? null, tbs, { key: issuer.publicKey, dsaEncoding: 'der' }, signatureBits.subarray(1));
  } catch {
    // A key OpenSSL cannot use or a signature it cannot decode: not a valid signature.
    return false;
  }
}
