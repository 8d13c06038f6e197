/**
 * RFC 7030 as any EST client expects it: `cacerts` (certs-only PKCS#7, base64),
 * `simpleenroll` (PKCS#10 in base64 DER; HTTP Basic = application number + storage PIN)
 * and `simplereenroll` (the same, plus a TLS client certificate this CA issued;
 * reenrollment.ts). docs/ca-protocol.md describes every answer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaContext } from '../ca-context.js';
import { enroll, type EnrollOptions } from '../enrollment.js';
import { certificateHolder, renewalOf } from '../reenrollment.js';
import { base64Lines, certsOnlyDer, CERTS_ONLY_CONTENT_TYPE } from '../pki/certs-only.js';
import { ServerError, serverErrors } from '../server-error.js';
import { parseBasicAuth } from './basic-auth.js';
import { allowOnly, type PinCheckBudget } from './route-helpers.js';
import { presentedCertificateOf, tlsChannelOf } from './tls-channel.js';

/**
 * An EST client knows only "who are you" (RFC 7030 §3.2.3): an unknown application and
 * a password that is not a storage PIN's form are failed credentials — 401 with
 * WWW-Authenticate, so the client may ask again — not a 404 or a 400. Neither spends a try.
 */
function asEstRefusal(error: unknown): unknown {
  if (!(error instanceof ServerError)) return error;
  if (error.code === 'applicationNotFound')
    return new ServerError({ code: 'authFailed', status: 401, text: error.text, remedy: error.remedy });
  if (error.code === 'storagePinFormat')
    return new ServerError({ code: error.code, status: 401, text: error.text, remedy: error.remedy, details: error.details, headers: error.headers });
  return error;
}

export function registerEstRoutes(app: FastifyInstance, ctx: CaContext, pinBudget: PinCheckBudget): void {
  const cacerts = base64Lines(certsOnlyDer([ctx.ca.certificateDer]));

  app.get('/.well-known/est/cacerts', async (_request, reply) =>
    reply.type(CERTS_ONLY_CONTENT_TYPE).header('Content-Transfer-Encoding', 'base64').send(cacerts),
  );
  allowOnly(app, '/.well-known/est/cacerts', ['GET', 'HEAD']);

  // Both enrollments take a PKCS#10 body, HTTP Basic and simpleenroll's rules; re-enrollment
  // first asks who holds the TLS client certificate and admits only that holder's renewal.
  const routeOptions = {
    // Checked before the body is parsed, so a JSON body answers 415, not a JSON parse error;
    // then the client's one storage-PIN budget (route-helpers.ts).
    onRequest: [
      async (request: FastifyRequest) => {
        const type = String(request.headers['content-type'] ?? '')
          .split(';')[0]!
          .trim()
          .toLowerCase();
        if (type !== 'application/pkcs10') throw serverErrors.unsupportedMediaType('application/pkcs10');
      },
      pinBudget,
    ],
  };
  const answerEnrollment = async (
    request: FastifyRequest,
    reply: FastifyReply,
    rules: Pick<EnrollOptions, 'admit' | 'auditDetail' | 'renews'> = {},
  ): Promise<FastifyReply> => {
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
        { ...rules, channel: tlsChannelOf(request) },
      );
    } catch (error) {
      throw asEstRefusal(error);
    }
    return reply
      .type(CERTS_ONLY_CONTENT_TYPE)
      .header('Content-Transfer-Encoding', 'base64')
      .send(base64Lines(certsOnlyDer([der])));
  };

  app.post('/.well-known/est/simpleenroll', routeOptions, (request, reply) =>
    answerEnrollment(request, reply),
  );
  app.post('/.well-known/est/simplereenroll', routeOptions, async (request, reply) => {
    const holder = await certificateHolder(ctx, presentedCertificateOf(request));
    return answerEnrollment(request, reply, renewalOf(holder));
  });
  allowOnly(app, '/.well-known/est/simplereenroll', ['POST']);

  // RFC 7030's optional operations this CA does not offer: 404 (as §4.5 allows for
  // csrattrs), with words that say so rather than "no such URL".
  for (const [operation, methods] of [
    ['csrattrs', ['GET', 'HEAD']],
    ['serverkeygen', ['POST']],
    ['fullcmc', ['POST']],
  ] as const) {
    app.route({
      method: [...methods],
      url: `/.well-known/est/${operation}`,
      handler: async () => {
        throw serverErrors.operationNotSupported(operation);
      },
    });
  }
  allowOnly(app, '/.well-known/est/simpleenroll', ['POST']);
}
