/**
 * Reissue (再発行) in the EST-only profile: the label comes from --subject, so the
 * revoked certificate's key carries the very label the new issuance uses. The old
 * pair has a certificate and must never be offered to the CA again (a CA that
 * checks nothing would certify it once more); a new key is made and the old pair
 * goes once the new one is verified. In the extensions profile each reissue has a
 * new user ID, hence a new label, and cannot show this (see renewal.test.ts).
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { openModule, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { StorageWizard, type WizardState } from '../../../src/core/storage/index.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

const SUBJECT = 'CN=Souken Tarou,O=Souken Kensetsu,C=JP';
let hsm: SoftHsm;
let ca: TestCa;
let module: Pkcs11Module;
let client: CaClient;
beforeAll(async () => {
  hsm = createSoftHsm({ tokens: 1, userPin: 'Old1234' });
  ca = await startTestCa({ estOnly: true });
  module = await openModule(hsm.modulePath);
  client = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
});
afterAll(async () => {
  client?.close();
  await module?.release();
  await ca?.stop();
  hsm?.cleanup();
});

async function storeEstOnly(estUser: string, storagePin: string, currentPin: string, newPin: string): Promise<WizardState> {
  const wizard = new StorageWizard({ module, ca: client, profile: { kind: 'estOnly', estUser, subject: SUBJECT } });
  try {
    await wizard.detectToken();
    wizard.confirmUser();
    await wizard.submitStoragePin(storagePin);
    return await wizard.submitUserPin(newPin, newPin, currentPin);
  } finally {
    wizard.dispose();
  }
}

async function inventory(userPin: string) {
  const session = await module.openSession(hsm.tokens[0]!.serial);
  try {
    await session.login('user', userPin);
    const keys = await session.listKeys();
    const certificates = await session.listCertificates();
    return {
      keyIds: [...new Set(keys.map((k) => k.id))],
      certificates: certificates.map((c) => ({ id: c.id, label: c.label, serial: new X509Certificate(c.der).serialNumber })),
    };
  } finally {
    await session.logout();
    await session.close();
  }
}

it('reissue after revocation: a new key under the same label, the revoked pair gone', async () => {
  const application = await ca.addApplication({ tokenSerial: hsm.tokens[0]!.serial });
  const first = await storeEstOnly(application.applicationNo, application.storagePin, 'Old1234', 'Tarou123');
  expect(first.error, String(first.error)).toBeUndefined();
  expect(first.result?.label).toBe('Souken Tarou');
  const oldKeyId = first.result!.keyId;
  await ca.revoke(first.result!.certificateSerialHex);

  const reissue = await ca.addApplication({ kind: 'reissue', tokenSerial: hsm.tokens[0]!.serial });
  const second = await storeEstOnly(reissue.applicationNo, reissue.storagePin, 'Tarou123', 'Again789');
  expect(second.error, String(second.error)).toBeUndefined();
  expect(second.step).toBe(5);
  expect(second.result?.label).toBe('Souken Tarou'); // the same label as the revoked pair
  expect(second.result?.resumed).toBe(false); // the revoked key was not offered to the CA
  expect(second.result?.keyId).not.toBe(oldKeyId);
  expect(second.result?.certificateSerialHex).not.toBe(first.result!.certificateSerialHex);

  const after = await inventory('Again789');
  expect(after.keyIds).toEqual([second.result!.keyId]);
  expect(after.certificates).toEqual([{ id: second.result!.keyId, label: 'Souken Tarou', serial: second.result!.certificateSerialHex.toUpperCase() }]);
  expect(await ca.status(reissue.applicationNo)).toMatchObject({ state: 'issued' });
});
