/**
 * Which key STEP4 offers the CA, and how it starts: a key a killed run left under the
 * issuance's label is offered first (keyReused) and a CA that certified another key
 * for the application refuses it and a new one alike (TD-CA-ALREADY-ISSUED, nothing
 * left of the new key); half a pair (public only) is never offered; no admin PIN and
 * no current user PIN stops before anything is done; the EST-only profile sends the
 * subject the user named and changes the user PIN only after the check.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { CaError } from '../../../src/core/messages/errors.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { StorageError, storeCertificate } from '../../../src/core/storage/index.js';
import { ISSUANCE_MARK_NAME } from '../../../src/core/storage/issuance-mark.js';
import { targetFromEstProfile } from '../../../src/core/storage/issuance-profile.js';
import { x509 } from '../../../src/server/pki/x509.js';
import { startTestCa } from '../../support/ca-server.js';
import { makeCsr } from '../../support/csr.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';
import { fastClock, inventory, onToken, pairIds, prepareStore, runEndingAfter } from '../../support/store-run.js';

const USER_PIN = 'Tarou123';
let scene: SoftHsmStorageScene;
beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
});
afterEach(async () => {
  await scene?.close();
});

it('the CA issued for a key on another token: the key left here and a new one are both refused, TD-CA-ALREADY-ISSUED, the new key removed', async () => {
  // A run ended right after its key generation, leaving the key under the label…
  await runEndingAfter(scene, scene.application, USER_PIN, 'keyGeneration:end');
  const left = await inventory(scene.module, scene.tokenSerial, USER_PIN);
  // …and the application was then completed with a key the CA received from elsewhere.
  const outside = await scene.client.simpleEnroll(Buffer.from(await makeCsr(), 'base64'), scene.application.applicationNo, new Secret(scene.application.storagePin));
  expect(outside.status).toBe('issued');

  const store = await prepareStore(scene, scene.application, USER_PIN);
  const error = await store.run().then(() => expect.unreachable('stored'), (e: unknown) => e);
  expect(error).toBeInstanceOf(CaError);
  expect(error).toMatchObject({ code: 'alreadyIssued' });
  const shown = toUserError(error);
  expect(shown.code).toBe('TD-CA-ALREADY-ISSUED');
  expect(shown.cause.en).toBe('An earlier storage used another token or another key.');
  expect(store.events).toEqual([
    'userPin:start', 'userPin:end',
    'caCertificates:start', 'caCertificates:end',
    'keyReused:start', 'keyReused:end',
    'certificateRequest:start', 'certificateRequest:end',
    'enrollment:start', 'enrollment:failed',
    'keyGeneration:start', 'keyGeneration:end',
    'certificateRequest:start', 'certificateRequest:end',
    'enrollment:start', 'enrollment:failed',
  ]);
  expect(await inventory(scene.module, scene.tokenSerial, USER_PIN)).toEqual(left);
});

it('the public half of a pair under the label, its private half gone: not offered to the CA, removed once the new pair is verified', async () => {
  const first = await (await prepareStore(scene, scene.application, USER_PIN)).run();
  const renewal = await scene.ca.addApplication({ kind: 'renewal', tokenSerial: scene.tokenSerial });
  const half = await onToken(scene, USER_PIN, (session) => session.generateRsaKeyPair({ label: `${renewal.userId} ${renewal.name}` }));
  const deleted = spawnSync(
    'pkcs11-tool',
    ['--module', scene.hsm.modulePath, '--slot-index', '0', '--login', '--pin', USER_PIN, '--delete-object', '--type', 'privkey', '--id', half.id],
    { env: scene.hsm.env, encoding: 'utf8' },
  );
  expect(deleted.status, deleted.stderr).toBe(0);

  const store = await prepareStore(scene, renewal, 'Renew456');
  const result = await store.run();
  expect(store.events).not.toContain('keyReused:start');
  expect(result).toMatchObject({ resumed: false, removedOldObjects: 2 }); // the first issuance's pair, and the half
  expect(result.keyId).not.toBe(half.id);
  expect(result.keyId).not.toBe(first.keyId);
  expect(pairIds(await inventory(scene.module, scene.tokenSerial, 'Renew456'))).toEqual([result.keyId]);
  expect(await scene.ca.status(renewal.applicationNo)).toMatchObject({ state: 'stored' });
});

it('with the extensions a run marks no key (the CA is asked about the application instead): a run ended after its key generation leaves the key alone', async () => {
  await runEndingAfter(scene, scene.application, USER_PIN, 'keyGeneration:end');
  expect(pairIds(await inventory(scene.module, scene.tokenSerial, USER_PIN))).toHaveLength(1);
  expect(await onToken(scene, USER_PIN, (session) => session.readDataObjects(ISSUANCE_MARK_NAME))).toEqual([]);
});

it('no admin PIN from the CA and no current user PIN: TD-STORE-NO-ADMIN before the CA is asked or the token changed', async () => {
  const store = await prepareStore(scene, scene.application, USER_PIN);
  delete store.request.soPin;
  const error = await store.run().then(() => expect.unreachable('stored'), (e: unknown) => e);
  expect(error).toBeInstanceOf(StorageError);
  const shown = toUserError(error);
  expect(shown.code).toBe('TD-STORE-NO-ADMIN');
  expect(shown.text).toEqual({ ja: 'ユーザーPINを設定できません。', en: 'The user PIN cannot be set.' });
  expect(store.events).toEqual([]);
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'ready', certificate: null });
});

it('EST-only: the CSR carries the subject the user named, and the user PIN changes after the check, before old pairs are looked at', async () => {
  // The token already holds a certificate of another CA (the scene's), stored with user PIN Tarou123.
  const first = await (await prepareStore(scene, scene.application, USER_PIN)).run();
  const SUBJECT = 'CN=Souken Tarou,O=Souken Kensetsu,C=JP';
  const ca = await startTestCa({ estOnly: true, settings: { caName: 'Some EST CA' } });
  const client = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
  try {
    const notice = await ca.addApplication();
    const sent: Buffer[] = [];
    const enroll = client.simpleEnroll.bind(client);
    client.simpleEnroll = async (csr, ...rest) => {
      sent.push(csr);
      return enroll(csr, ...rest);
    };
    const events: string[] = [];
    const result = await storeCertificate({
      module: scene.module,
      tokenSerial: scene.tokenSerial,
      ca: client,
      target: targetFromEstProfile({ kind: 'estOnly', estUser: notice.applicationNo, subject: SUBJECT }),
      storagePin: new Secret(notice.storagePin),
      newUserPin: new Secret('New5678'),
      currentUserPin: new Secret(USER_PIN),
      clock: fastClock(),
      progress: (progress, phase) => events.push(`${progress}:${phase}`),
    });
    expect(sent).toHaveLength(1);
    // In DER order (C first), as RFC 4514's string names it last.
    expect(new x509.Pkcs10CertificateRequest(new Uint8Array(sent[0]!)).subject).toBe('C=JP, O=Souken Kensetsu, CN=Souken Tarou');
    expect(events).toEqual([
      'caCertificates:start', 'caCertificates:end',
      'keyGeneration:start', 'keyGeneration:end',
      'certificateRequest:start', 'certificateRequest:end',
      'enrollment:start', 'enrollment:end',
      'certificateWrite:start', 'certificateWrite:end',
      'verification:start', 'verification:end',
      'userPin:start', 'userPin:end',
      'oldObjectsRemoved:start', 'oldObjectsRemoved:end',
    ]);
    expect(result).toMatchObject({ label: 'Souken Tarou', removedOldObjects: 0 });
    expect(pairIds(await inventory(scene.module, scene.tokenSerial, 'New5678'))).toEqual([first.keyId, result.keyId].sort());
  } finally {
    client.close();
    await ca.stop();
  }
});
