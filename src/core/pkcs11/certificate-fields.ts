/**
 * The DER pieces PKCS#11 wants beside a certificate's value (CKA_SUBJECT,
 * CKA_ISSUER, CKA_SERIAL_NUMBER): some modules require them (SoftHSM refuses a
 * certificate without CKA_SUBJECT) and other applications search by them.
 */
import { tbsFields } from '../x509/tbs-fields.js';
import { bytesOf } from '../x509/tlv.js';
import { TokenError } from './token-error.js';

export interface CertificateFields {
  subject: Buffer;
  issuer: Buffer;
  serialNumber: Buffer;
}

export function certificateFields(certificate: Buffer): CertificateFields {
  try {
    const fields = tbsFields(certificate);
    return {
      serialNumber: bytesOf(certificate, fields.serialNumber),
      issuer: bytesOf(certificate, fields.issuer),
      subject: bytesOf(certificate, fields.subject),
    };
  } catch (error) {
    throw new TokenError({ code: 'generalError', message: `Not an X.509 certificate: ${error instanceof Error ? error.message : String(error)}` });
  }
}
