/**
 * A CA-provisioned token that already holds its certificate, and a renewal the
 * operator added without naming the token (`ca app add --kind renewal` without
 * `--token`): the CA has nothing pending for the token, so STEP1 refuses it as
 * already stored (TD-CERT-ALREADY-STORED) — the default, since its usual cause is
 * the wizard run twice. The user who has the CA's mail says so (`withApplicationNo`,
 * `tokendesk store --application-no`): STEP2 takes the number, STEP3 the storage
 * PIN, STEP4 the current user PIN (the CA releases no admin PIN for an application
 * naming no token), and the new certificate replaces the old one. A wrong number is
 * refused before anything touches the token.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CaError } from '../../../src/core/messages/errors.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { openModule } from '../../../src/core/pkcs11/index.js';
import { StorageWizard, type WizardState } from '../../../src/core/storage/index.js';
import type { StoragePinNotice } from '../../../src/server/operator.js';
import { runTokendesk } from '../../support/ca-server.js';
import { run } from '../../support/run.js';
import { watchPkcs11Calls } from '../../support/pkcs11-calls.js';
import { createSoftHsmStorageScene, storeWithWizard, type SoftHsmStorageScene } from '../../support/storage-scene.js';

const FIRST_PIN = 'Tarou123';
const RENEWED_PIN = 'Renew456';

let scene: SoftHsmStorageScene;
let firstSerial: string;
let renewal: StoragePinNotice;

beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
  const first = await storeWithWizard(scene, FIRST_PIN);
  expect(first.error, String(first.error)).toBeUndefined();
  expect(first.step).toBe(5);
  firstSerial = first.result!.certificateSerialHex;
  // The renewal's application names no token: the lookup by the token's tag finds nothing.
  renewal = await scene.ca.addApplication({ kind: 'renewal' });
});
afterEach(async () => {
  await scene?.close();
});

/** The certificates on the token (as the user PIN opens it), and whether this CA issued them. */
async function certificatesOnToken(userPin: string): Promise<{ serial: string; label: string; byThisCa: boolean }[]> {
  const issuer = new X509Certificate(scene.ca.caCertificatePem);
  const session = await scene.module.openSession(scene.tokenSerial);
  try {
    await session.login('user', userPin);
    return (await session.listCertificates()).map((object) => {
      const certificate = new X509Certificate(object.der);
      return { serial: certificate.serialNumber.replace(/^0+/u, '').toUpperCase(), label: object.label, byThisCa: certificate.verify(issuer.publicKey) };
    });
  } finally {
    await session.logout().catch(() => undefined);
    await session.close();
  }
}

const bare = (hex: string) => hex.replace(/^0+/u, '').toUpperCase();

it('the default still refuses as already stored; with the application number the renewal is stored, verified and reported', async () => {
  const wizard = new StorageWizard({ module: scene.module, ca: scene.client });
  try {
    let state: WizardState = await wizard.detectToken();
    expect(state).toMatchObject({ step: 1, status: 'input', error: { code: 'TD-CERT-ALREADY-STORED' } });

    // The user has the CA's mail: "I have an application number (renewal or reissue)".
    state = await wizard.detectToken({ withApplicationNo: true });
    expect(state.error, String(state.error)).toBeUndefined();
    expect(state).toMatchObject({ step: 2, status: 'input', applicationNoNeeded: true, token: { serial: scene.tokenSerial } });

    state = wizard.confirmUser(renewal.applicationNo);
    expect(state).toMatchObject({ step: 3, target: { applicationNo: renewal.applicationNo } });
    state = await wizard.submitStoragePin(renewal.storagePin);
    expect(state.error, String(state.error)).toBeUndefined();
    expect(state).toMatchObject({ step: 4, target: { userId: renewal.userId, kind: 'renewal' } });

    // The application names no token, so the CA releases no admin PIN: the current user PIN is asked.
    state = await wizard.submitUserPin(RENEWED_PIN, RENEWED_PIN);
    expect(state).toMatchObject({ step: 4, status: 'input', error: { code: 'TD-USER-PIN-CURRENT-REQUIRED' } });
    state = await wizard.submitUserPin(RENEWED_PIN, RENEWED_PIN, FIRST_PIN);
    expect(state.error, String(state.error)).toBeUndefined();
    expect(state).toMatchObject({ step: 5, status: 'done', result: { removedOldObjects: 1 } });

    const onToken = await certificatesOnToken(RENEWED_PIN);
    expect(onToken).toEqual([{ serial: bare(state.result!.certificateSerialHex), label: `${renewal.userId} Souken Tarou`, byThisCa: true }]);
    expect(onToken[0]!.serial).not.toBe(bare(firstSerial));
    expect(await scene.ca.status(renewal.applicationNo)).toMatchObject({ state: 'stored' });
  } finally {
    wizard.dispose();
  }
});

