// Issue 22 item 5: 12 of the 21 TLS 1.2 suites the CA accepted had no forward secrecy.
// TLS 1.2 now takes ECDHE with an AEAD cipher only; TLS 1.3 as it is.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, getCiphers } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLS_1_2_SUITES } from '../../../src/server/http/tls-policy.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';

// openssl must run asynchronously: the server answers from this very process.
function sClient(ca: TestCa, caFile: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolveRun) => {
    const child = execFile(
      'openssl',
      ['s_client', '-connect', `127.0.0.1:${ca.port}`, '-CAfile', caFile, '-verify_return_error', ...args],
      { encoding: 'utf8', timeout: 20_000 },
      (error, stdout, stderr) => resolveRun({ ok: !error, output: stdout + stderr }),
    );
    child.stdin?.end(); // s_client ends after the handshake when its input ends
  });
}

/** The suite a TLS 1.2 handshake offering only `cipher` settles on, or undefined when refused. */
function handshake12(ca: TestCa, cipher: string): Promise<string | undefined> {
  return new Promise((resolveSuite) => {
    const socket = connect({ host: '127.0.0.1', port: ca.port, ca: ca.caCertificatePem, maxVersion: 'TLSv1.2', ciphers: `${cipher}:@SECLEVEL=0` }, () => {
      resolveSuite(socket.getCipher().standardName ? socket.getCipher().name : undefined);
      socket.destroy();
    });
    socket.once('error', () => resolveSuite(undefined));
  });
}

describe('CA TLS policy', () => {
  let ca: TestCa;
  let dir: string;
  let caFile: string;
  beforeAll(async () => {
    ca = await startTestCa();
    dir = mkdtempSync(join(tmpdir(), 'tokendesk-tls-'));
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, ca.caCertificatePem);
  });
  afterAll(async () => {
    await ca?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses `openssl s_client -tls1_2 -cipher AES128-SHA` and accepts ECDHE-RSA-AES128-GCM-SHA256', async () => {
    const refused = await sClient(ca, caFile, ['-tls1_2', '-cipher', 'AES128-SHA']);
    expect(refused.ok, refused.output).toBe(false);
    expect(refused.output).toMatch(/handshake failure|no cipher|alert/i);

    const accepted = await sClient(ca, caFile, ['-tls1_2', '-cipher', 'ECDHE-RSA-AES128-GCM-SHA256']);
    expect(accepted.ok, accepted.output).toBe(true);
    expect(accepted.output).toMatch(/Cipher is ECDHE-RSA-AES128-GCM-SHA256/);
    expect(accepted.output).toMatch(/Verify return code: 0 \(ok\)/);

    const tls13 = await sClient(ca, caFile, ['-tls1_3']);
    expect(tls13.ok, tls13.output).toBe(true);
    expect(tls13.output).toMatch(/TLSv1\.3/);
  });

  it('accepts on TLS 1.2 exactly the ECDHE + AEAD suites of the policy, nothing else OpenSSL offers', async () => {
    const candidates = getCiphers()
      .map((c) => c.toUpperCase())
      .filter((c) => !c.startsWith('TLS_'));
    const accepted: string[] = [];
    for (const cipher of candidates) {
      const suite = await handshake12(ca, cipher);
      if (suite) accepted.push(suite);
    }
    expect(accepted.length).toBeGreaterThan(0);
    for (const suite of accepted) {
      expect(TLS_1_2_SUITES as readonly string[]).toContain(suite);
      expect(suite).toMatch(/^ECDHE-(RSA|ECDSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/);
    }
    // The server's key is RSA: all three RSA suites of the policy are on offer.
    expect(accepted.sort()).toEqual(['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-CHACHA20-POLY1305']);
  });
});
