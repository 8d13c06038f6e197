/**
 * Keeps one current CRL in the database, so every server behind a load balancer
 * answers the same one: rebuilt on revocation, and on demand when the latest is
 * within a day of its nextUpdate. Numbering runs under the store's CRL lock: numbers
 * strictly increase, one CRL per number, and a later number never lacks a revocation
 * an earlier one listed.
 */
import type { CaContext } from './ca-context.js';
import { buildRevocationList } from './pki/revocation-list.js';
import type { CaStore, CrlRecord } from './store/ca-store.js';

const REFRESH_BEFORE_MS = 86_400_000;

const fresh = (crl: CrlRecord | undefined, now: Date): crl is CrlRecord =>
  crl !== undefined && new Date(crl.next_update).getTime() - now.getTime() > REFRESH_BEFORE_MS;

/**
 * `onlyIfStale`: another server may have refreshed it while this one waited for the lock.
 * `store`: a transaction that has just revoked (revokeAndPublish): the CRL that lists the
 * revocation is saved in that transaction, so the two commit together or not at all.
 */
export async function publishCrl(ctx: CaContext, options: { onlyIfStale?: Date; store?: CaStore } = {}): Promise<Buffer> {
  return (options.store ?? ctx.store).underCrlLock(async (store) => {
    if (options.onlyIfStale) {
      const latest = await store.latestCrl();
      if (fresh(latest, options.onlyIfStale)) return Buffer.from(latest.der);
    }
    const revoked = await store.listRevoked();
    const number = await store.nextCrlNumber();
    const crl = await buildRevocationList(
      ctx.ca,
      revoked.map((c) => ({ serial: c.serial, revokedAt: new Date(c.revoked_at!), reason: c.revocation_reason ?? 0 })),
      number,
      ctx.config.crlValidityDays,
    );
    await store.saveCrl({ number, der: crl.der, this_update: crl.thisUpdate.toISOString(), next_update: crl.nextUpdate.toISOString() });
    return crl.der;
  });
}

export async function currentCrl(ctx: CaContext, now = new Date()): Promise<Buffer> {
  const latest = await ctx.store.latestCrl();
  if (fresh(latest, now)) return Buffer.from(latest.der);
  return publishCrl(ctx, { onlyIfStale: now });
}

/**
 * A revocation and the CRL that lists it, in one transaction: a revocation the CRL does
 * not list would stay unpublished until the CRL's next scheduled refresh (days), and a
 * portal link spent on it could not be used again. If building or saving the CRL fails,
 * nothing is revoked and the caller's retry starts afresh. `revoke` runs first (the
 * certificate's row, then the CRL lock: the one order every path takes them in).
 */
export async function revokeAndPublish<T>(ctx: CaContext, revoke: (store: CaStore) => Promise<T>, store: CaStore = ctx.store): Promise<T> {
  return store.transaction(async (s) => {
    const result = await revoke(s);
    await publishCrl(ctx, { store: s });
    return result;
  });
}
