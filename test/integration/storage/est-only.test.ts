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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
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

/**
 * The tests after the store start from the user PIN it set. Run on their own — as a
 * mutation run runs them, test by test — they set it themselves: no test relies on
 * another having run before it.
 */
let userPinSetByStore = false;
async function startFromPinAfterStore(): Promise<void> {
  if (userPinSetByStore) return;
  const module = await openModule(hsm.modulePath);
  try {
    const session = await module.openSession(hsm.tokens[0]!.serial, { readWrite: true });
    try {
      await session.changeUserPin('Old1234', 'New5678');
    } finally {
      await session.close();
    }
  } finally {
    await module.release();
  }
  userPinSetByStore = true;
}

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
  userPinSetByStore = true;
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

describe('after the store (user PIN New5678)', () => {
  beforeAll(startFromPinAfterStore);

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
      // STEP4's progress in the chosen language's words, not the core's names (#13.9).
      expect(failed.stderr).toContain('… Generating the key on the token');
      expect(failed.stderr).not.toMatch(/… (keyGeneration|caCertificates)/u);
      expect(failed.stderr).not.toContain(wrong);
      expect(await count()).toBe(before);
    } finally {
      await module.release();
    }
  });

  it('an EST user name with a colon is refused before anything is asked or sent (RFC 7617)', async () => {
    const mail = await ca.addApplication({ tokenSerial: hsm.tokens[0]!.serial });
    const dir = mkdtempSync(join(tmpdir(), 'tokendesk-est-'));
    writeFileSync(join(dir, 'ca.pem'), ca.caCertificatePem);
    const refused = await runTokendesk(
      ['store', '--ca', ca.url, '--ca-trust', join(dir, 'ca.pem'), '--module', hsm.modulePath, '--pins-from-stdin',
        '--est-user', `${mail.applicationNo}:1234567890`, '--subject', 'CN=Souken Tarou,O=Souken Kensetsu,C=JP', '--lang', 'en'],
      { env: hsm.env, input: 'New5678\n0000000000\nNew5678\n' },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('The --est-user name cannot contain ":"');
    expect(refused.stderr).not.toContain('STEP1');
  });

  describe('a refused EST password changes nothing on the token (#12.9–11)', () => {
    const subject = 'CN=Souken Tarou,O=Souken Kensetsu,C=JP';
    const estOnlyWizard = async (estUser: string) => {
      const module = await openModule(hsm.modulePath);
      const client = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
      return { module, client, wizard: new StorageWizard({ module, ca: client, profile: { kind: 'estOnly', estUser, subject } }) };
    };
    const tokenState = async (pin: string) => {
      const module = await openModule(hsm.modulePath);
      try {
        const session = await module.openSession(hsm.tokens[0]!.serial);
        await session.login('user', pin);
        const state = { keys: (await session.listKeys()).map((key) => key.id).sort(), certificates: (await session.listCertificates()).map((c) => c.id).sort() };
        await session.logout();
        await session.close();
        return state;
      } finally {
        await module.release();
      }
    };

    it('wrong password: one failure at the CA, the old PIN still works, no new key or certificate, words without an application number', async () => {
      const mail = await ca.addApplication({ tokenSerial: hsm.tokens[0]!.serial });
      const wrong = mail.storagePin === '1111111111' ? '2222222222' : '1111111111';
      const before = await tokenState('New5678');
      const { module, client, wizard } = await estOnlyWizard(mail.applicationNo);
      try {
        await wizard.detectToken();
        wizard.confirmUser();
        await wizard.submitStoragePin(wrong);
        const refused = await wizard.submitUserPin('Next9876', 'Next9876', 'New5678');
        expect(refused.error).toMatchObject({ name: 'CaError', code: 'estUnauthorized' });
        const words = toUserError(refused.error);
        expect(words.code).toBe('TD-EST-UNAUTHORIZED');
        expect(`${words.text.ja}${words.cause.ja}${words.remedy.ja}`).not.toContain('申請書番号');
        expect(words.text.ja).toContain('USBトークンは何も変更していません');
      } finally {
        wizard.dispose();
        client.close();
        await module.release();
      }
      // The identical request was not sent twice: the CA counted one failure.
      expect((await ca.status(mail.applicationNo)).pinFailures).toBe(1);
      // The old user PIN still logs in (the new one was never set) and nothing was added.
      expect(await tokenState('New5678')).toEqual(before);
    });

    it('any EST password is sent as typed: the 10-digit rule is the TokenDesk CA\'s, not EST\'s', async () => {
      const mail = await ca.addApplication({ tokenSerial: hsm.tokens[0]!.serial });
      const { module, client, wizard } = await estOnlyWizard(mail.applicationNo);
      try {
        await wizard.detectToken();
        wizard.confirmUser();
        const empty = await wizard.submitStoragePin('');
        expect(toUserError(empty.error).text.ja).toBe('ESTパスワードが未入力です。');
        const accepted = await wizard.submitStoragePin('s3cret: pass');
        expect(accepted.error, String(accepted.error)).toBeUndefined();
        expect(accepted.step).toBe(4);
        // The CA, not the client, judges it (this one holds 10-digit PINs and refuses it).
        const answered = await wizard.submitUserPin('Next9876', 'Next9876', 'New5678');
        expect(answered.error).toMatchObject({ name: 'CaError' });
        expect((answered.error as { status?: number }).status).toBeGreaterThanOrEqual(400);
      } finally {
        wizard.dispose();
        client.close();
        await module.release();
      }
      await expect(tokenState('New5678')).resolves.toMatchObject({ certificates: expect.any(Array) });
    });
  });
});
