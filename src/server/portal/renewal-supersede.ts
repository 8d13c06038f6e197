/**
 * A renewal applied for on the portal names the certificate whose holder proved
 * possession. Once the renewal's certificate is reported stored on the token, the old
 * one is revoked as superseded (RFC 5280 reason 4) and the CRL published — never
 * earlier, so the holder is never left without a working certificate. Renewals the
 * operator adds (`ca app add --kind renewal`, EST simplereenroll) name no certificate
 * and leave the old one as it is (docs/ca-protocol.md).
 */
import type { CaContext } from '../ca-context.js';
import { revokeAndPublish } from '../crl-publisher.js';
import type { CaStore } from '../store/ca-store.js';
import { PortalStore } from './portal-store.js';

export const SUPERSEDED = 4;

/** `store`: the transaction that marks the renewal stored (enrollment.ts), so both commit together. */
export async function supersedeRenewedCertificate(ctx: CaContext, applicationNo: string, store: CaStore = ctx.store): Promise<string | undefined> {
  const details = await new PortalStore(store).applicantDetail(applicationNo);
  const old = details?.renews_certificate ? await store.getCertificate(details.renews_certificate) : undefined;
  if (!old || old.revoked_at) return undefined;
  await revokeAndPublish(ctx, (s) => s.revokeCertificate(old.serial, SUPERSEDED), store);
  return old.serial;
}
