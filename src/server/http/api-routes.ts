/**
 * TokenDesk's JSON extensions under /api/v1 (docs/ca-protocol.md), used by
 * the client when the CA offers them; switched off by `estOnly`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CaContext } from '../ca-context.js';
import { markStored, pendingIssuance, verifyPin } from '../enrollment.js';
import { POSSESSION_HEADER, presentedPossessionTag } from '../possession-proof.js';
import { serverErrors } from '../server-error.js';
import { parseBasicAuth } from './basic-auth.js';
import { allowOnly, lookupRateLimit, type PinCheckBudget } from './route-helpers.js';

const storedBody = z.object({ certificateSerial: z.string().min(1).max(80) });

function credentialsFor(header: string | undefined, applicationNo: string): string {
  const credentials = parseBasicAuth(header);
  if (!credentials) throw serverErrors.authRequired();
  if (credentials.user !== applicationNo) {
    throw serverErrors.badRequest({ ja: 'URLと認証情報の申請書番号が一致しません。', en: 'The application number in the URL and in the credentials differ.' });
  }
  return credentials.password;
}

/**
 * verify-pin's `TokenDesk-Final-Try: confirmed`: the user chose to use the last try
 * before the lock. Any other value, or none, is no confirmation (docs/ca-protocol.md).
 */
export const FINAL_TRY_HEADER = 'tokendesk-final-try';

function finalTryConfirmed(value: string | string[] | undefined): boolean {
  return typeof value === 'string' && value.trim().toLowerCase() === 'confirmed';
}

export function registerApiRoutes(app: FastifyInstance, ctx: CaContext, pinBudget: PinCheckBudget): void {
  app.get<{ Params: { serial: string } }>('/api/v1/tokens/:serial/pending', { config: lookupRateLimit(ctx) }, async (request, reply) => {
    const issuance = await pendingIssuance(ctx, request.params.serial, presentedPossessionTag(request.headers[POSSESSION_HEADER]));
    // A personal answer to one holder: no cache on the way may keep it.
    void reply.header('Cache-Control', 'no-store');
    return issuance;
  });
  allowOnly(app, '/api/v1/tokens/:serial/pending', ['GET', 'HEAD']);

  app.post<{ Params: { no: string } }>('/api/v1/applications/:no/verify-pin', { onRequest: pinBudget }, async (request) => {
    const pin = credentialsFor(request.headers.authorization, request.params.no);
    return verifyPin(ctx, request.params.no, pin, request.ip, finalTryConfirmed(request.headers[FINAL_TRY_HEADER]));
  });
  allowOnly(app, '/api/v1/applications/:no/verify-pin', ['POST']);

  app.post<{ Params: { no: string } }>('/api/v1/applications/:no/stored', { onRequest: pinBudget }, async (request) => {
    const pin = credentialsFor(request.headers.authorization, request.params.no);
    const body = storedBody.safeParse(request.body);
    if (!body.success) {
      throw serverErrors.badRequest({ ja: '本文は {"certificateSerial": "16進"} です。', en: 'The body must be {"certificateSerial": "<hex>"}.' });
    }
    return markStored(ctx, request.params.no, pin, body.data.certificateSerial, request.ip);
  });
  allowOnly(app, '/api/v1/applications/:no/stored', ['POST']);
}
