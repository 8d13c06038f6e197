// Issue 22 item 3 (RFC 7030 §3.5): a CSR whose challengePassword carries a tls-unique
// value was issued without looking at it. Now: the right value (this connection's
// TLS 1.2 Finished) is accepted, a wrong one refused, and over TLS 1.3 — which has
// no tls-unique — a CSR with a challengePassword is refused in words saying so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { opensslCsr } from '../../support/openssl-csr.js';
import { basicAuth, connectTls, exchange, type RawAnswer } from '../../support/raw-https.js';

describe('EST: tls-unique in the CSR challengePassword', () => {
  let ca: TestCa;
  let dir: string;
  beforeAll(async () => {
    ca = await startTestCa();
    dir = mkdtempSync(join(tmpdir(), 'tokendesk-tlsunique-'));
  });
  afterAll(async () => {
    await ca?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const enrollOn = (socket: TLSSocket, notice: { applicationNo: string; storagePin: string }, csr: string): Promise<RawAnswer> =>
    exchange(socket, new URL(ca.url).host, {
      method: 'POST',
      path: '/.well-known/est/simpleenroll',
      headers: { 'Content-Type': 'application/pkcs10', Authorization: basicAuth(notice.applicationNo, notice.storagePin) },
      body: csr,
    });

  /** The client's own Finished: tls-unique of a full TLS 1.2 handshake (RFC 5929 §3.1). */
  const tlsUniqueOf = (socket: TLSSocket): string => {
    expect(socket.isSessionReused()).toBe(false);
    return socket.getFinished()!.toString('base64');
  };

  it('issues a CSR carrying this connection’s tls-unique (TLS 1.2)', async () => {
    const notice = await ca.addApplication();
    const socket = await connectTls(ca.url, ca.caCertificatePem, { maxVersion: 'TLSv1.2' });
    expect(socket.getProtocol()).toBe('TLSv1.2');
    const { csrBase64 } = opensslCsr(dir, { challengePassword: tlsUniqueOf(socket) });
    const answer = await enrollOn(socket, notice, csrBase64);
    expect(answer.status, answer.text).toBe(200);
    expect((await ca.status(notice.applicationNo)).state).toBe('issued');
  });

  it('on a resumed TLS 1.2 session, takes the server’s Finished as tls-unique (the first one sent)', async () => {
    const notice = await ca.addApplication();
    const first = await connectTls(ca.url, ca.caCertificatePem, { maxVersion: 'TLSv1.2' });
    const session = first.getSession()!;
    first.destroy();
    const socket = await connectTls(ca.url, ca.caCertificatePem, { maxVersion: 'TLSv1.2', session });
    expect(socket.isSessionReused()).toBe(true);
    const { csrBase64 } = opensslCsr(dir, { challengePassword: socket.getPeerFinished()!.toString('base64') });
    const answer = await enrollOn(socket, notice, csrBase64);
    expect(answer.status, answer.text).toBe(200);
  });

  it('refuses a CSR carrying another connection’s tls-unique, and issues nothing', async () => {
    const notice = await ca.addApplication();
    const other = await connectTls(ca.url, ca.caCertificatePem, { maxVersion: 'TLSv1.2' });
    const { csrBase64 } = opensslCsr(dir, { challengePassword: tlsUniqueOf(other) });
    other.destroy();
    const socket = await connectTls(ca.url, ca.caCertificatePem, { maxVersion: 'TLSv1.2' });
    const answer = await enrollOn(socket, notice, csrBase64);
    expect(answer.status).toBe(400);
    expect(answer.header('X-TokenDesk-Error')).toBe('channelBindingRefused');
    expect(answer.text).toContain('does not match this connection’s tls-unique');
    expect(answer.text).toContain('tls-unique と一致しません');
    expect((await ca.status(notice.applicationNo)).state).toBe('ready');
  });

  it('refuses any other challengePassword (a plain password is not ignored either)', async () => {
    const notice = await ca.addApplication();
    const socket = await connectTls(ca.url, ca.caCertificatePem, { maxVersion: 'TLSv1.2' });
    const { csrBase64 } = opensslCsr(dir, { challengePassword: 'letmein' });
    const answer = await enrollOn(socket, notice, csrBase64);
    expect(answer.status).toBe(400);
    expect(answer.header('X-TokenDesk-Error')).toBe('channelBindingRefused');
    expect((await ca.status(notice.applicationNo)).state).toBe('ready');
  });

  it('over TLS 1.3 refuses a CSR with a challengePassword (no tls-unique there) and issues one without', async () => {
    const notice = await ca.addApplication();
    const socket = await connectTls(ca.url, ca.caCertificatePem, { minVersion: 'TLSv1.3' });
    expect(socket.getProtocol()).toBe('TLSv1.3');
    const linked = opensslCsr(dir, { challengePassword: Buffer.alloc(12, 7).toString('base64') });
    const answer = await enrollOn(socket, notice, linked.csrBase64);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('this connection (TLSv1.3) has no tls-unique (TLS 1.2 only)');
    expect((await ca.status(notice.applicationNo)).state).toBe('ready');

    const plain = opensslCsr(dir, { keyFile: linked.keyFile });
    const again = await enrollOn(await connectTls(ca.url, ca.caCertificatePem, { minVersion: 'TLSv1.3' }), notice, plain.csrBase64);
    expect(again.status, again.text).toBe(200);
  });
});
