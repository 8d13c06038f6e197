/**
 * The EST-only profile: the reference CA with its TokenDesk extensions switched
 * off behaves as any RFC 7030 server offering just cacerts and simpleenroll. The
 * user names the EST account and the subject, and sets the new user PIN with the
 * current one (C_SetPIN); the CA is never asked anything else.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openModule } from '../../../src/core/pkcs11/index.js';
import { caRequest, runTokendesk, startTestCa, type TestCa } from '../../support/ca-server.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

let hsm: SoftHsm;
let ca: TestCa;
beforeAll(async () => {
  hsm = createSoftHsm({ tokens: 1, userPin: 'Old1234' });
  ca = await startTestCa({ estOnly: true });
});
afterAll(async () => {
  await ca?.stop();
  hsm?.cleanup();
});

it('the extensions are really off', async () => {
  const answer = await caRequest(ca, 'GET', `/api/v1/tokens/${hsm.tokens[0]!.serial}/pending`);
  expect(answer.status).toBe(404);
});

it('stores with --est-user and --subject, the current user PIN first on stdin', async () => {
  const mail = await ca.addApplication({ tokenSerial: hsm.tokens[0]!.serial });
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-est-'));
  writeFileSync(join(dir, 'ca.pem'), ca.caCertificatePem);
  const stored = await runTokendesk(
    ['store', '--ca', ca.url, '--ca-trust', join(dir, 'ca.pem'), '--module', hsm.modulePath, '--pins-from-stdin', '--json',
      '--est-user', mail.applicationNo, '--subject', 'CN=Souken Tarou,O=Souken Kensetsu,C=JP'],
    { env: hsm.env, input: `Old1234\n${mail.storagePin}\nNew5678\n` },
  );
  expect(stored.code, stored.stderr).toBe(0);
  const result = JSON.parse(stored.stdout) as { label: string; keyId: string };
  expect(result.label).toBe('Souken Tarou');

  // The new user PIN works; the certificate is on the token beside its key.
  const module = await openModule(hsm.modulePath);
  try {
    const session = await module.openSession(hsm.tokens[0]!.serial);
    await session.login('user', 'New5678');
    const [certificate] = await session.listCertificates();
    expect(certificate?.id).toBe(result.keyId);
    expect(new X509Certificate(certificate!.der).checkIssued(new X509Certificate(ca.caCertificatePem))).toBe(true);
    await session.logout();
    await session.close();
  } finally {
    await module.release();
  }
});

it('a wrong storage PIN in the EST-only profile leaves no key behind', async () => {
  const mail = await ca.addApplication({ tokenSerial: hsm.tokens[0]!.serial });
  const wrong = mail.storagePin === '1111111111' ? '2222222222' : '1111111111';
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-est-'));
  writeFileSync(join(dir, 'ca.pem'), ca.caCertificatePem);
  const module = await openModule(hsm.modulePath);
  const count = async () => {
    const session = await module.openSession(hsm.tokens[0]!.serial);
    await session.login('user', 'New5678');
    const n = (await session.listKeys()).length;
    await session.logout();
    await session.close();
    return n;
  };
  try {
    const before = await count();
    const failed = await runTokendesk(
      ['store', '--ca', ca.url, '--ca-trust', join(dir, 'ca.pem'), '--module', hsm.modulePath, '--pins-from-stdin',
        '--est-user', mail.applicationNo, '--subject', 'CN=Souken Tarou,O=Souken Kensetsu,C=JP', '--lang', 'en'],
      { env: hsm.env, input: `New5678\n${wrong}\nNew5678\n` },
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).not.toMatch(/\n\s+at /u);
    expect(failed.stderr).not.toContain(wrong);
    expect(await count()).toBe(before);
  } finally {
    await module.release();
  }
});