it('a wrong application number is refused at STEP3 with no login on the token, and the old certificate stays', async () => {
  const calls: string[] = [];
  const watched = await watchPkcs11Calls(
    (name, call) => {
      calls.push(name);
      return call();
    },
    () => openModule(scene.hsm.modulePath),
  );
  const wizard = new StorageWizard({ module: watched, ca: scene.client });
  try {
    let state = await wizard.detectToken({ withApplicationNo: true });
    expect(state).toMatchObject({ step: 2, applicationNoNeeded: true });
    const wrong = renewal.applicationNo === '20990101999' ? '20990101998' : '20990101999';
    state = wizard.confirmUser(wrong);
    expect(state.step).toBe(3);
    state = await wizard.submitStoragePin(renewal.storagePin);
    expect(state.step).toBe(3);
    expect(state.error).toBeInstanceOf(CaError);
    expect(toUserError(state.error).code).toBe('TD-CA-STORAGE-PIN-INCORRECT');
    expect(calls.filter((name) => name === 'C_Login' || name === 'C_SetPIN' || name === 'C_InitPIN' || name.startsWith('C_Generate') || name.startsWith('C_Destroy'))).toEqual([]);
  } finally {
    wizard.dispose();
    await watched.release();
  }
  expect(await certificatesOnToken(FIRST_PIN)).toEqual([expect.objectContaining({ serial: bare(firstSerial), byThisCa: true })]);
  expect(await scene.ca.status(renewal.applicationNo)).toMatchObject({ certificate: null });
});

it('picked by mistake after a store, with the stored application\'s own number and PIN: refused at STEP3, the certificate kept', async () => {
  const wizard = new StorageWizard({ module: scene.module, ca: scene.client });
  try {
    let state = await wizard.detectToken({ withApplicationNo: true });
    expect(state).toMatchObject({ step: 2, applicationNoNeeded: true });
    state = wizard.confirmUser(scene.application.applicationNo);
    state = await wizard.submitStoragePin(scene.application.storagePin);
    expect(state.step).toBe(3);
    expect(state.error).toBeInstanceOf(CaError);
    expect(toUserError(state.error).code).toBe('TD-CA-NOT-PENDING');
  } finally {
    wizard.dispose();
  }
  expect(await certificatesOnToken(FIRST_PIN)).toEqual([expect.objectContaining({ serial: bare(firstSerial), byThisCa: true })]);
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'stored' });
});

it('the CLI: without --application-no refused as already stored, naming the option; with it the renewal is stored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-renewal-'));
  try {
    writeFileSync(join(dir, 'ca.pem'), scene.ca.caCertificatePem);
    const store = (extra: string[], input: string) =>
      runTokendesk(['store', '--ca', scene.ca.url, '--ca-trust', join(dir, 'ca.pem'), '--module', scene.hsm.modulePath, '--pins-from-stdin', '--json', ...extra], {
        env: scene.hsm.env,
        input,
      });
    const pins = `${renewal.storagePin}\n${RENEWED_PIN}\n${FIRST_PIN}\n`;
    const without = await store([], pins);
    expect(without.code).toBe(1);
    expect(JSON.parse(without.stdout)).toMatchObject({ step: 1, error: { code: 'TD-CERT-ALREADY-STORED' } });
    expect(without.stderr).toContain('--application-no');

    const stored = await store(['--application-no', renewal.applicationNo], pins);
    expect(stored.code, stored.stderr).toBe(0);
    const result = JSON.parse(stored.stdout) as { step: number; applicationNo: string; certificateSerial: string; keyId: string; removedOldObjects: number };
    expect(result).toMatchObject({ step: 5, applicationNo: renewal.applicationNo, removedOldObjects: 1 });
    // What landed, seen by another process (this one's SoftHSM keeps the PIN it read before the CLI changed it):
    // one certificate, the new one, issued by this CA, under the new user PIN.
    const pkcs11 = (args: string[]) =>
      run('pkcs11-tool', ['--module', scene.hsm.modulePath, '--token-label', 'TokenDesk', '--login', '--pin', RENEWED_PIN, ...args], { env: scene.hsm.env });
    expect(pkcs11(['--list-objects', '--type', 'cert']).match(/Certificate Object/gu)).toHaveLength(1);
    pkcs11(['--read-object', '--type', 'cert', '--id', result.keyId, '--output-file', join(dir, 'cert.der')]);
    const certificate = new X509Certificate(readFileSync(join(dir, 'cert.der')));
    expect(certificate.verify(new X509Certificate(scene.ca.caCertificatePem).publicKey)).toBe(true);
    expect(bare(certificate.serialNumber)).toBe(bare(result.certificateSerial));
    expect(bare(certificate.serialNumber)).not.toBe(bare(firstSerial));
    expect(await scene.ca.status(renewal.applicationNo)).toMatchObject({ state: 'stored' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
