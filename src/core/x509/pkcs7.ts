import { oidOf } from './der-values.js';
import { bytesOf, readWhole, tlvChildren, TAG } from './tlv.js';
import { X509Error } from './x509-error.js';

/**
 * Certificates out of an EST answer (RFC 7030 §4.1.3, §4.2.3): a certs-only PKCS#7
 * (CMS SignedData without signers), base64 with or without line breaks (CRLF or LF),
 * PEM-armoured, or raw DER — liberal in what we accept. The leaf and any chain come
 * back as the exact DER the server sent, in the server's order.
 */

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';

export function parsePkcs7CertsOnly(body: string | Uint8Array): Buffer[] {
  const der = toDer(body);
  const top = readWhole(der);
  if (top.tag !== TAG.SEQUENCE) throw new X509Error({ code: 'notPkcs7', message: 'not a PKCS#7 ContentInfo' });
  const [contentType, explicitContent] = tlvChildren(der, top);
  if (!contentType || contentType.tag !== TAG.OID) throw new X509Error({ code: 'notPkcs7', message: 'PKCS#7 without a content type' });
  const oid = oidOf(der, contentType, 'contentType');
  if (oid !== OID_SIGNED_DATA) throw new X509Error({ code: 'notPkcs7', message: `PKCS#7 content type ${oid} is not signedData` });
  if (!explicitContent || explicitContent.tag !== TAG.CONTEXT_0) throw new X509Error({ code: 'notPkcs7', message: 'signedData without content' });
  const [signedData] = tlvChildren(der, explicitContent);
  if (!signedData || signedData.tag !== TAG.SEQUENCE) throw new X509Error({ code: 'notPkcs7', message: 'signedData is not a SEQUENCE' });
  // version, digestAlgorithms, encapContentInfo, then [0] IMPLICIT certificates.
  const certificateSet = tlvChildren(der, signedData).find((child, index) => index >= 3 && child.tag === TAG.CONTEXT_0);
  const certificates = certificateSet ? tlvChildren(der, certificateSet) : [];
  const result = certificates.filter((child) => child.tag === TAG.SEQUENCE).map((child) => bytesOf(der, child));
  if (result.length === 0) throw new X509Error({ code: 'noCertificates', message: 'the PKCS#7 carries no certificate' });
  for (const certificate of result) {
    // Each must at least be a Certificate's outer shape: SEQUENCE { tbs SEQUENCE, alg, sig }.
    if (tlvChildren(certificate, readWhole(certificate)).length !== 3) {
      throw new X509Error({ code: 'malformed', message: 'a PKCS#7 member is not a certificate' });
    }
  }
  return result;
}

function toDer(body: string | Uint8Array): Buffer {
  if (typeof body !== 'string') {
    const bytes = Buffer.from(body);
    // DER starts with a SEQUENCE tag; anything else is text (base64 or PEM) sent as bytes.
    return bytes[0] === TAG.SEQUENCE ? bytes : fromBase64Text(bytes.toString('latin1'));
  }
  return fromBase64Text(body);
}

function fromBase64Text(text: string): Buffer {
  const armoured = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/.exec(text);
  const compact = (armoured ? armoured[1]! : text).replace(/\s+/g, '');
  if (compact === '') throw new X509Error({ code: 'notBase64', message: 'the answer is empty' });
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new X509Error({ code: 'notBase64', message: 'the answer is neither DER nor base64' });
  }
  return Buffer.from(compact, 'base64');
}
