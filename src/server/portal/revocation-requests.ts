/**
 * 失効申請 (CA manual §9). A contract number only *finds* the users; it never revokes.
 * A revocation needs one of two proofs:
 * - the mailed link: the CA sends 申請内容確認のお願い with a one-time, expiring link to
 *   the address it has on record for the certificate, and revokes when that link is
 *   confirmed (§9: 申請内容確認を行った時点で失効). Only the link's SHA-256 is stored;
 *   spending it, revoking and the audit line are one transaction;
 * - the token: the holder signs the CA's nonce with the certificate's key (token-proof.ts).
 * Either way the CRL is published again at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CaContext } from '../ca-context.js';
import { revokeAndPublish } from '../crl-publisher.js';
import { revocationConfirmationMail } from './mail/ca-mails.js';
import { mailAfterCommit } from './mail/mail-after-commit.js';
import { portalErrors } from './portal-errors.js';
import { PortalStore, type RevocationRequestRecord } from './portal-store.js';
import type { VerifiedProof } from './token-proof.js';

/** RFC 5280 cessationOfOperation: the work is finished or the user leaves it (§9's usual cases). */
export const PORTAL_REVOCATION_REASON = 5;

export interface RevocableUser {
  applicationNo: string;
  name: string;
  nameLocal: string | null;
  role: string | null;
  tokenSerial: string | null;
  certificateSerial: string;
  notBefore: string;
  notAfter: string;
  years: number;
}

const linkHash = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

export async function revocableUsers(ctx: CaContext, contractNo: string): Promise<RevocableUser[]> {
  const portal = new PortalStore(ctx.store);
  const rows = (await portal.applicationsOfContract(contractNo)).filter((a) => a.certificate_serial && !a.revoked_at);
  if (rows.length === 0) {
    if (!(await portal.getContract(contractNo)) && (await portal.applicationsOfContract(contractNo)).length === 0) throw portalErrors.noApplications(contractNo);
    return [];
  }
  const details = new Map((await portal.applicantDetails(rows.map((r) => r.application_no))).map((d) => [d.application_no, d]));
  return rows.map((a) => ({
    applicationNo: a.application_no,
    name: a.name,
    nameLocal: details.get(a.application_no)?.name_local ?? null,
    role: details.get(a.application_no)?.role ?? null,
    tokenSerial: a.token_serial,
    certificateSerial: a.certificate_serial!,
    notBefore: a.not_before!,
    notAfter: a.not_after!,
    years: a.years,
  }));
}

/** Records the request and mails the link; answers where the mail went (masked). */
export async function requestRevocation(ctx: CaContext, contractNo: string, applicationNo: string, now = new Date()): Promise<{ applicationNo: string; mailedTo: string }> {
  const user = (await revocableUsers(ctx, contractNo)).find((u) => u.applicationNo === applicationNo);
  if (!user) throw portalErrors.nothingToRevoke();
  const application = (await ctx.store.getApplication(applicationNo))!;
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ctx.config.portal.revocationLinkHours * 3_600_000);
  await new PortalStore(ctx.store).addRevocationRequest({
    link_hash: linkHash(secret),
    application_no: applicationNo,
    certificate_serial: user.certificateSerial,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    confirmed_at: null,
  });
  const link = `${ctx.config.publicUrl.replace(/\/+$/, '')}/portal/revoke/confirm/${secret}`;
  const mailed = await mailAfterCommit(
    ctx,
    revocationConfirmationMail({ applicationNo, userId: application.user_id, name: application.name, email: application.email }, user.certificateSerial, link, expiresAt),
    { applicationNo, mail: 'revocationConfirmation' },
  );
  if (!mailed) throw portalErrors.revocationMailFailed();
  return { applicationNo, mailedTo: maskEmail(application.email) };
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** What a link asks for, before the user confirms; linkInvalid when used, expired or unknown. */
export async function revocationRequestOf(ctx: CaContext, secret: string, now = new Date()): Promise<RevocationRequestRecord> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) throw portalErrors.linkInvalid();
  const request = await new PortalStore(ctx.store).revocationRequest(linkHash(secret));
  if (!request || request.confirmed_at || request.expires_at <= now.toISOString()) throw portalErrors.linkInvalid();
  return request;
}

/**
 * Spends the link and revokes, atomically. `applicationNo` is what the confirmation
 * page showed: a link posted with another application's number is refused and spends nothing.
 */
export async function confirmRevocation(ctx: CaContext, secret: string, applicationNo: string, now = new Date()): Promise<{ certificateSerial: string; applicationNo: string }> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) throw portalErrors.linkInvalid();
  // The link spent, the certificate revoked, the audit lines and the CRL listing it: all or none.
  return revokeAndPublish(ctx, async (s) => {
    const p = new PortalStore(s);
    const request = await p.confirmRevocationRequest(linkHash(secret), now.toISOString());
    if (!request || request.application_no !== applicationNo) throw portalErrors.linkInvalid();
    const revoked = await p.ca.revokeCertificate(request.certificate_serial, PORTAL_REVOCATION_REASON);
    if (!revoked) throw portalErrors.linkInvalid();
    await p.ca.appendAudit({ event: 'revocationConfirmed', applicationNo, certificateSerial: request.certificate_serial, detail: { proof: 'mailedLink' } });
    return { certificateSerial: request.certificate_serial, applicationNo };
  });
}

/** The holder proved possession with the token: revoked at once. */
export async function revokeWithProof(ctx: CaContext, proof: VerifiedProof): Promise<{ certificateSerial: string; applicationNo: string }> {
  const serial = proof.certificate.serial;
  await revokeAndPublish(ctx, async (s) => {
    await s.revokeCertificate(serial, PORTAL_REVOCATION_REASON);
    await s.appendAudit({ event: 'revocationConfirmed', applicationNo: proof.application.application_no, certificateSerial: serial, detail: { proof: 'token' } });
  });
  return { certificateSerial: serial, applicationNo: proof.application.application_no };
}
