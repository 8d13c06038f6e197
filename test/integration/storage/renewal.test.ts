/**
 * Renewal (更新) and reissue (再発行) on the token the user already has
 * (CA manual §8.3, §4.1): the new pair is verified before the old one of this CA
 * goes; a revoked certificate and its key are cleaned up; another issuer's
 * objects are never touched.
 */
import { X509Certificate } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { WizardState } from '../../../src/core/storage/index.js';
import { createSoftHsmStorageScene, storeWithWizard, type SoftHsmStorageScene } from '../../support/storage-scene.js';
import { createTestCa } from '../../support/test-certificate.js';

let scene: SoftHsmStorageScene;

beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
});
afterEach(async () => {
  await scene?.close();
});

const store = (storagePin: string, userPin: string): Promise<WizardState> => storeWithWizard(scene, userPin, storagePin);

async function onToken(userPin: string) {
  const session = await scene.module.openSession(scene.tokenSerial, { readWrite: true });
  await session.login('user', userPin);
  return session;
}

/** A certificate and key from another issuer (a bank's, say) that TokenDesk must leave alone. */
async function addForeignPair(userPin: string): Promise<string> {
  const session = await onToken(userPin);
  try {
    const pair = await session.generateRsaKeyPair({ label: 'Other issuer' });
    const other = createTestCa('Some Other CA');
    await session.writeCertificate({ id: pair.id, label: 'Other issuer', der: other.issue(pair.modulus, pair.publicExponent, 'Souken Tarou').der });
    return pair.id;
  } finally {
    await session.logout();
    await session.close();
  }
}

async function inventory(userPin: string) {
  const session = await onToken(userPin);
  try {
    const keys = await session.listKeys();
    const certificates = await session.listCertificates();
    return {
      keyIds: [...new Set(keys.map((k) => k.id))].sort(),
      certificates: certificates.map((c) => ({ id: c.id, label: c.label, subject: new X509Certificate(c.der).subject })),
      keyCount: keys.length,
    };
  } finally {
    await session.logout();
    await session.close();
  }
}

it('renewal: a new user ID, the old pair of this CA gone, the new one verified, other issuers untouched', async () => {
  const first = await store(scene.application.storagePin, 'Tarou123');
  expect(first.step).toBe(5);
  const oldKeyId = first.result!.keyId;
  const foreignId = await addForeignPair('Tarou123');

  const renewal = await scene.ca.addApplication({ kind: 'renewal', tokenSerial: scene.tokenSerial });
  expect(renewal.userId).not.toBe(scene.application.userId);
  const second = await store(renewal.storagePin, 'Renew456');
  expect(second.error, String(second.error)).toBeUndefined();
  expect(second.step).toBe(5);
  expect(second.target?.userId).toBe(renewal.userId);
  expect(second.result?.removedOldObjects).toBe(1);

  const after = await inventory('Renew456');
  expect(after.keyIds).toEqual([foreignId, second.result!.keyId].sort());
  expect(after.keyIds).not.toContain(oldKeyId);
  expect(after.keyCount).toBe(4);
  expect(after.certificates.map((c) => c.label).sort()).toEqual([`${renewal.userId} Souken Tarou`, 'Other issuer'].sort());
  expect(await scene.ca.status(renewal.applicationNo)).toMatchObject({ state: 'stored' });
});

it('reissue after revocation: the revoked certificate and its key are cleaned up', async () => {
  const first = await store(scene.application.storagePin, 'Tarou123');
  expect(first.step).toBe(5);
  await scene.ca.revoke(first.result!.certificateSerialHex);
  const foreignId = await addForeignPair('Tarou123');

  const reissue = await scene.ca.addApplication({ kind: 'reissue', tokenSerial: scene.tokenSerial });
  const second = await store(reissue.storagePin, 'Again789');
  expect(second.error, String(second.error)).toBeUndefined();
  expect(second.step).toBe(5);
  expect(second.result?.resumed).toBe(false); // the old, revoked key is never re-certified
  expect(second.result?.keyId).not.toBe(first.result!.keyId);

  const after = await inventory('Again789');
  expect(after.keyIds).toEqual([foreignId, second.result!.keyId].sort());
  expect(after.certificates).toHaveLength(2);
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'revoked' });
  expect(await scene.ca.status(reissue.applicationNo)).toMatchObject({ state: 'stored' });
});
