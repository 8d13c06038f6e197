// Must show: enrollment with third-party tools only — openssl makes the CSR, curl talks
// EST with the storage PIN, openssl opens and verifies the answer; after
// `tokendesk ca revoke`, openssl reads the serial in the CRL.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { curl, run } from '../../support/run.js';

describe('EST with openssl and curl against the running CA', () => {
  let ca: TestCa;
  let dir: string;
  beforeAll(async () => {
    ca = await startTestCa();
    dir = mkdtempSync(join(tmpdir(), 'tokendesk-est-'));
    writeFileSync(join(dir, 'ca.pem'), ca.caCertificatePem);
  });
  afterAll(async () => {
    await ca?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enrolls, verifies, revokes and shows the serial in the CRL', async () => {
    const f = (name: string): string => join(dir, name);
    const notice = await ca.addApplication({ name: 'Souken Tarou', company: 'Souken Corp', email: 'tarou@souken.example.jp', years: 1 });

    // cacerts: base64 certs-only PKCS#7, as RFC 7030 says.
    const headers = await curl(['-sS', '--cacert', f('ca.pem'), '-D', '-', '-o', f('cacerts.b64'), `${ca.url}/.well-known/est/cacerts`]);
    expect(headers).toMatch(/^HTTP\/1\.1 200/);
    expect(headers).toMatch(/content-type: application\/pkcs7-mime; smime-type=certs-only/i);
    expect(headers).toMatch(/content-transfer-encoding: base64/i);
    run('openssl', ['base64', '-d', '-in', f('cacerts.b64'), '-out', f('cacerts.p7')]);
    run('openssl', ['pkcs7', '-inform', 'DER', '-in', f('cacerts.p7'), '-print_certs', '-out', f('cacerts.pem')]);

    // The CSR's subject is deliberately wrong: the CA takes the subject from the application.
    run('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('key.pem'), '-subj', '/CN=ignored by the CA', '-outform', 'DER', '-out', f('csr.der')]);
    writeFileSync(f('csr.b64'), readFileSync(f('csr.der')).toString('base64').replace(/.{64}/g, '$&\n'));
    const enrollHeaders = await curl([
      '-sS', '--cacert', f('ca.pem'), '-D', '-', '-o', f('cert.b64'),
      '-u', `${notice.applicationNo}:${notice.storagePin}`,
      '-H', 'Content-Type: application/pkcs10',
      '--data-binary', `@${f('csr.b64')}`,
      `${ca.url}/.well-known/est/simpleenroll`,
    ]);
    expect(enrollHeaders).toMatch(/^HTTP\/1\.1 200/);
    expect(enrollHeaders).toMatch(/content-type: application\/pkcs7-mime; smime-type=certs-only/i);
    run('openssl', ['base64', '-d', '-in', f('cert.b64'), '-out', f('cert.p7')]);
    const printed = run('openssl', ['pkcs7', '-inform', 'DER', '-in', f('cert.p7'), '-print_certs', '-out', f('cert.pem')]);
    expect(printed).toBe('');
    const text = run('openssl', ['x509', '-in', f('cert.pem'), '-noout', '-text']);
    expect(text).toContain(`CN = ${notice.userId} Souken Tarou, O = Souken Corp, emailAddress = tarou@souken.example.jp`);
    expect(text).toMatch(/Public-Key: \(2048 bit\)/);
    expect(text).toMatch(/Signature Algorithm: sha256WithRSAEncryption/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature/);
    expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Client Authentication/);
    expect(text).toContain(`URI:${ca.url}/crl`);
    expect(text).toMatch(/X509v3 Authority Key Identifier/);
    expect(text).toMatch(/X509v3 Subject Key Identifier/);
    expect(run('openssl', ['verify', '-CAfile', f('cacerts.pem'), f('cert.pem')]).trim()).toBe(`${f('cert.pem')}: OK`);
    // The certificate holds the CSR's key.
    const certKey = run('openssl', ['x509', '-in', f('cert.pem'), '-noout', '-pubkey']);
    const csrKey = run('openssl', ['pkey', '-in', f('key.pem'), '-pubout']);
    expect(certKey).toBe(csrKey);

    const serial = run('openssl', ['x509', '-in', f('cert.pem'), '-noout', '-serial']).trim().replace(/^serial=/, '');
    expect(serial).toMatch(/^[0-7][0-9A-F]{31}$/);
    const revoke = await ca.cli(['ca', 'revoke', '--cert-serial', serial, '--reason', '1', '--json']);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect(JSON.parse(revoke.stdout)).toMatchObject({ serial, applicationNo: notice.applicationNo });

    const crlHeaders = await curl(['-sS', '--cacert', f('ca.pem'), '-D', '-', '-o', f('crl.der'), `${ca.url}/crl`]);
    expect(crlHeaders).toMatch(/content-type: application\/pkix-crl/i);
    const crl = run('openssl', ['crl', '-inform', 'DER', '-in', f('crl.der'), '-noout', '-text']);
    expect(crl).toContain(`Serial Number: ${serial}`);
    expect(crl).toContain('Key Compromise');
    run('openssl', ['crl', '-inform', 'DER', '-in', f('crl.der'), '-noout', '-CAfile', f('cacerts.pem')]);
    run('openssl', ['crl', '-inform', 'DER', '-in', f('crl.der'), '-out', f('crl.pem')]);
    writeFileSync(f('chain-crl.pem'), readFileSync(f('cacerts.pem'), 'utf8') + readFileSync(f('crl.pem'), 'utf8'));
    const verifyRevoked = (() => {
      try {
        return run('openssl', ['verify', '-crl_check', '-CAfile', f('chain-crl.pem'), f('cert.pem')]);
      } catch (error) {
        return String(error);
      }
    })();
    expect(verifyRevoked).toMatch(/certificate revoked/);
  });
});
