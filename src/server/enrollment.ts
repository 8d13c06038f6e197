/**
 * Flow A seen from the CA: who a token's pending issuance is for, the storage-PIN
 * check, issuance (idempotent for the same public key until `stored`: a client that
 * crashed after issuance asks again and gets the same certificate), and `stored`.
 */
import type { PendingIssuance } from '../core/ca-client/pending-issuance.js';
import type { CaContext } from './ca-context.js';
import { checkChannelBinding, type TlsChannel } from './channel-binding.js';
import { provesPossession } from './possession-proof.js';
import { isTokenSerial, normalizeSerialHex, normalizeTokenSerial } from './identifiers.js';
import { checkCertificateRequest } from './pki/certificate-request.js';
import { serverErrors } from './server-error.js';
import { attemptsLeft } from './pin-attempts.js';
import { checkStoragePin } from './storage-pin-check.js';
import { supersedeRenewedCertificate } from './portal/renewal-supersede.js';
import { revokedHolder } from './reenrollment.js';
import { RenewedCertificateRevoked, StoragePinReplaced, type ApplicationRecord } from './store/ca-store.js';

/**
 * Who a token's pending issuance is for — only to a caller that shows the token's
 * possession tag. Both lookups and the tag check run whatever the case, and every
 * refusal is the same 404, so neither the answer nor its time tells an unknown token
 * from a known one whose tag was not shown, or from one with nothing pending.
 */
export async function pendingIssuance(ctx: CaContext, tokenSerial: string, presentedTag: Buffer | undefined): Promise<PendingIssuance> {
  const serial = normalizeTokenSerial(tokenSerial);
  if (!isTokenSerial(serial)) throw serverErrors.noPendingIssuance();
  const [token, application] = await Promise.all([ctx.store.getToken(serial), ctx.store.pendingForToken(serial)]);
  const proven = provesPossession(token?.possession_tag_sha256, presentedTag);
  if (!proven || !application) throw serverErrors.noPendingIssuance();
  return issuanceOf(application);
}

function issuanceOf(application: ApplicationRecord): PendingIssuance {
  return {
    applicationNo: application.application_no,
    userId: application.user_id,
    name: application.name,
    kind: application.kind,
    keySpec: { algorithm: 'RSA', bits: 2048 },
    tokenSerial: application.token_serial,
  };
}

export interface PinVerification {
  ok: true;
  attemptsLeft: number;
  /**
   * Whose application it is: the caller proved the application number and storage PIN
   * from the CA's mail, so it may see the name — how STEP3 learns it for a token the
   * pending lookup cannot answer for (no possession tag).
   */
  issuance: PendingIssuance;
  /** Only for a CA-managed token (provisioned with `ca token provision`) named in the application. */
  soPin?: string;
}

/** `finalTryConfirmed`: the user agreed to use the last try before the lock (checkStoragePin). */
export async function verifyPin(ctx: CaContext, applicationNo: string, pin: string, client?: string, finalTryConfirmed = false): Promise<PinVerification> {
  const application = await checkStoragePin(ctx, applicationNo, pin, { ...(client ? { client } : {}), finalTryConfirmed });
  const result: PinVerification = { ok: true, attemptsLeft: attemptsLeft(ctx.config, application), issuance: issuanceOf(application) };
  // Only spares a query: getToken finds no token for a null serial either. (Its `true`
  // mutant is equivalent but left unmarked: a disable would also hide the `false` one,
  // which the provisioning tests kill.)
  if (application.token_serial) {
    const token = await ctx.store.getToken(application.token_serial);
    if (token) result.soPin = ctx.soPins.open(token.so_pin_sealed, token.serial);
  }
  return result;
}

export interface EnrollOptions {
  /** The connection the CSR came over: a tls-unique in its challengePassword is checked against it. */
  channel?: TlsChannel;
  /** A further rule the caller sets (re-enrollment: the application renews the holder's certificate); throws to refuse. */
  admit?: (application: ApplicationRecord) => void;
  /** Non-secret facts for the issuance's audit line (re-enrollment: the certificate it renews). */
  auditDetail?: Record<string, string>;
  /**
   * Re-enrollment: the serial of the certificate renewed. Its being unrevoked is checked
   * again in the issuance's own transaction: a revocation that lands while this request
   * runs (scrypt, signing) stops the renewal.
   */
  renews?: string;
}

