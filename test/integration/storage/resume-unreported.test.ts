/**
 * A certificate written and verified but never reported to the CA (the run ended just
 * before `stored`): the next run finds it by label, checks that its private key is on
 * the token and that the pair works, and only reports it — while other certificates
 * under the same label (another issuer's, a copy of an old one the CA disowns) are
 * neither reported nor removed, and the CA's refusal of a serial sends the run down
 * the usual path. The progress events are the screen's: each list is what the user sees.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CaError } from '../../../src/core/messages/errors.js';
import { toUserError } from '../../../src/core/messages/index.js';
import type { StoragePinNotice } from '../../../src/server/operator.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';
import { inventory, onToken, pairIds, prepareStore, runEndingAfter, unclosedSteps } from '../../support/store-run.js';
import { createTestCa } from '../../support/test-certificate.js';

const USER_PIN = 'Tarou123';
const RENEWED_PIN = 'Renew456';
let scene: SoftHsmStorageScene;
beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
});
afterEach(async () => {
  await scene?.close();
});

const USUAL_PATH = [
  'userPin:start', 'userPin:end',
  'caCertificates:start', 'caCertificates:end',
  'keyGeneration:start', 'keyGeneration:end',
  'certificateRequest:start', 'certificateRequest:end',
  'enrollment:start', 'enrollment:end',
  'certificateWrite:start', 'certificateWrite:end',
  'verification:start', 'verification:end',
  'oldObjectsRemoved:start', 'oldObjectsRemoved:end',
  'reportStored:start', 'reportStored:end',
];

/**
 * A certificate object whose value is not a certificate, as a careless program may
 * leave: written with raw pkcs11js in a child process (the core's tools, and
 * pkcs11-tool, refuse to write one), logged in as the user.
 */
function writeJunkCertificate(userPin: string): void {
  const script = `
    const p11 = require('pkcs11js');
    const [modulePath, serial, pin] = process.argv.slice(1);
    const lib = new p11.PKCS11();
    lib.load(modulePath);
    lib.C_Initialize();
    const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).serialNumber.trim().toUpperCase() === serial);
    const session = lib.C_OpenSession(slot, p11.CKF_SERIAL_SESSION | p11.CKF_RW_SESSION);
    lib.C_Login(session, p11.CKU_USER, pin);
    lib.C_CreateObject(session, [
      { type: p11.CKA_CLASS, value: p11.CKO_CERTIFICATE },
      { type: p11.CKA_CERTIFICATE_TYPE, value: p11.CKC_X_509 },
      { type: p11.CKA_TOKEN, value: true },
      { type: p11.CKA_ID, value: Buffer.from('0102', 'hex') },
      { type: p11.CKA_LABEL, value: 'Other software' },
      { type: p11.CKA_SUBJECT, value: Buffer.from([0x30, 0x00]) },
      { type: p11.CKA_VALUE, value: Buffer.from('not a certificate') },
    ]);
    lib.C_Logout(session);
    lib.C_CloseSession(session);
    lib.C_Finalize();
  `;
  const written = spawnSync(process.execPath, ['-e', script, scene.hsm.modulePath, scene.tokenSerial, userPin], { env: scene.hsm.env, encoding: 'utf8' });
  expect(written.status, written.stderr).toBe(0);
}

/** The first issuance stored (user PIN Tarou123), then a renewal application for the same token. */
async function firstThenRenewal(): Promise<{ firstKeyId: string; firstCertificate: Buffer; renewal: StoragePinNotice; label: string }> {
  const first = await (await prepareStore(scene, scene.application, USER_PIN)).run();
  const renewal = await scene.ca.addApplication({ kind: 'renewal', tokenSerial: scene.tokenSerial });
  return { firstKeyId: first.keyId, firstCertificate: first.certificate, renewal, label: `${renewal.userId} ${renewal.name}` };
}

/** The old certificate written once more under the renewal's label (as a token tool copying it would). */
async function copyUnderLabel(keyId: string, certificate: Buffer, label: string): Promise<void> {
  await onToken(scene, USER_PIN, (session) => session.writeCertificate({ id: keyId, label, der: certificate }));
}

