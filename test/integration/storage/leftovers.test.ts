/**
 * What STEP4 finds on the token besides the issuance's own objects (store-certificate.ts,
 * found unguarded by the mutation run): a key pair another program made without a
 * certificate is not ours and stays; half a pair under this issuance's label — what a
 * key generation cut short leaves — is neither offered to the CA nor kept; a pair
 * whose certificate only bears this CA's name (another CA of that name, another key)
 * is not this CA's and stays.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSoftHsmStorageScene, storeWithWizard, type SoftHsmStorageScene } from '../../support/storage-scene.js';
import { onToken } from '../../support/store-run.js';
import { createTestCa } from '../../support/test-certificate.js';

let scene: SoftHsmStorageScene;
beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
});
afterEach(async () => {
  await scene?.close();
});

/** The first issuance done, the token's user PIN is ours: the objects are placed, then a renewal runs. */
async function renewal() {
  const first = await storeWithWizard(scene, USER_PIN);
  expect(first.error, String(first.error)).toBeUndefined();
  const next = await scene.ca.addApplication({ kind: 'renewal', tokenSerial: scene.tokenSerial });
  return { first: first.result!, next, store: () => storeWithWizard(scene, 'Renew456', next.storagePin) };
}

const USER_PIN = 'Tarou123';

it('a key pair another program made, with no certificate, is left alone', async () => {
  const { store } = await renewal();
  const other = await onToken(scene, USER_PIN, (session) => session.generateRsaKeyPair({ label: 'Other software' }));
  const done = await store();
  expect(done.error, String(done.error)).toBeUndefined();
  expect(done.result?.removedOldObjects).toBe(1); // the first issuance's pair only
  // Not offered to the CA as if a failed run of ours had left it: a new pair was made.
  expect(done.result?.resumed).toBe(false);
  expect(done.result?.keyId).not.toBe(other.id);
  const keys = await onToken(scene, 'Renew456', (session) => session.listKeys());
  expect(keys.filter((key) => key.id === other.id).map((key) => key.kind).sort()).toEqual(['private', 'public']);
  expect(new Set(keys.map((key) => key.id))).toEqual(new Set([other.id, done.result!.keyId]));
});

it('half a pair under the issuance’s label is not offered to the CA, and is removed once the new pair is verified', async () => {
  const { next, store } = await renewal();
  const label = `${next.userId} ${next.name}`;
  const half = await onToken(scene, USER_PIN, (session) => session.generateRsaKeyPair({ label }));
  // Its public half gone, as when a key generation is cut short: by a third party, pkcs11-tool.
  const deleted = spawnSync(
    'pkcs11-tool',
    ['--module', scene.hsm.modulePath, '--slot-index', '0', '--login', '--pin', USER_PIN, '--delete-object', '--type', 'pubkey', '--id', half.id],
    { env: scene.hsm.env, encoding: 'utf8' },
  );
  expect(deleted.status, deleted.stderr).toBe(0);
  expect((await onToken(scene, USER_PIN, (session) => session.listKeys())).filter((key) => key.id === half.id).map((key) => key.kind)).toEqual(['private']);

  const done = await store();
  expect(done.error, String(done.error)).toBeUndefined();
  expect(done.result?.resumed).toBe(false);
  expect(done.result?.keyId).not.toBe(half.id);
  expect(done.result?.removedOldObjects).toBe(2); // the first issuance's pair, and the half
  const keys = await onToken(scene, 'Renew456', (session) => session.listKeys());
  expect(keys.map((key) => key.id)).toEqual([done.result!.keyId, done.result!.keyId]);
});

it('a pair certified by another CA of the very same name (another key) is not taken for this CA’s, and stays', async () => {
  const { first, store } = await renewal();
  const namesake = createTestCa({ sameNameAs: scene.ca.caCertificatePem });
  const foreign = await onToken(scene, USER_PIN, async (session) => {
    const pair = await session.generateRsaKeyPair({ label: 'Test CA user' });
    const certificate = namesake.issue(pair.modulus, pair.publicExponent, 'Souken Tarou').der;
    await session.writeCertificate({ id: pair.id, label: 'Test CA user', der: certificate });
    return { id: pair.id, certificate };
  });
  // The same issuer name, byte for byte, as this CA's certificates carry: only the key tells them apart.
  const ours = new X509Certificate(scene.ca.caCertificatePem);
  expect(new X509Certificate(foreign.certificate).issuer).toBe(ours.subject);
  expect(new X509Certificate(foreign.certificate).checkIssued(ours)).toBe(true);
  expect(new X509Certificate(foreign.certificate).verify(ours.publicKey)).toBe(false);

  const done = await store();
  expect(done.error, String(done.error)).toBeUndefined();
  expect(done.result?.removedOldObjects).toBe(1); // the first issuance's pair only
  const after = await onToken(scene, 'Renew456', async (session) => ({ keys: await session.listKeys(), certificates: await session.listCertificates() }));
  expect(after.keys.filter((key) => key.id === foreign.id).map((key) => key.kind).sort()).toEqual(['private', 'public']);
  expect(after.certificates.find((c) => c.id === foreign.id)?.der.equals(foreign.certificate)).toBe(true);
  expect(new Set(after.keys.map((key) => key.id))).toEqual(new Set([foreign.id, done.result!.keyId]));
  expect(after.keys.map((key) => key.id)).not.toContain(first.keyId);
});
