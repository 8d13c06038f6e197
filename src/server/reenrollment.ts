/**
 * EST simplereenroll (RFC 7030 §4.2.2) at this CA: the client proves it holds a
 * current certificate this CA issued (TLS client authentication with it), and names
 * with HTTP Basic an approved *renewal* application (申請書番号 + storage PIN) for the
 * same holder; the renewal certificate is then issued for the CSR's new key with the
 * renewal application's subject (a new user ID, CA manual §8.3). The old certificate
 * stays as it is: it expires on its own date or the operator revokes it.
 *
 * "The same holder" is the same contract (契約番号) and the same romanised name: a
 * renewal is applied for from the token that holds the old certificate (CA manual
 * §8.1), so the operator's renewal application carries both unchanged.
 *
 * Everything after the holder check is simpleenroll's path (enrollment.ts): the
 * storage-PIN rules and attempt counting, approval (202 until approved), the CSR
 * checks, tls-unique, idempotent issuance and its audit line (which also names the
 * certificate renewed).
 */
import type { CaContext } from './ca-context.js';
import type { EnrollOptions } from './enrollment.js';
import { serverErrors } from './server-error.js';
import type { ApplicationRecord, CertificateRecord } from './store/ca-store.js';

/** What the TLS layer says about the client's certificate. */
export interface PresentedCertificate {
  /** DER of the client's certificate; undefined when it sent none. */
  der: Buffer | undefined;
  /** Its serial as OpenSSL prints it (hex). */
  serial: string | undefined;
  /** OpenSSL's verdict on its chain to this CA (undefined: verified; else e.g. CERT_HAS_EXPIRED). */
  chainError: string | undefined;
}

export interface CertificateHolder {
  certificate: CertificateRecord;
  application: ApplicationRecord;
}

const notOurs = () =>
  serverErrors.clientCertificateRefused({
    ja: '提示された電子証明書は、この認証局が発行したものではありません。',
    en: 'The certificate presented was not issued by this CA.',
  });

/** The client's certificate is revoked: found here, or again when its renewal was to be issued (enrollment.ts). */
export const revokedHolder = () =>
  serverErrors.clientCertificateRefused({
    ja: '提示された電子証明書は失効しています。',
    en: 'The certificate presented has been revoked.',
  });

/** The holder of a current (chain-verified, issued here, unrevoked, unexpired) certificate, or a 403 saying which it is not. */
export async function certificateHolder(ctx: CaContext, presented: PresentedCertificate, now = new Date()): Promise<CertificateHolder> {
  if (!presented.der || !presented.serial) throw serverErrors.clientCertificateRequired();
  const expired = serverErrors.clientCertificateRefused({
    ja: '提示された電子証明書は有効期限が切れています。更新申請の申請書番号で simpleenroll を使ってください。',
    en: 'The certificate presented has expired. Use simpleenroll with the renewal application number.',
  });
  if (presented.chainError === 'CERT_HAS_EXPIRED') throw expired;
  if (presented.chainError) throw notOurs();
  const serial = presented.serial.toUpperCase().padStart(32, '0');
  const certificate = (await ctx.store.getCertificate(serial)) ?? (await ctx.store.getCertificate(presented.serial.toUpperCase()));
  if (!certificate || !Buffer.from(certificate.der).equals(presented.der)) throw notOurs();
  if (certificate.revoked_at !== null) throw revokedHolder();
  if (new Date(certificate.not_after).getTime() <= now.getTime()) throw expired;
  const application = await ctx.store.getApplication(certificate.application_no);
  if (!application) throw notOurs();
  return { certificate, application };
}

/**
 * What re-enrollment adds to enroll(): admit only an application that renews this
 * holder's certificate, and name that certificate in the issuance's audit line.
 */
export function renewalOf(holder: CertificateHolder): Required<Pick<EnrollOptions, 'admit' | 'auditDetail' | 'renews'>> {
  return {
    admit: (application) => {
      const renews =
        application.kind === 'renewal' &&
        application.application_no !== holder.application.application_no &&
        application.contract_no === holder.application.contract_no &&
        application.name === holder.application.name;
      if (!renews) throw serverErrors.renewalNotForHolder();
    },
    auditDetail: { renews: holder.certificate.serial },
    renews: holder.certificate.serial,
  };
}
