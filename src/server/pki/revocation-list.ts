/**
 * The CA's CRL (DER), regenerated on every revocation and when the latest one nears
 * its nextUpdate. Numbered (CRL number extension) so clients can tell newer from older.
 */
import type { CaIdentity } from './ca-identity.js';
import { derInteger, RSA_SHA256, x509 } from './x509.js';

export interface RevokedEntry {
  serial: string;
  revokedAt: Date;
  reason: number;
}

export async function buildRevocationList(
  ca: CaIdentity,
  entries: RevokedEntry[],
  number: number,
  validityDays: number,
  now = new Date(),
): Promise<{ der: Buffer; thisUpdate: Date; nextUpdate: Date }> {
  const thisUpdate = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const nextUpdate = new Date(thisUpdate.getTime() + validityDays * 86_400_000);
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.certificate.subjectName,
    thisUpdate,
    nextUpdate,
    signingKey: ca.signingKey,
    signingAlgorithm: RSA_SHA256,
    entries: entries.map((e) => ({ serialNumber: e.serial, revocationDate: e.revokedAt, reason: e.reason as x509.X509CrlReason })),
    extensions: [ca.authorityKeyIdentifier, new x509.Extension('2.5.29.20', false, derInteger(number))],
  });
  return { der: Buffer.from(crl.rawData), thisUpdate, nextUpdate };
}
