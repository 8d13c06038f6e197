/**
 * A contract number is not a secret, so lookups by it are counted per client in the
 * database (every server behind a load balancer sees the same count) and refused with
 * 429 beyond `portal.lookupLimit` in a fixed window.
 */
import type { CaContext } from '../../ca-context.js';
import { portalErrors } from '../portal-errors.js';
import { PortalStore } from '../portal-store.js';

export async function countLookup(ctx: CaContext, client: string, now = Date.now()): Promise<void> {
  const { max, windowSeconds } = ctx.config.portal.lookupLimit;
  const windowMs = windowSeconds * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  const count = await new PortalStore(ctx.store).count(`lookup:${client}`, new Date(start).toISOString());
  if (count > max) throw portalErrors.lookupLimited(Math.max(1, Math.ceil((start + windowMs - now) / 1000)));
}
