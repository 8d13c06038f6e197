// Issue 12 item 4: a client trickling its declared body (or its headers) is cut off
// by the request/header time limits while other clients are still served, and
// connections beyond the cap are closed on accept.
// Issue 12 item 7: every refusal — Fastify's own (undecodable URL, parameter too long)
// and Node's (not HTTP, headers too large, too slow, Expect) — carries the catalogue's
// code and Japanese/English words, and never echoes the URL.
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { connectTls, exchange, parseRawAnswer, rawHttpsRequest, readUntilClosed, type RawAnswer } from '../../support/raw-https.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface CatalogueBody {
  error: { code: string; message: { ja: string; en: string }; remedy: { ja: string; en: string } };
}

function expectCatalogue(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.header('Content-Type')).toBe('application/json; charset=utf-8');
  expect(answer.header('X-TokenDesk-Error')).toBe(code);
  const body = JSON.parse(answer.text) as CatalogueBody;
  expect(body.error.code).toBe(code);
  expect(body.error.message.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  expect(body.error.message.en.length).toBeGreaterThan(5);
  expect(body.error.remedy.ja.length).toBeGreaterThan(0);
}

/** Writes `bytes` one byte every `everyMs` until the socket closes; answers when it closed and what it received. */
async function trickle(socket: TLSSocket, bytes: Buffer, everyMs: number): Promise<{ closedAfterMs: number; received: Buffer }> {
  const started = Date.now();
  const received = readUntilClosed(socket);
  let closed = false;
  socket.once('close', () => (closed = true));
  for (let i = 0; i < bytes.length && !closed; i++) {
    socket.write(bytes.subarray(i, i + 1));
    await sleep(everyMs);
  }
  const bytesIn = await received;
  return { closedAfterMs: Date.now() - started, received: bytesIn };
}

describe('CA HTTP limits: slow clients are cut off, others served', () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await startTestCa({ settings: { http: { requestTimeoutMs: 1_500, headersTimeoutMs: 1_000, maxConnections: 100 } } });
  });
  afterAll(async () => {
    await ca?.stop();
  });

  it('cuts off a client trickling one byte every 250 ms of a declared 60 kB body, and serves another meanwhile', async () => {
    const socket = await connectTls(ca.url, ca.caCertificatePem);
    const host = new URL(ca.url).host;
    socket.write(
      `POST /.well-known/est/simpleenroll HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/pkcs10\r\nAuthorization: Basic MjAyNjAxMDEwMDE6MTIzNDU2Nzg5MA==\r\nContent-Length: 60000\r\n\r\n`,
    );
    const slow = trickle(socket, Buffer.alloc(60_000, 0x41), 250);
    await sleep(400);
    const other = await rawHttpsRequest(ca, { method: 'GET', path: '/.well-known/est/cacerts' });
    expect(other.status).toBe(200);

    const { closedAfterMs, received } = await slow;
    expect(closedAfterMs).toBeLessThan(4_000);
    expectCatalogue(parseRawAnswer(received), 408, 'requestTimeout');
  });

  it('cuts off a client trickling its headers (slowloris) and one that says nothing after the handshake', async () => {
    const slowHeaders = await connectTls(ca.url, ca.caCertificatePem);
    const { closedAfterMs, received } = await trickle(slowHeaders, Buffer.from(`GET /.well-known/est/cacerts HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`), 200);
    expect(closedAfterMs).toBeLessThan(3_000);
    expectCatalogue(parseRawAnswer(received), 408, 'requestTimeout');

    const silent = await connectTls(ca.url, ca.caCertificatePem);
    const started = Date.now();
    await readUntilClosed(silent);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('answers every framework refusal from the catalogue, never echoing the URL', async () => {
    const badUrl = await rawHttpsRequest(ca, { method: 'GET', path: '/api/v1/tokens/%E0%A4%A/pending' });
    expectCatalogue(badUrl, 400, 'badUrl');
    expect(badUrl.text).not.toContain('%E0');

    const longParam = `X${'9'.repeat(150)}`;
    const tooLong = await rawHttpsRequest(ca, { method: 'GET', path: `/api/v1/tokens/${longParam}/pending` });
    expectCatalogue(tooLong, 414, 'urlTooLong');
    expect(tooLong.text).not.toContain(longParam);

    const notHttp = await connectTls(ca.url, ca.caCertificatePem);
    const garbage = readUntilClosed(notHttp);
    notHttp.write('\x16\x03 this is not HTTP at all\r\n\r\n');
    expectCatalogue(parseRawAnswer(await garbage), 400, 'malformedRequest');

    const bigHeaders = await rawHttpsRequest(ca, { method: 'GET', path: '/.well-known/est/cacerts', headers: { 'X-Big': 'b'.repeat(20_000) } });
    expectCatalogue(bigHeaders, 431, 'headersTooLarge');

    const expectation = await rawHttpsRequest(ca, { method: 'GET', path: '/.well-known/est/cacerts', headers: { Expect: 'something-else' } });
    expectCatalogue(expectation, 417, 'expectationFailed');

    const unknown = await rawHttpsRequest(ca, { method: 'GET', path: '/api/v1/no/such/thing?secret=1' });
    expectCatalogue(unknown, 404, 'notFound');
    expect(unknown.text).not.toContain('secret');

    const wrongType = await rawHttpsRequest(ca, { method: 'POST', path: '/api/v1/applications/20260101001/verify-pin', headers: { 'Content-Type': 'text/xml' }, body: '<x/>' });
    expectCatalogue(wrongType, 415, 'unsupportedMediaType');

    const tooBig = await rawHttpsRequest(ca, { method: 'POST', path: '/api/v1/applications/20260101001/verify-pin', headers: { 'Content-Type': 'application/json' }, body: `"${'x'.repeat(70_000)}"` });
    expectCatalogue(tooBig, 413, 'bodyTooLarge');
  });
});

describe('CA HTTP limits: the connection cap', () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await startTestCa({ settings: { http: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, maxConnections: 3 } } });
  });
  afterAll(async () => {
    await ca?.stop();
  });

  it('closes connections beyond the cap on accept, and serves again once one is free', async () => {
    const held = await Promise.all([1, 2, 3].map(() => connectTls(ca.url, ca.caCertificatePem)));
    await expect(connectTls(ca.url, ca.caCertificatePem)).rejects.toThrow();

    const freed = held.pop()!;
    const gone = new Promise((r) => freed.once('close', r));
    freed.destroy();
    await gone;
    await sleep(100);
    const socket = await connectTls(ca.url, ca.caCertificatePem);
    const answer = await exchange(socket, new URL(ca.url).host, { method: 'GET', path: '/.well-known/est/cacerts' });
    expect(answer.status).toBe(200);
    for (const s of held) s.destroy();
  });
});
