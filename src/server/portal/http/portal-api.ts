/**
 * The JSON the portal's scripts call (same origin, form token in X-TokenDesk-Form):
 * a nonce for a token proof, and the CA's standing of a certificate read from a token.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serverErrors } from '../../server-error.js';
import { certificateStanding, standingWords } from '../certificate-standing.js';
import { issueNonce } from '../token-proof.js';
import { FORM_HEADER } from './form-guard.js';
import type { PortalDeps } from './page-kit.js';

const nonceBody = z.object({ purpose: z.enum(['renew', 'revoke']) }).strict();
const standingBody = z.object({ certificatePem: z.string().min(1).max(16_384) }).strict();

export function registerPortalApi(app: FastifyInstance, deps: PortalDeps): void {
  const { ctx, guard } = deps;
  app.post('/api/nonce', async (request, reply) => {
    guard.check(request, request.headers[FORM_HEADER]);
    const body = nonceBody.safeParse(request.body);
    if (!body.success) throw serverErrors.badRequest({ ja: '本文は {"purpose": "renew" | "revoke"} です。', en: 'The body must be {"purpose": "renew" | "revoke"}.' });
    void reply.header('Cache-Control', 'no-store');
    return issueNonce(ctx, body.data.purpose);
  });

  app.post('/api/standing', async (request, reply) => {
    guard.check(request, request.headers[FORM_HEADER]);
    const body = standingBody.safeParse(request.body);
    if (!body.success) throw serverErrors.badRequest({ ja: '本文は {"certificatePem": "…"} です。', en: 'The body must be {"certificatePem": "…"}.' });
    const standing = await certificateStanding(ctx, body.data.certificatePem);
    if (!standing) throw serverErrors.badRequest({ ja: '電子証明書が読めません。', en: 'The certificate cannot be read.' });
    void reply.header('Cache-Control', 'no-store');
    return { ...standing, words: standingWords(standing.standing, ctx.config.portal.renewalWindowDays) };
  });
}