it('written and verified, the run ended before telling the CA: the retry only reports it', async () => {
  // The user cancels at the very end: the certificate is on the token, the CA not told.
  await runEndingAfter(scene, scene.application, USER_PIN, 'oldObjectsRemoved:end');
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'issued' });
  const written = await inventory(scene.module, scene.tokenSerial, USER_PIN);
  expect(written.certificates).toHaveLength(1);

  const retry = await prepareStore(scene, scene.application, USER_PIN);
  const result = await retry.run();
  expect(retry.events).toEqual([
    'userPin:start', 'userPin:end',
    'caCertificates:start', 'caCertificates:end',
    'reportStored:start', 'reportStored:end',
    'oldObjectsRemoved:start', 'oldObjectsRemoved:end',
  ]);
  expect(result).toMatchObject({ resumed: true, keyId: written.certificates[0]!.id, removedOldObjects: 0 });
  expect(result.certificateSerialHex.toLowerCase()).toBe(written.certificates[0]!.serial);
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'stored' });
  expect(await inventory(scene.module, scene.tokenSerial, USER_PIN)).toEqual(written);
});

it('the storage PIN replaced by the operator before the retry reports: refused once, nothing else tried, the certificate stays', async () => {
  await runEndingAfter(scene, scene.application, USER_PIN, 'oldObjectsRemoved:end');
  const written = await inventory(scene.module, scene.tokenSerial, USER_PIN);

  // STEP3 accepted the PIN; the operator then mails a new one: the old one is refused at `stored`.
  const retry = await prepareStore(scene, scene.application, USER_PIN);
  await scene.ca.newPin(scene.application.applicationNo);
  const error = await retry.run().then(() => expect.unreachable('stored with a replaced PIN'), (e: unknown) => e);
  expect(error).toBeInstanceOf(CaError);
  expect(toUserError(error).code).toBe('TD-CA-STORAGE-PIN-INCORRECT');
  // No new key and no second request under the refused PIN (each refusal counts towards the lock).
  expect(retry.events).toEqual(['userPin:start', 'userPin:end', 'caCertificates:start', 'caCertificates:end', 'reportStored:start', 'reportStored:failed']);
  expect(await inventory(scene.module, scene.tokenSerial, USER_PIN)).toEqual(written);
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'issued' });
});

it('renewal with another issuer’s certificate under the new label: neither reported to the CA nor removed', async () => {
  const { firstKeyId, renewal, label } = await firstThenRenewal();
  const other = createTestCa('Some Other CA');
  const foreign = await onToken(scene, USER_PIN, async (session) => {
    const pair = await session.generateRsaKeyPair({ label });
    await session.writeCertificate({ id: pair.id, label, der: other.issue(pair.modulus, pair.publicExponent, 'Souken Tarou').der });
    return pair.id;
  });

  const store = await prepareStore(scene, renewal, RENEWED_PIN);
  const result = await store.run();
  // The old pair of this CA (another label) and the foreign one were looked at, never reported.
  expect(store.events).toEqual(USUAL_PATH);
  expect(result).toMatchObject({ resumed: false, removedOldObjects: 1 });
  const after = await inventory(scene.module, scene.tokenSerial, RENEWED_PIN);
  expect(pairIds(after)).toEqual([foreign, result.keyId].sort());
  expect(pairIds(after)).not.toContain(firstKeyId);
  expect(after.certificates.find((c) => c.id === foreign)).toMatchObject({ label, issuer: 'CN=Some Other CA\nC=JP' });
  expect(await scene.ca.status(renewal.applicationNo)).toMatchObject({ state: 'stored' });
});

it('a copy of the old certificate under the new label, not yet issued for: the CA disowns it (not pending), and the usual path stores', async () => {
  const { firstKeyId, firstCertificate, renewal, label } = await firstThenRenewal();
  await copyUnderLabel(firstKeyId, firstCertificate, label);

  const store = await prepareStore(scene, renewal, RENEWED_PIN);
  const result = await store.run();
  // The CA's refusal closes the report it started (failed) before the usual path starts: no step is left shown running.
  expect(store.events).toEqual(['userPin:start', 'userPin:end', 'caCertificates:start', 'caCertificates:end', 'reportStored:start', 'reportStored:failed', ...USUAL_PATH.slice(4)]);
  expect(unclosedSteps(store.events)).toEqual([]);
  expect(result.resumed).toBe(false);
  const after = await inventory(scene.module, scene.tokenSerial, RENEWED_PIN);
  expect(pairIds(after)).toEqual([result.keyId]);
  expect(after.certificates.map((c) => c.serial)).toEqual([result.certificateSerialHex.toLowerCase()]);
  const status = await scene.ca.status(renewal.applicationNo);
  expect(status).toMatchObject({ state: 'stored' });
  expect(status.certificate?.serial.toUpperCase()).toBe(result.certificateSerialHex);
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'stored' });
});