/** DER of the certificate for this application and the CSR's key. */
export async function enroll(ctx: CaContext, applicationNo: string, pin: string, csrBody: string, client?: string, options: EnrollOptions = {}): Promise<Buffer> {
  const application = await checkStoragePin(ctx, applicationNo, pin, client ? { client } : {});
  options.admit?.(application);
  if (application.approved_at === null) throw serverErrors.awaitingApproval(ctx.config.retryAfterSeconds);
  const request = await checkCertificateRequest(csrBody);
  checkChannelBinding(request.challengePassword, options.channel);

  const existing = await ctx.store.certificateForApplication(applicationNo);
  if (existing) {
    if (existing.revoked_at !== null) throw serverErrors.revoked();
    if (existing.public_key_sha256 !== request.publicKeySha256) throw serverErrors.differentKey();
    return Buffer.from(existing.der);
  }

  const issued = await ctx.issuer.issue(
    { userId: application.user_id, name: application.name, company: application.company, email: application.email, years: application.years },
    request.spki,
  );
  const result = await ctx.store.insertCertificate(
    {
      serial: issued.serial,
      application_no: applicationNo,
      public_key_sha256: request.publicKeySha256,
      der: issued.der,
      not_before: issued.notBefore.toISOString(),
      not_after: issued.notAfter.toISOString(),
      issued_at: new Date().toISOString(),
      revoked_at: null,
      revocation_reason: null,
    },
    // The storage PIN checked above must still be the application's when the certificate
    // goes in: an operator's new PIN (the old one leaked) stops a request already under way.
    { client, detail: options.auditDetail, renews: options.renews, pinHash: application.pin_hash },
  )
    .catch((error: unknown) => {
      if (error instanceof RenewedCertificateRevoked) throw revokedHolder();
      if (error instanceof StoragePinReplaced) throw serverErrors.pinReplaced();
      throw error;
    });
  // Lost a race with a concurrent enroll for the same application: theirs stands, and
  // is answered only to the same key. (A certificate this call inserted is for this key.)
  if (result.certificate.public_key_sha256 !== request.publicKeySha256) throw serverErrors.differentKey();
  return Buffer.from(result.certificate.der);
}

export async function markStored(ctx: CaContext, applicationNo: string, pin: string, certificateSerial: string, client?: string): Promise<{ ok: true; storedAt: string }> {
  await checkStoragePin(ctx, applicationNo, pin, { allowSpent: true, ...(client ? { client } : {}) });
  const serial = normalizeSerialHex(certificateSerial);
  if (!serial) throw serverErrors.badRequest({ ja: 'certificateSerial は16進数で指定してください。', en: 'certificateSerial must be hex.' });
  const certificate = await ctx.store.certificateForApplication(applicationNo);
  if (!certificate) throw serverErrors.notIssued();
  const withoutLeadingZeros = (hex: string): string => hex.replace(/^0+(?=.)/, '');
  if (withoutLeadingZeros(certificate.serial) !== withoutLeadingZeros(serial)) {
    throw serverErrors.badRequest({ ja: 'この申請で発行した電子証明書のシリアル番号ではありません。', en: 'That is not the serial of the certificate issued for this application.' });
  }
  // Stored, and the certificate a portal renewal renews revoked as superseded (with the CRL
  // listing it): one transaction, so a failure leaves neither, and the client's retry does both.
  const row = await ctx.store.transaction(async (s) => {
    const stored = await s.markStored(applicationNo, certificate.serial, client);
    await supersedeRenewedCertificate(ctx, applicationNo, s);
    return stored;
  });
  ctx.verifiedPins.forget(applicationNo); // spent: a repeated `stored` pays scrypt again
  return { ok: true, storedAt: row.stored_at! };
}
