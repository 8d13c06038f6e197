import type { FastifyInstance, HTTPMethods } from 'fastify';
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

/** Per-client limit on the endpoints that take a storage PIN (@fastify/rate-limit route config). */
export function pinRateLimit(ctx: CaContext): { rateLimit: { max: number; timeWindow: number } } {
  return { rateLimit: { max: ctx.config.rateLimit.max, timeWindow: ctx.config.rateLimit.windowSeconds * 1000 } };
}
