/**
 * The certificate a contractor stores on the token (SPEC.md vocabulary: certificate):
 * RSA/SHA-256, subject `CN=<userId> <romanised name>, O=<company>, emailAddress`,
 * validity `years` from issuance, keyUsage digitalSignature (critical), extKeyUsage
 * clientAuth, the CRL distribution point, AKI/SKI, a 16-byte random serial.
 */
import { generateCertificateSerial } from '../identifiers.js';
import type { CaIdentity } from './ca-identity.js';
import { RSA_SHA256, x509 } from './x509.js';

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

export function subjectName(s: Pick<CertificateSubject, 'userId' | 'name' | 'company' | 'email'>): x509.JsonName {
  return [{ CN: [`${s.userId} ${s.name}`] }, { O: [s.company] }, { E: [s.email] }];
}

export async function issueEndEntityCertificate(
  ca: CaIdentity,
  subject: CertificateSubject,
  publicKey: x509.PublicKey,
  crlUrl: string,
  now = new Date(),
): Promise<IssuedCertificate> {
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + subject.years);
  const serial = generateCertificateSerial();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: subjectName(subject),
    issuer: ca.certificate.subjectName,
    notBefore,
    notAfter,
    publicKey,
    signingKey: ca.signingKey,
    signingAlgorithm: RSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false),
      new x509.CRLDistributionPointsExtension([crlUrl]),
      ca.authorityKeyIdentifier,
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  return { serial, der: Buffer.from(certificate.rawData), notBefore, notAfter };
}
