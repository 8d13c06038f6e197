/**
 * What the CA knows of a certificate read from a token (デバイス情報確認, §11; the
 * status line of 更新申請, §8.1 ⑥): issued here or not, revoked, expired, or in the
 * renewal window (`portal.renewalWindowDays`, 60 days before expiry as §3.2 says) — and what to do next.
 */
import { X509Certificate } from 'node:crypto';
import type { CaContext } from '../ca-context.js';
import type { Localized } from '../../core/messages/message-entry.js';

export type Standing = 'unknown' | 'revoked' | 'expired' | 'renewalOpen' | 'valid';

const STANDING_WORDS: Record<Standing, { state: Localized; next: Localized }> = {
  unknown: {
    state: { ja: 'この認証局の発行した電子証明書ではありません', en: 'Not a certificate of this CA' },
    next: { ja: '電子証明書の発行元を確認し、認証局にお問合せください。', en: 'Check who issued the certificate, and contact the CA.' },
  },
  revoked: {
    state: { ja: '失効済', en: 'Revoked' },
    next: { ja: 'この電子証明書は使えません。引き続き利用する場合は新規発行・再発行申請を行ってください。', en: 'This certificate cannot be used. Apply for a new issuance or a reissue to continue.' },
  },
  expired: {
    state: { ja: '有効期限切れ', en: 'Expired' },
    next: { ja: '有効期限が切れた後も更新申請を行うことができます。更新申請を行ってください。', en: 'You can still renew after expiry: apply for renewal.' },
  },
  renewalOpen: {
    state: { ja: '有効（更新申請受付中）', en: 'Valid (renewal open)' },
    next: { ja: '有効期限到来の{days}日前から更新申請ができます。引き続き利用する場合は更新申請を行ってください。', en: 'Renewal opens {days} days before expiry: apply for renewal to keep using it.' },
  },
  valid: {
    state: { ja: '有効', en: 'Valid' },
    next: { ja: 'このままご利用いただけます。', en: 'No action needed.' },
  },
};

/** A standing's words, with the renewal window this CA is configured with (not a second copy of "60"). */
export function standingWords(standing: Standing, renewalWindowDays: number): { state: Localized; next: Localized } {
  const words = STANDING_WORDS[standing];
  const fill = (text: string) => text.replace('{days}', String(renewalWindowDays));
  return { state: words.state, next: { ja: fill(words.next.ja), en: fill(words.next.en) } };
}

export interface CertificateStanding {
  standing: Standing;
  serial: string;
  notBefore: string;
  notAfter: string;
  renewalFrom: string;
  revokedAt: string | null;
  applicationNo: string | null;
}

export async function certificateStanding(ctx: CaContext, certificatePem: string, now = new Date()): Promise<CertificateStanding | undefined> {
  if (certificatePem.length > 16_384) return undefined;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch {
    return undefined;
  }
  const serial = certificate.serialNumber.toUpperCase().replace(/^(00)+/, '');
  const record = await ctx.store.getCertificate(serial);
  const issuedHere = record !== undefined && Buffer.from(record.der).equals(certificate.raw);
  const notAfter = new Date(certificate.validTo);
  const renewalFrom = new Date(notAfter.getTime() - ctx.config.portal.renewalWindowDays * 86_400_000);
  const standing: Standing = !issuedHere
    ? 'unknown'
    : record.revoked_at
      ? 'revoked'
      : now > notAfter
        ? 'expired'
        : now >= renewalFrom
          ? 'renewalOpen'
          : 'valid';
  return {
    standing,
    serial,
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: notAfter.toISOString(),
    renewalFrom: renewalFrom.toISOString(),
    revokedAt: issuedHere ? record.revoked_at : null,
    applicationNo: issuedHere ? record.application_no : null,
  };
}
