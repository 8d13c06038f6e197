import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import type { CaContext } from '../ca-context.js';
import { serverErrors } from '../server-error.js';

const ALL_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/** Other methods on a known path answer 405 with Allow, not a misleading 404. */
export function allowOnly(app: FastifyInstance, url: string, allowed: HTTPMethods[]): void {
  const others = ALL_METHODS.filter((m) => !allowed.includes(m));
  app.route({
    method: others,
    url,
    handler: async () => {
      throw serverErrors.methodNotAllowed(allowed);
    },
  });
}

/**
 * One storage-PIN budget per client across every endpoint that takes a PIN: a hook to
 * run before the check (onRequest). A route-level @fastify/rate-limit config would give
 * each route its own counter, so a client refused by one could go on guessing at another.
 * Counted per server instance: it guards this instance's CPU (scrypt); the PINs are
 * guarded by the per-application attempt limit, which is in the database.
 */
export type PinCheckBudget = (request: FastifyRequest) => Promise<void>;

export function pinCheckBudget(app: FastifyInstance, ctx: CaContext): PinCheckBudget {
  const { max, windowSeconds } = ctx.config.rateLimit;
  const limiter = app.createRateLimit({ max, timeWindow: windowSeconds * 1000, keyGenerator: (request) => `storage-pin-check ${request.ip}` });
  return async (request) => {
    const state = await limiter(request);
    if (!state.isAllowed && state.isExceeded) throw serverErrors.rateLimited(Math.max(1, state.ttlInSeconds));
  };
}

/** A tighter per-client limit for a route that needs no credentials (@fastify/rate-limit route config). */
export function lookupRateLimit(ctx: CaContext): { rateLimit: { max: number; timeWindow: number } } {
  return { rateLimit: { max: ctx.config.lookupRateLimit.max, timeWindow: ctx.config.lookupRateLimit.windowSeconds * 1000 } };
}
