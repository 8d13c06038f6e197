/**
 * RFC 7030 answers certificates as a PKCS#7 "certs-only" SignedData, base64 with
 * line breaks (CRLF, 64 columns) so `openssl base64 -d` and MIME readers both accept it.
 * Laid out from pre-encoded parts around the certificates' own bytes (the same DER
 * @peculiar/x509's X509Certificates.export wrote: version 1, no digest algorithms,
 * id-data content with an empty OCTET STRING, no signers).
 */
import { readWhole, TAG } from '../../core/x509/tlv.js';
import { derOid, derTlv } from './der.js';

export const CERTS_ONLY_CONTENT_TYPE = 'application/pkcs7-mime; smime-type=certs-only';

const OID_SIGNED_DATA = derOid('1.2.840.113549.1.7.2');
const VERSION_1 = Buffer.from([0x02, 0x01, 0x01]);
const EMPTY_SET = Buffer.from([TAG.SET, 0x00]);
const ENCAP_DATA = derTlv(TAG.SEQUENCE, derOid('1.2.840.113549.1.7.1'), derTlv(TAG.CONTEXT_0, derTlv(TAG.OCTET_STRING)));

/** `certificates`: DER certificates (each checked to be one whole DER value). */
export function certsOnlyDer(certificates: Buffer[]): Buffer {
  for (const der of certificates) if (readWhole(der).tag !== TAG.SEQUENCE) throw new Error('not a certificate');
  const signedData = derTlv(TAG.SEQUENCE, VERSION_1, EMPTY_SET, ENCAP_DATA, derTlv(TAG.CONTEXT_0, ...certificates), EMPTY_SET);
  return derTlv(TAG.SEQUENCE, OID_SIGNED_DATA, derTlv(TAG.CONTEXT_0, signedData));
}

export function base64Lines(der: Buffer): string {
  return `${der.toString('base64').replace(/.{1,64}/g, '$&\r\n')}`;
}
