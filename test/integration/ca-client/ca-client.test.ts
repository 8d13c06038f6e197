/** The CA client against the reference CA on loopback TLS: trust, pinning, clock, 202. */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaClient, spkiSha256 } from '../../../src/core/ca-client/index.js';
import { NetworkError } from '../../../src/core/messages/errors.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { buildCsr } from '../../../src/core/x509/index.js';
import { generateKeyPairSync, sign } from 'node:crypto';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { createTestCa } from '../../support/test-certificate.js';

let ca: TestCa;
beforeAll(async () => {
  ca = await startTestCa();
});
afterAll(async () => ca?.stop());

function softwareCsr(): Promise<Buffer> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  return buildCsr({
    modulus: Buffer.from(jwk.n!, 'base64url'),
    publicExponent: Buffer.from(jwk.e!, 'base64url'),
    sign: async (tbs) => sign('sha256', tbs, privateKey),
  });
}

async function serverSpki(): Promise<string> {
  const { connect } = await import('node:tls');
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: ca.port, ca: ca.caCertificatePem, servername: '127.0.0.1' }, () => {
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      resolve(spkiSha256(raw));
    });
    socket.on('error', reject);
  });
}

describe('trust', () => {
  it('reads the CA certificates when the configured CA is trusted', async () => {
    const client = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
    const [first] = await client.caCertificates();
    expect(new X509Certificate(first!).fingerprint256).toBe(new X509Certificate(ca.caCertificatePem).fingerprint256);
    client.close();
  });

  it('refuses a server its configured CA did not issue', async () => {
    const client = new CaClient({ url: ca.url, trust: { caPem: createTestCa('Not the CA').certPem } });
    await expect(client.caCertificates()).rejects.toMatchObject({ name: 'NetworkError', code: 'tlsUntrusted' });
    client.close();
  });

  it('accepts the pinned server key and refuses another', async () => {
    const good = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem, pinnedSpkiSha256: [await serverSpki()] } });
    await expect(good.caCertificates()).resolves.toHaveLength(1);
    good.close();
    const pinned = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem, pinnedSpkiSha256: ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='] } });
    const failure = await pinned.caCertificates().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(NetworkError);
    expect((failure as NetworkError).code).toBe('tlsPinMismatch');
    pinned.close();
  });

  it('will not talk to a CA over plain HTTP, nor take a URL that is none: the user corrects it', () => {
    for (const url of ['http://127.0.0.1:1', 'notaurl', 'https://']) {
      expect(() => new CaClient({ url }), url).toThrow(expect.objectContaining({ name: 'InputError', code: 'TD-CA-URL-INVALID' }));
    }
  });

  it('says "refused" when nothing listens', async () => {
    const client = new CaClient({ url: 'https://127.0.0.1:1', trust: { caPem: ca.caCertificatePem } });
    await expect(client.caCertificates()).rejects.toMatchObject({ code: 'refused' });
    client.close();
  });
});

describe('clock and answers', () => {
  it('notices a PC clock more than 5 minutes off the CA', async () => {
    const ahead = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem }, now: () => new Date(Date.now() + 6 * 60_000) });
    await ahead.caCertificates();
    expect(ahead.lastClock?.tooFar).toBe(true);
    expect(ahead.lastClock!.skewMs).toBeGreaterThan(5 * 60_000);
    ahead.close();
    const right = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
    await right.caCertificates();
    expect(right.lastClock?.tooFar).toBe(false);
    right.close();
  });

  it('answers pending with Retry-After while the operator has not approved, then the certificate', async () => {
    const mail = await ca.addApplication({ pending: true });
    const client = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
    const csr = await softwareCsr();
    const pending = await client.simpleEnroll(csr, mail.applicationNo, new Secret(mail.storagePin));
    expect(pending.status).toBe('pending');
    if (pending.status === 'pending') expect(pending.retryAfterSeconds).toBeGreaterThan(0);
    await ca.approve(mail.applicationNo);
    const issued = await client.simpleEnroll(csr, mail.applicationNo, new Secret(mail.storagePin));
    expect(issued.status).toBe('issued');
    client.close();
  });

  it('maps a wrong storage PIN to storagePinIncorrect with the attempts left', async () => {
    const mail = await ca.addApplication();
    const client = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
    const wrong = mail.storagePin === '1212121212' ? '3434343434' : '1212121212';
    const failure = await client.verifyStoragePin(mail.applicationNo, new Secret(wrong)).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'CaError', code: 'storagePinIncorrect', attemptsLeft: 4, status: 401 });
    const ok = await client.verifyStoragePin(mail.applicationNo, new Secret(mail.storagePin));
    expect(ok.soPin).toBeUndefined(); // not a CA-managed token
    client.close();
  });
});

describe('Secret', () => {
  it('never prints its value and refuses use once wiped', async () => {
    const secret = new Secret('0123456789');
    const { inspect } = await import('node:util');
    expect(`${secret}`).toBe('[secret]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[secret]"}');
    expect(inspect(secret)).not.toContain('0123456789');
    expect(secret.reveal()).toBe('0123456789');
    secret.wipe();
    expect(secret.wiped).toBe(true);
    expect(() => secret.reveal()).toThrow();
  });
});

describe('a plain RFC 7030 server refusing the credentials (#12.11)', () => {
  it('is asked once: the same refused credentials never go out twice', async () => {
    // A foreign EST server cannot be had here: a minimal HTTPS server on loopback with
    // an openssl-made certificate stands in for one, answering as RFC 7030 servers do.
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createServer } = await import('node:https');
    const dir = mkdtempSync(join(tmpdir(), 'tokendesk-est-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const seen: string[] = [];
    const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (request, response) => {
      seen.push(String(request.headers.authorization));
      request.resume();
      request.on('end', () => {
        response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="estrealm"', 'Content-Type': 'text/plain', Connection: 'close' });
        response.end('Unauthorized');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const client = new CaClient({ url: `https://127.0.0.1:${port}`, trust: { caPem: cert } });
    try {
      const failure = await client.simpleEnroll(await softwareCsr(), 'est-user', new Secret('not-a-storage-pin')).catch((e: unknown) => e);
      expect(failure).toMatchObject({ name: 'CaError', code: 'unauthorized', status: 401 });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toBe(`Basic ${Buffer.from('est-user:not-a-storage-pin').toString('base64')}`);
    } finally {
      client.close();
      server.close();
    }
  });
});
