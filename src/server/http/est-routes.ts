/**
 * RFC 7030 as any EST client expects it: `cacerts` (certs-only PKCS#7, base64) and
 * `simpleenroll` (PKCS#10 in base64 DER; HTTP Basic = application number + storage PIN).
 */
import type { FastifyInstance } from 'fastify';
import type { CaContext } from '../ca-context.js';
import { enroll } from '../enrollment.js';
import { base64Lines, certsOnlyDer, CERTS_ONLY_CONTENT_TYPE } from '../pki/certs-only.js';
import { ServerError, serverErrors } from '../server-error.js';
import { parseBasicAuth } from './basic-auth.js';
import { allowOnly, pinRateLimit } from './route-helpers.js';

export function registerEstRoutes(app: FastifyInstance, ctx: CaContext): void {
  const cacerts = base64Lines(certsOnlyDer([ctx.ca.certificateDer]));

  app.get('/.well-known/est/cacerts', async (_request, reply) =>
    reply.type(CERTS_ONLY_CONTENT_TYPE).header('Content-Transfer-Encoding', 'base64').send(cacerts),
  );
  allowOnly(app, '/.well-known/est/cacerts', ['GET', 'HEAD']);

  app.post(
    '/.well-known/est/simpleenroll',
    {
      config: pinRateLimit(ctx),
      // Checked before the body is parsed, so a JSON body answers 415, not a JSON parse error.
      onRequest: async (request) => {
        const type = String(request.headers['content-type'] ?? '')
          .split(';')[0]!
          .trim()
          .toLowerCase();
        if (type !== 'application/pkcs10') throw serverErrors.unsupportedMediaType('application/pkcs10');
      },
    },
    async (request, reply) => {
      const credentials = parseBasicAuth(request.headers.authorization);
      if (!credentials) throw serverErrors.authRequired();
      let der: Buffer;
      try {
        der = await enroll(
          ctx,
          credentials.user,
          credentials.password,
          String(request.body ?? ''),
          request.ip,
        );
      } catch (error) {
        // An EST client knows only "who are you": an unknown application is a 401.
        if (error instanceof ServerError && error.code === 'applicationNotFound') {
          throw new ServerError('authFailed', 401, error.text, error.remedy);
        }
        throw error;
      }
      return reply
        .type(CERTS_ONLY_CONTENT_TYPE)
        .header('Content-Transfer-Encoding', 'base64')
        .send(base64Lines(certsOnlyDer([der])));
    },
  );
  allowOnly(app, '/.well-known/est/simpleenroll', ['POST']);
}
