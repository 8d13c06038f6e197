/**
 * The CA's HTTPS server: EST (always), TokenDesk's /api/v1 extensions (unless
 * estOnly), and the CRL at /crl (named in every certificate) and /api/v1/crl.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { CaContext } from '../ca-context.js';
import { currentCrl } from '../crl-publisher.js';
import type { ServerTls } from '../pki/server-tls.js';
import { serverErrors } from '../server-error.js';
import { redactPortalUrl } from '../portal/http/log-redaction.js';
import { portalPlugin } from '../portal/http/portal-plugin.js';
import { registerApiRoutes } from './api-routes.js';
import { createCaHttpsServer } from './ca-https-server.js';
import { answerClientError, sendError, toServerError } from './error-replies.js';
import { registerEstRoutes } from './est-routes.js';
import { allowOnly, pinCheckBudget } from './route-helpers.js';
import { registerUnlockRoutes } from './unlock-routes.js';

export interface CaHttpOptions {
  tls: ServerTls;
  /** Log requests (pino). The request serializer logs method, URL and client only — never headers. */
  logger?: boolean;
  /** Where the log goes (default stdout); tests read it. */
  logStream?: { write(line: string): void };
}

export async function buildCaHttpApp(ctx: CaContext, options: CaHttpOptions): Promise<FastifyInstance> {
  const { config } = ctx;
  const app = Fastify({
    serverFactory: (handler) => createCaHttpsServer(handler, { tls: options.tls, clientCa: ctx.ca.certificatePem, limits: config.http }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    logger: options.logger
      ? {
          level: config.logLevel,
          redact: ['req.headers.authorization'],
          ...(options.logStream ? { stream: options.logStream } : {}),
          serializers: {
            req: (request: FastifyRequest) => ({
              method: request.method,
              url: redactPortalUrl(request.url),
              hostname: request.hostname,
              remoteAddress: request.ip,
              ...(request.socket.remotePort !== undefined ? { remotePort: request.socket.remotePort } : {}),
            }),
          },
        }
      : false,
    // Fastify's own refusals (a URL it cannot decode, a path parameter too long, bytes
    // that are not HTTP, a request too slow) answer from the catalogue too.
    frameworkErrors: (error, request, reply) => sendError(request, reply, toServerError(error, config.bodyLimitBytes)),
    clientErrorHandler: answerClientError,
    // A request that arrives on an open connection while the server closes is still
    // answered (and its connection then closed) rather than with Fastify's own 503 body,
    // which is not the catalogue's; the database closes only after the server has.
    return503OnClosing: false,
  });

  // EST bodies are base64 text; JSON bodies may be empty for verify-pin.
  app.addContentTypeParser('application/pkcs10', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(serverErrors.badRequest({ ja: '本文がJSONとして読めません。', en: 'The body is not valid JSON.' }), undefined);
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const serverError = toServerError(error, config.bodyLimitBytes);
    if (serverError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, serverError);
  });

  // Every route, credentials or not, is limited per client; PIN checks share one
  // tighter budget on top (route-helpers.ts), and the pending lookup has its own.
  await app.register(rateLimit, {
    global: true,
    max: config.requestRateLimit.max,
    timeWindow: config.requestRateLimit.windowSeconds * 1000,
    errorResponseBuilder: (_request, context) => serverErrors.rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => sendError(request, reply, serverErrors.notFound()));

  const pinBudget = pinCheckBudget(app, ctx);
  registerEstRoutes(app, ctx, pinBudget);
  if (!config.estOnly) {
    registerApiRoutes(app, ctx, pinBudget);
    registerUnlockRoutes(app, ctx, pinBudget);
    await app.register(portalPlugin(ctx), { prefix: '/portal' });
  }

  for (const url of ['/crl', ...(config.estOnly ? [] : ['/api/v1/crl'])]) {
    app.get(url, async (_request, reply) => reply.type('application/pkix-crl').send(await currentCrl(ctx)));
    allowOnly(app, url, ['GET', 'HEAD']);
  }
  return app;
}
