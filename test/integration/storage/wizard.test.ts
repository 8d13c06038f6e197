/** Flow A in-process on SoftHSM2 against the reference CA on loopback TLS. */
import { X509Certificate, createPublicKey, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageWizard, type WizardState } from '../../../src/core/storage/index.js';
import { CaError, InputError, StepTimeoutError } from '../../../src/core/messages/errors.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';
import { manualClock } from '../../support/manual-clock.js';

let scene: SoftHsmStorageScene;

beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
});
afterEach(async () => {
  await scene?.close();
});

async function objectsOnToken(pin: string) {
  const session = await scene.module.openSession(scene.tokenSerial);
  await session.login('user', pin);
  try {
    return { keys: await session.listKeys(), certificates: await session.listCertificates() };
  } finally {
    await session.logout();
    await session.close();
  }
}

describe('the storage wizard', () => {
  it('walks STEP1 to STEP5 and leaves a verified key and certificate on the token', async () => {
    const wizard = new StorageWizard({ module: scene.module, ca: scene.client });
    const seen: number[] = [];
    wizard.on('state', (state: WizardState) => seen.push(state.step));
    const progress: string[] = [];
    wizard.on('progress', (event) => event.phase === 'end' && progress.push(event.progress));

    let state = await wizard.detectToken();
    expect(state.error).toBeUndefined();
    expect(state.step).toBe(2);
    expect(state.token?.serial).toBe(scene.tokenSerial);
    expect(state.target).toMatchObject({
      userId: scene.application.userId,
      name: 'Souken Tarou',
      kind: 'new',
      label: `${scene.application.userId} Souken Tarou`,
    });

    state = wizard.confirmUser();
    expect(state.step).toBe(3);
    state = await wizard.submitStoragePin(scene.application.storagePin);
    expect(state.error).toBeUndefined();
    expect(state.step).toBe(4);
    expect(state.attemptsLeft).toBe(5);

    state = await wizard.submitUserPin('Tarou123', 'Tarou123');
    expect(state.error).toBeUndefined();
    expect(state).toMatchObject({ step: 5, status: 'done' });
    expect(progress).toEqual([
      'userPin',
      'caCertificates',
      'keyGeneration',
      'certificateRequest',
      'enrollment',
      'certificateWrite',
      'verification',
      'oldObjectsRemoved',
      'reportStored',
    ]);
    expect(seen[0]).toBe(1);
    expect(seen.at(-1)).toBe(5);

    const { keys, certificates } = await objectsOnToken('Tarou123');
    expect(keys.map((k) => k.kind).sort()).toEqual(['private', 'public']);
    expect(certificates).toHaveLength(1);
    expect(certificates[0]!.id).toBe(keys[0]!.id);
    const cert = new X509Certificate(certificates[0]!.der);
    expect(cert.subject).toContain(`CN=${scene.application.userId} Souken Tarou`);
    expect(cert.checkIssued(new X509Certificate(scene.ca.caCertificatePem))).toBe(true);

    // The token key signs; the issued certificate's key verifies.
    const session = await scene.module.openSession(scene.tokenSerial);
    await session.login('user', 'Tarou123');
    const data = Buffer.from('after STEP5');
    const signature = await session.sign(keys[0]!.id, data);
    await session.logout();
    await session.close();
    expect(verify('sha256', data, createPublicKey(cert.publicKey.export({ type: 'spki', format: 'pem' })), signature)).toBe(true);

    const status = await scene.ca.status(scene.application.applicationNo);
    expect(status).toMatchObject({ state: 'stored' });
    wizard.dispose();
  });

  it('refuses a malformed storage PIN before asking the CA, and says how many tries are left for a wrong one', async () => {
    const wizard = new StorageWizard({ module: scene.module, ca: scene.client });
    await wizard.detectToken();
    wizard.confirmUser();
    for (const bad of ['１２３４５６７８９０', '12345 67890', '12345abcde', '123456789']) {
      const state = await wizard.submitStoragePin(bad);
      expect(state.step).toBe(3);
      expect(state.error).toBeInstanceOf(InputError);
    }
    // Nothing reached the CA: all five tries remain.
    const wrong = scene.application.storagePin === '0000000000' ? '1111111111' : '0000000000';
    const state = await wizard.submitStoragePin(wrong);
    expect(state.step).toBe(3);
    expect(state.error).toBeInstanceOf(CaError);
    expect(state.error).toMatchObject({ code: 'storagePinIncorrect', attemptsLeft: 4 });
    expect(state.attemptsLeft).toBe(4);
    wizard.dispose();
  });

  it('goes back to STEP1 and forgets the PINs when a step waits more than 5 minutes', async () => {
    const clock = manualClock();
    const wizard = new StorageWizard({ module: scene.module, ca: scene.client, clock });
    await wizard.detectToken();
    wizard.confirmUser();
    const atStep4 = await wizard.submitStoragePin(scene.application.storagePin);
    expect(atStep4.step).toBe(4);
    expect(atStep4.deadline).toBe(clock.now().getTime() + 5 * 60_000);
    clock.advance(5 * 60_000 - 1);
    expect(wizard.current.step).toBe(4);
    clock.advance(1);
    expect(wizard.current.step).toBe(1);
    expect(wizard.current.error).toBeInstanceOf(StepTimeoutError);
    expect((wizard.current.error as StepTimeoutError).step).toBe(4);
    // The storage PIN is gone: STEP4 cannot be reached without entering it again.
    await expect(wizard.submitUserPin('Tarou123', 'Tarou123')).rejects.toThrow(InputError);
    wizard.dispose();
  });
});
