// Issue 22 item 1: a widely used C EST client matches header names case-sensitively.
// Every EST answer must carry Content-Type, Content-Length, Content-Transfer-Encoding,
// WWW-Authenticate and Retry-After in their canonical capitalisation — read here from
// the raw bytes of the header block, not through a client library that normalises.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { opensslCsr } from '../../support/openssl-csr.js';
import { basicAuth, rawHttpsRequest, type RawAnswer, type RawRequest } from '../../support/raw-https.js';

/** Every header name the CA may send, exactly as it must appear on the wire. */
const CANONICAL = new Set([
  'Content-Type',
  'Content-Length',
  'Content-Transfer-Encoding',
  'WWW-Authenticate',
  'Retry-After',
  'Allow',
  'Date',
  'Connection',
  'Keep-Alive',
  'X-TokenDesk-Error',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
]);

function expectCanonical(answer: RawAnswer, required: string[]): void {
  for (const name of answer.headerNames) expect(CANONICAL, `header "${name}" in\n${answer.headerBlock}`).toContain(name);
  for (const name of required) expect(answer.headerNames, answer.headerBlock).toContain(name);
}

describe('EST answers on the wire: canonical header names', () => {
  let ca: TestCa;
  let dir: string;
  const send = (request: RawRequest): Promise<RawAnswer> => rawHttpsRequest(ca, request);
  const enroll = (auth: string | undefined, csr: string): Promise<RawAnswer> =>
    send({
      method: 'POST',
      path: '/.well-known/est/simpleenroll',
      headers: { 'Content-Type': 'application/pkcs10', ...(auth ? { Authorization: auth } : {}) },
      body: csr,
    });

  beforeAll(async () => {
    ca = await startTestCa({ settings: { rateLimit: { max: 6, windowSeconds: 60 } } });
    dir = mkdtempSync(join(tmpdir(), 'tokendesk-wire-'));
  });
  afterAll(async () => {
    await ca?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('cacerts, 401, 202, 200, 404, 405 and 429 all spell every header name canonically', async () => {
    const cacerts = await send({ method: 'GET', path: '/.well-known/est/cacerts' });
    expect(cacerts.status).toBe(200);
    expectCanonical(cacerts, ['Content-Type', 'Content-Length', 'Content-Transfer-Encoding']);
    expect(cacerts.header('Content-Type')).toBe('application/pkcs7-mime; smime-type=certs-only');
    expect(cacerts.header('Content-Transfer-Encoding')).toBe('base64');

    const { csrBase64 } = opensslCsr(dir);
    const noAuth = await enroll(undefined, csrBase64);
    expect(noAuth.status).toBe(401);
    expectCanonical(noAuth, ['Content-Type', 'Content-Length', 'WWW-Authenticate']);
    expect(noAuth.header('WWW-Authenticate')).toMatch(/^Basic realm=/);

    const waiting = await ca.addApplication({ pending: true });
    const pending = await enroll(basicAuth(waiting.applicationNo, waiting.storagePin), csrBase64);
    expect(pending.status).toBe(202);
    expectCanonical(pending, ['Content-Type', 'Content-Length', 'Retry-After']);

    const ready = await ca.addApplication();
    const issued = await enroll(basicAuth(ready.applicationNo, ready.storagePin), csrBase64);
    expect(issued.status, issued.text).toBe(200);
    expectCanonical(issued, ['Content-Type', 'Content-Length', 'Content-Transfer-Encoding']);

    const missing = await send({ method: 'GET', path: '/.well-known/est/nothing-here' });
    expect(missing.status).toBe(404);
    expectCanonical(missing, ['Content-Type', 'Content-Length']);

    const wrongMethod = await send({ method: 'DELETE', path: '/.well-known/est/cacerts' });
    expect(wrongMethod.status).toBe(405);
    expectCanonical(wrongMethod, ['Allow']);

    let limited: RawAnswer | undefined;
    for (let i = 0; i < 8 && !limited; i++) {
      const answer = await enroll(undefined, csrBase64);
      if (answer.status === 429) limited = answer;
    }
    expect(limited, 'the rate limit answered').toBeDefined();
    expectCanonical(limited!, ['Content-Type', 'Content-Length', 'Retry-After']);
  });
});
