/**
 * The unlock extension under /api/v1 (docs/architecture.md, Flow F): HTTP Basic with user = the token
 * serial and password = the unlock code, as verify-pin takes the application number and
 * the storage PIN. The SO PIN travels only in the TLS answer body; the request logger
 * redacts the Authorization header and never logs bodies.
 */
import type { FastifyInstance } from 'fastify';
import type { CaContext } from '../ca-context.js';
import { serverErrors } from '../server-error.js';
import { releaseSoPinForUnlock, reportUnlocked } from '../unlock-code.js';
import { parseBasicAuth } from './basic-auth.js';
import { allowOnly, type PinCheckBudget } from './route-helpers.js';

function unlockCodeFor(header: string | undefined, serial: string): string {
  const credentials = parseBasicAuth(header);
  if (!credentials) throw serverErrors.authRequired();
  if (credentials.user.trim().toUpperCase() !== serial.trim().toUpperCase()) {
    throw serverErrors.badRequest({ ja: 'URLと認証情報のシリアルナンバーが一致しません。', en: 'The serial number in the URL and in the credentials differ.' });
  }
  return credentials.password;
}

/** `pinBudget`: the one per-client budget every endpoint that checks a secret shares (route-helpers.ts). */
export function registerUnlockRoutes(app: FastifyInstance, ctx: CaContext, pinBudget: PinCheckBudget): void {
  app.post<{ Params: { serial: string } }>('/api/v1/tokens/:serial/unlock', { onRequest: pinBudget }, async (request, reply) => {
    const code = unlockCodeFor(request.headers.authorization, request.params.serial);
    // The answer holds the SO PIN: no cache may keep it.
    void reply.header('Cache-Control', 'no-store');
    return releaseSoPinForUnlock(ctx, request.params.serial, code, request.ip);
  });
  allowOnly(app, '/api/v1/tokens/:serial/unlock', ['POST']);

  app.post<{ Params: { serial: string } }>('/api/v1/tokens/:serial/unlocked', { onRequest: pinBudget }, async (request) => {
    const code = unlockCodeFor(request.headers.authorization, request.params.serial);
    return reportUnlocked(ctx, request.params.serial, code, request.ip);
  });
  allowOnly(app, '/api/v1/tokens/:serial/unlocked', ['POST']);
}
