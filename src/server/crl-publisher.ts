/**
 * Keeps one current CRL in the database, so every server behind a load balancer
 * answers the same one: rebuilt on revocation, and on demand when the latest is
 * within a day of its nextUpdate.
 */
import type { CaContext } from './ca-context.js';
import { buildRevocationList } from './pki/revocation-list.js';

const REFRESH_BEFORE_MS = 86_400_000;

export async function publishCrl(ctx: CaContext): Promise<Buffer> {
  const revoked = await ctx.store.listRevoked();
  const number = await ctx.store.nextCrlNumber();
  const crl = await buildRevocationList(
    ctx.ca,
    revoked.map((c) => ({ serial: c.serial, revokedAt: new Date(c.revoked_at!), reason: c.revocation_reason ?? 0 })),
    number,
    ctx.config.crlValidityDays,
  );
  const saved = await ctx.store.saveCrl({ number, der: crl.der, this_update: crl.thisUpdate.toISOString(), next_update: crl.nextUpdate.toISOString() });
  if (saved) return crl.der;
  // Another server published this number at the same moment; theirs has the same entries or newer.
  return Buffer.from((await ctx.store.latestCrl())!.der);
}

export async function currentCrl(ctx: CaContext, now = new Date()): Promise<Buffer> {
  const latest = await ctx.store.latestCrl();
  if (latest && new Date(latest.next_update).getTime() - now.getTime() > REFRESH_BEFORE_MS) return Buffer.from(latest.der);
  return publishCrl(ctx);
}
