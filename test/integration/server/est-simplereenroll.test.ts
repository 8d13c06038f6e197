// Issue 22 item 2: /simplereenroll (a MUST in RFC 7030 §3.2.2) answered 404. Now the
// holder of a certificate this CA issued (TLS client certificate) with an approved
// renewal application (HTTP Basic: its number + storage PIN) gets the renewal
// certificate for a new key, the old one untouched; without a client certificate, with
// a foreign or revoked one, or without a renewal of theirs: refused with the reason.
// Real TLS throughout, keys and CSRs made by openssl; the success path through curl.
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCaContext, openCaContext } from '../../../src/server/ca-context.js';
import type { StoragePinNotice } from '../../../src/server/operator.js';
import { openCaStore } from '../../../src/server/store/open-store.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { opensslCsr } from '../../support/openssl-csr.js';
import { basicAuth, rawHttpsRequest, type RawAnswer } from '../../support/raw-https.js';
import { curl, run } from '../../support/run.js';

describe('EST simplereenroll', () => {
  let ca: TestCa;
  let dir: string;
  let n = 0;
  const file = (name: string): string => join(dir, name);

  /** base64 certs-only PKCS#7 (an EST answer) → the first certificate's PEM file. */
  const certificateFile = (base64: string): string => {
    const name = file(`cert${n++}`);
    writeFileSync(`${name}.p7`, Buffer.from(base64.replace(/\s/g, ''), 'base64'));
    run('openssl', ['pkcs7', '-inform', 'DER', '-in', `${name}.p7`, '-print_certs', '-out', `${name}.pem`]);
    return `${name}.pem`;
  };
  const serialOf = (certFile: string): string => run('openssl', ['x509', '-in', certFile, '-noout', '-serial']).trim().replace(/^serial=/, '');

  /** A contractor's current certificate: enrolled with an openssl key, as on the token. */
  async function holderOf(input: Parameters<TestCa['addApplication']>[0] = {}): Promise<{ notice: StoragePinNotice; keyFile: string; certFile: string }> {
    const notice = await ca.addApplication(input);
    const { keyFile, csrBase64 } = opensslCsr(dir);
    const answer = await rawHttpsRequest(ca, {
      method: 'POST',
      path: '/.well-known/est/simpleenroll',
      headers: { 'Content-Type': 'application/pkcs10', Authorization: basicAuth(notice.applicationNo, notice.storagePin) },
      body: csrBase64,
    });
    expect(answer.status, answer.text).toBe(200);
    return { notice, keyFile, certFile: certificateFile(answer.text) };
  }

  const reenroll = (client: { keyFile: string; certFile: string } | undefined, renewal: { applicationNo: string; storagePin: string }, csr: string): Promise<RawAnswer> =>
    rawHttpsRequest(
      ca,
      {
        method: 'POST',
        path: '/.well-known/est/simplereenroll',
        headers: { 'Content-Type': 'application/pkcs10', Authorization: basicAuth(renewal.applicationNo, renewal.storagePin) },
        body: csr,
      },
      client ? { key: readFileSync(client.keyFile), cert: readFileSync(client.certFile) } : {},
    );

  beforeAll(async () => {
    ca = await startTestCa();
    dir = mkdtempSync(join(tmpdir(), 'tokendesk-reenroll-'));
    writeFileSync(file('ca.pem'), ca.caCertificatePem);
  });
  afterAll(async () => {
    await ca?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issues the renewal certificate for the new key with the renewal’s subject; the old one stays valid', async () => {
    const holder = await holderOf({ contractNo: '1111111111111', name: 'Koshin Goro' });
    const renewal = await ca.addApplication({ kind: 'renewal', contractNo: '1111111111111', name: 'Koshin Goro', years: 3 });
    const newKey = opensslCsr(dir);
    writeFileSync(file('renew.b64'), newKey.csrBase64);

    const headers = await curl([
      '-sS', '--cacert', file('ca.pem'), '--cert', holder.certFile, '--key', holder.keyFile,
      '-u', `${renewal.applicationNo}:${renewal.storagePin}`,
      '-H', 'Content-Type: application/pkcs10', '--data-binary', `@${file('renew.b64')}`,
      '-D', '-', '-o', file('renewed.b64'),
      `${ca.url}/.well-known/est/simplereenroll`,
    ]);
    expect(headers).toMatch(/^HTTP\/1\.1 200/);
    expect(headers).toContain('Content-Type: application/pkcs7-mime; smime-type=certs-only');
    const renewed = certificateFile(readFileSync(file('renewed.b64'), 'utf8'));
    const subject = run('openssl', ['x509', '-in', renewed, '-noout', '-subject']);
    expect(subject).toContain(`CN = ${renewal.userId} Koshin Goro`);
    expect(renewal.userId).not.toBe(holder.notice.userId);
    expect(run('openssl', ['x509', '-in', renewed, '-noout', '-pubkey'])).toBe(run('openssl', ['pkey', '-in', newKey.keyFile, '-pubout']));
    expect(run('openssl', ['verify', '-CAfile', file('ca.pem'), renewed]).trim()).toBe(`${renewed}: OK`);

    // Same request again: the same certificate (idempotent until stored), as simpleenroll.
    const again = await reenroll(holder, renewal, newKey.csrBase64);
    expect(again.status).toBe(200);
    expect(serialOf(certificateFile(again.text))).toBe(serialOf(renewed));

    // The old certificate is untouched: still issued, not revoked.
    const old = await ca.status(holder.notice.applicationNo);
    expect(old.certificate?.revokedAt).toBeNull();
    expect((await ca.status(renewal.applicationNo)).state).toBe('issued');

    // Audited once, as simpleenroll's issuance, naming the certificate it renews.
    const store = await openCaStore(join(ca.dataDir, 'ca.db'));
    try {
      const issuances = (await store.listAudit({ applicationNo: renewal.applicationNo })).filter((line) => line.event === 'certificateIssued');
      expect(issuances).toHaveLength(1);
      expect(JSON.parse(issuances[0]!.detail!)).toMatchObject({ renews: old.certificate!.serial });
    } finally {
      await store.close();
    }
  });

  it('refuses without a client certificate, with a foreign one, or a revoked one — before any PIN is tried', async () => {
    const holder = await holderOf({ contractNo: '2222222222222', name: 'Koshin Shiro' });
    const renewal = await ca.addApplication({ kind: 'renewal', contractNo: '2222222222222', name: 'Koshin Shiro' });
    const { csrBase64 } = opensslCsr(dir);

    const none = await reenroll(undefined, renewal, csrBase64);
    expect(none.status).toBe(403);
    expect(none.header('X-TokenDesk-Error')).toBe('clientCertificateRequired');
    expect(none.text).toContain('TLS client authentication with the current certificate this CA issued');

    run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('foreign.key'), '-out', file('foreign.pem'), '-subj', '/CN=Koshin Shiro', '-days', '30']);
    const foreign = await reenroll({ keyFile: file('foreign.key'), certFile: file('foreign.pem') }, renewal, csrBase64);
    expect(foreign.status).toBe(403);
    expect(foreign.header('X-TokenDesk-Error')).toBe('clientCertificateRefused');
    expect(foreign.text).toContain('not issued by this CA');

    await ca.revoke(serialOf(holder.certFile), 1);
    const revoked = await reenroll(holder, renewal, csrBase64);
    expect(revoked.status).toBe(403);
    expect(revoked.text).toContain('has been revoked');
    expect(revoked.text).toContain('失効しています');

    const status = await ca.status(renewal.applicationNo);
    expect(status.pinFailures).toBe(0);
    expect(status.certificate).toBeNull();
  });

  it('refuses an expired certificate from this CA, saying to renew with simpleenroll', async () => {
    // A certificate this CA issued two years ago for one year: signed with the CA's key
    // and recorded as issued, as if the contractor had let it run out.
    const notice = await ca.addApplication({ contractNo: '4444444444444', name: 'Souken Saburou', years: 1 });
    const keyFile = file('expired.key');
    run('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyFile]);
    run('openssl', ['pkey', '-in', keyFile, '-pubout', '-outform', 'DER', '-out', file('expired.spki')]);
    const spki = readFileSync(file('expired.spki'));
    const ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
    try {
      const issuedAt = new Date(Date.now() - 2 * 365 * 86_400_000);
      const issued = await ctx.issuer.issue({ userId: notice.userId, name: 'Souken Saburou', company: 'Souken Kensetsu Co., Ltd.', email: 'saburou@souken.example.jp', years: 1 }, spki, issuedAt);
      await ctx.store.insertCertificate({
        serial: issued.serial,
        application_no: notice.applicationNo,
        public_key_sha256: createHash('sha256').update(spki).digest('hex'),
        der: issued.der,
        not_before: issued.notBefore.toISOString(),
        not_after: issued.notAfter.toISOString(),
        issued_at: issuedAt.toISOString(),
        revoked_at: null,
        revocation_reason: null,
      });
      writeFileSync(file('expired.pem'), new X509Certificate(issued.der).toString());
    } finally {
      await closeCaContext(ctx);
    }
    const renewal = await ca.addApplication({ kind: 'renewal', contractNo: '4444444444444', name: 'Souken Saburou' });
    const answer = await reenroll({ keyFile, certFile: file('expired.pem') }, renewal, opensslCsr(dir).csrBase64);
    expect(answer.status).toBe(403);
    expect(answer.header('X-TokenDesk-Error')).toBe('clientCertificateRefused');
    expect(answer.text).toContain('has expired. Use simpleenroll with the renewal application number.');
    expect((await ca.status(renewal.applicationNo)).pinFailures).toBe(0);
  });

  it('refuses an application that is not this holder’s renewal, waits for approval, and counts a wrong PIN', async () => {
    const holder = await holderOf({ contractNo: '3333333333333', name: 'Souken Hanako' });
    const { csrBase64 } = opensslCsr(dir);

    // Another contractor's renewal, and a new (not renewal) application of the same contract.
    const othersRenewal = await ca.addApplication({ kind: 'renewal', contractNo: '3333333333333', name: 'Souken Jirou' });
    const notRenewal = await ca.addApplication({ kind: 'new', contractNo: '3333333333333', name: 'Souken Hanako' });
    for (const application of [othersRenewal, notRenewal]) {
      const answer = await reenroll(holder, application, csrBase64);
      expect(answer.status).toBe(403);
      expect(answer.header('X-TokenDesk-Error')).toBe('renewalNotForHolder');
      expect(answer.text).toContain('not a renewal of the certificate presented');
      expect((await ca.status(application.applicationNo)).certificate).toBeNull();
    }

    const pending = await ca.addApplication({ kind: 'renewal', contractNo: '3333333333333', name: 'Souken Hanako', pending: true });
    const waiting = await reenroll(holder, pending, csrBase64);
    expect(waiting.status).toBe(202);
    expect(waiting.header('Retry-After')).toBe('60');

    const wrongPin = await reenroll(holder, { applicationNo: pending.applicationNo, storagePin: pending.storagePin === '0000000000' ? '1111111111' : '0000000000' }, csrBase64);
    expect(wrongPin.status).toBe(401);
    expect(wrongPin.header('WWW-Authenticate')).toMatch(/^Basic /);
    expect((await ca.status(pending.applicationNo)).pinFailures).toBe(1);

    await ca.approve(pending.applicationNo);
    const issued = await reenroll(holder, pending, csrBase64);
    expect(issued.status, issued.text).toBe(200);
  });

  it('answers the optional operations it does not offer with 404 and words saying so', async () => {
    const csrattrs = await rawHttpsRequest(ca, { method: 'GET', path: '/.well-known/est/csrattrs' });
    expect(csrattrs.status).toBe(404);
    expect(csrattrs.header('X-TokenDesk-Error')).toBe('operationNotSupported');
    expect(csrattrs.text).toContain('does not offer EST csrattrs');
  });
});
