/**
 * The DER pieces PKCS#11 wants beside a certificate's value (CKA_SUBJECT,
 * CKA_ISSUER, CKA_SERIAL_NUMBER): some modules require them (SoftHSM refuses a
 * certificate without CKA_SUBJECT) and other applications search by them.
 */
import type Forge from 'node-forge';
import { forge } from '../x509/asn1.js';
import { TokenError } from './token-error.js';

export interface CertificateFields {
  subject: Buffer;
  issuer: Buffer;
  serialNumber: Buffer;
}

const der = (node: Forge.asn1.Asn1): Buffer => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');

export function certificateFields(certificate: Buffer): CertificateFields {
  try {
    const root = forge.asn1.fromDer(forge.util.createBuffer(certificate.toString('binary')), true);
    const tbs = (root.value as Forge.asn1.Asn1[])[0]!.value as Forge.asn1.Asn1[];
    // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, …
    const offset = tbs[0]!.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
    return {
      serialNumber: der(tbs[offset]!),
      issuer: der(tbs[offset + 2]!),
      subject: der(tbs[offset + 4]!),
    };
  } catch (error) {
    throw new TokenError({ code: 'generalError', message: `Not an X.509 certificate: ${error instanceof Error ? error.message : String(error)}` });
  }
}
