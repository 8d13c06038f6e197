/**
 * Possession of a certificate's key, proven in the browser through TokenDesk's device
 * module: the page asks the CA for a nonce, TokenDesk signs the login challenge
 * (src/core/portal-challenge: type, origin, nonce, time, token serial) with the
 * token's key, and the CA checks here, before anything happens:
 * the challenge is exactly TokenDesk's form, for this CA's portal origin, signed
 * within the allowed clock skew; the certificate is one this CA issued (its bytes are
 * in the database) and not revoked; the signature verifies with its public key; the
 * token serial is the one the certificate was issued to; and — last, atomically — the
 * nonce is this CA's, unexpired, for this purpose, and unused. A replayed answer finds
 * its nonce spent.
 */
import { X509Certificate, randomBytes, verify } from 'node:crypto';
import { parseLoginChallenge } from '../../core/portal-challenge/index.js';
import type { CaContext } from '../ca-context.js';
import type { Localized } from '../../core/messages/message-entry.js';
import type { ApplicationRecord, CertificateRecord } from '../store/ca-store.js';
import { portalErrors } from './portal-errors.js';
import { PortalStore } from './portal-store.js';

export type ProofPurpose = 'renew' | 'revoke';

export interface TokenProof {
  signedData: string;
  /** base64 RSASSA-PKCS1-v1_5 / SHA-256 */
  signature: string;
  certificatePem: string;
}

export interface VerifiedProof {
  certificate: CertificateRecord;
  application: ApplicationRecord;
  tokenSerial: string;
}

const refuse = (ja: string, en: string) => portalErrors.tokenProofRefused({ ja, en } satisfies Localized);

export function portalOrigin(ctx: CaContext): string {
  return new URL(ctx.config.publicUrl).origin;
}

export async function issueNonce(ctx: CaContext, purpose: ProofPurpose, now = new Date()): Promise<{ nonce: string; origin: string; expiresAt: string }> {
  const nonce = randomBytes(24).toString('base64url');
  const lifetime = ctx.config.portal.nonceSeconds * 1000;
  await new PortalStore(ctx.store).addNonce(nonce, purpose, now, lifetime);
  return { nonce, origin: portalOrigin(ctx), expiresAt: new Date(now.getTime() + lifetime).toISOString() };
}

export async function verifyTokenProof(ctx: CaContext, proof: TokenProof, purpose: ProofPurpose, now = new Date()): Promise<VerifiedProof> {
  if (proof.signedData.length > 2048 || proof.signature.length > 2048 || proof.certificatePem.length > 16_384) {
    throw refuse('署名データが大きすぎます。', 'the signed data is too large.');
  }
  const challenge = parseLoginChallenge(proof.signedData);
  if (!challenge) throw refuse('署名された内容がTokenDeskの本人確認の形式ではありません。', 'what was signed is not a TokenDesk login challenge.');
  if (challenge.origin !== portalOrigin(ctx)) throw refuse('別のサイト向けの署名です。', 'the signature was made for another site.');
  const skewMs = ctx.config.portal.signatureSkewSeconds * 1000;
  if (Math.abs(Date.parse(challenge.time) - now.getTime()) > skewMs) throw refuse('署名の時刻が認証局の時刻と離れすぎています。', "the signature's time is too far from the CA's clock.");

  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(proof.certificatePem);
  } catch {
    throw refuse('電子証明書が読めません。', 'the certificate cannot be read.');
  }
  const serial = certificate.serialNumber.toUpperCase().replace(/^(00)+/, '');
  const record = (await ctx.store.getCertificate(serial)) ?? (await ctx.store.getCertificate(serial.padStart(32, '0')));
  if (!record || !Buffer.from(record.der).equals(certificate.raw)) throw refuse('この認証局が発行した電子証明書ではありません。', 'the certificate was not issued by this CA.');
  if (record.revoked_at) throw refuse('この電子証明書は失効済みです。', 'the certificate is revoked.');

  let signatureOk = false;
  try {
    const signature = Buffer.from(proof.signature, 'base64');
    signatureOk = signature.length > 0 && verify('sha256', Buffer.from(proof.signedData, 'utf8'), certificate.publicKey, signature);
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) throw refuse('署名がこの電子証明書の鍵で作られていません。', "the signature was not made with this certificate's key.");

  const application = (await ctx.store.getApplication(record.application_no))!;
  if (application.token_serial && application.token_serial !== challenge.tokenSerial.trim().toUpperCase()) {
    throw refuse('電子証明書が発行されたUSBトークンではありません。', 'the token is not the one the certificate was issued to.');
  }
  // The nonce spent and the audit line saying so: one transaction.
  await new PortalStore(ctx.store).transaction(async (portal) => {
    if (!(await portal.spendNonce(challenge.nonce, purpose, now.toISOString()))) {
      throw refuse('確認用の番号が無効です（使用済みまたは有効期限切れ）。', 'the nonce is not valid (already used or expired).');
    }
    await portal.ca.appendAudit({ event: 'portalProofAccepted', applicationNo: application.application_no, certificateSerial: record.serial, detail: { purpose } });
  });
  return { certificate: record, application, tokenSerial: challenge.tokenSerial };
}