it('the same copy once the CA has issued for a key a killed run left: the CA refuses the serial, and that key completes', async () => {
  const { firstKeyId, firstCertificate, renewal, label } = await firstThenRenewal();
  // A run that ended right after the CA issued (its answer never written).
  await runEndingAfter(scene, renewal, RENEWED_PIN, 'enrollment:end');
  const issued = (await scene.ca.status(renewal.applicationNo)).certificate!.serial;
  await onToken(scene, RENEWED_PIN, (session) => session.writeCertificate({ id: firstKeyId, label, der: firstCertificate }));

  const store = await prepareStore(scene, renewal, RENEWED_PIN);
  const result = await store.run();
  expect(store.events.slice(0, 8)).toEqual(['userPin:start', 'userPin:end', 'caCertificates:start', 'caCertificates:end', 'reportStored:start', 'reportStored:failed', 'keyReused:start', 'keyReused:end']);
  expect(unclosedSteps(store.events)).toEqual([]);
  expect(result.resumed).toBe(true);
  expect(result.certificateSerialHex).toBe(issued.toUpperCase());
  expect(pairIds(await inventory(scene.module, scene.tokenSerial, RENEWED_PIN))).toEqual([result.keyId]);
  expect(await scene.ca.status(renewal.applicationNo)).toMatchObject({ state: 'stored' });
});

it('a certificate under the label whose private key another program deleted: passed over, a new pair stored', async () => {
  const { firstKeyId, firstCertificate, renewal, label } = await firstThenRenewal();
  await copyUnderLabel(firstKeyId, firstCertificate, label);
  // Another private key on the token (a program's own pair, no certificate).
  const other = await onToken(scene, USER_PIN, (session) => session.generateRsaKeyPair({ label: 'Other software' }));
  const deleted = spawnSync(
    'pkcs11-tool',
    ['--module', scene.hsm.modulePath, '--slot-index', '0', '--login', '--pin', USER_PIN, '--delete-object', '--type', 'privkey', '--id', firstKeyId],
    { env: scene.hsm.env, encoding: 'utf8' },
  );
  expect(deleted.status, deleted.stderr).toBe(0);

  const store = await prepareStore(scene, renewal, RENEWED_PIN);
  const result = await store.run();
  expect(store.events).toEqual(USUAL_PATH);
  expect(result.resumed).toBe(false);
  const after = await inventory(scene.module, scene.tokenSerial, RENEWED_PIN);
  expect(pairIds(after)).toEqual([other.id, result.keyId].sort());
  // The old certificate and its copy went with the old pair's public half.
  expect(after.certificates.map((c) => c.serial)).toEqual([result.certificateSerialHex.toLowerCase()]);
  expect(await scene.ca.status(renewal.applicationNo)).toMatchObject({ state: 'stored' });
});

it('a certificate object that is not a certificate (another program’s): left alone, and the renewal completes', async () => {
  const { firstKeyId, renewal } = await firstThenRenewal();
  writeJunkCertificate(USER_PIN);

  const result = await (await prepareStore(scene, renewal, RENEWED_PIN)).run();
  expect(result).toMatchObject({ resumed: false, removedOldObjects: 1 });
  const certificates = await onToken(scene, RENEWED_PIN, (session) => session.listCertificates());
  expect(certificates.map((c) => c.id).sort()).toEqual(['0102', result.keyId].sort());
  expect(certificates.find((c) => c.id === '0102')?.der.toString()).toBe('not a certificate');
  expect(certificates.map((c) => c.id)).not.toContain(firstKeyId);
  expect(await scene.ca.status(renewal.applicationNo)).toMatchObject({ state: 'stored' });
});
