// Issue 15: the request log names the URL — a revocation confirmation link's one-time
// secret must not be in it (it would let anyone who reads the log confirm the revocation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCaContext, openCaContext, type CaContext } from '../../../src/server/ca-context.js';
import { buildCaHttpApp } from '../../../src/server/http/ca-http-app.js';
import { loadServerTls } from '../../../src/server/pki/server-tls.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';

describe('portal request log', () => {
  let ca: TestCa;
  let ctx: CaContext;
  beforeAll(async () => {
    ca = await startTestCa({ settings: { logLevel: 'info' } });
    ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
  });
  afterAll(async () => {
    await closeCaContext(ctx);
    await ca.stop();
  });

  it('logs a confirmation link’s path without its secret', async () => {
    const written: string[] = [];
    const app = await buildCaHttpApp(ctx, { tls: await loadServerTls(ca.dataDir, ctx.master), logger: true, logStream: { write: (line) => void written.push(line) } });
    try {
      const secret = 'S'.repeat(43);
      const answer = await app.inject({ method: 'GET', url: `/portal/revoke/confirm/${secret}` });
      expect(answer.statusCode).toBe(410);
      expect(written.join('')).toContain('/portal/revoke/confirm/…');
      expect(written.join('')).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
