/**
 * A CA that answers, but so slowly that the answer never ends (a byte now and then,
 * never idle long enough for a socket timeout): STEP4 must not wait for ever. The
 * client's time limit is for the whole answer; past it the enrollment is a timeout —
 * the CA may have issued, so the key stays — and the retry, with the CA answering
 * normally again, gets the same certificate and stores it. SoftHSM2, the reference CA
 * over TLS, the edge stand-in in front of it dripping simpleenroll's answer.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { StorageWizard, type WizardState } from '../../../src/core/storage/index.js';
import { startCaFront, type CaFront } from '../../support/ca-front.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';

const USER_PIN = 'Tarou123';

let scene: SoftHsmStorageScene;
let front: CaFront | undefined;
let client: CaClient | undefined;
beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
});
afterEach(async () => {
  client?.close();
  await front?.close();
  await scene?.close();
  client = undefined;
  front = undefined;
});

async function toStep4(wizard: StorageWizard): Promise<void> {
  expect((await wizard.detectToken()).step).toBe(2);
  wizard.confirmUser();
  const state = await wizard.submitStoragePin(scene.application.storagePin);
  expect(state.error, String(state.error)).toBeUndefined();
  expect(state.step).toBe(4);
}

it('simpleenroll answered a byte every 200 ms: STEP4 ends as a timeout within the client limit, the key stays, the retry stores the same certificate', async () => {
  let slow = true;
  front = await startCaFront(scene.ca, {
    slowly: (request) => (slow && request.path.includes('simpleenroll') ? { byteEveryMs: 200 } : undefined),
  });
  client = new CaClient({ url: front.url, trust: { caPem: front.caPem }, timeoutMs: 2_000 });
  const wizard = new StorageWizard({ module: scene.module, ca: client });
  try {
    await toStep4(wizard);
    const started = Date.now();
    const ended = await Promise.race([
      wizard.submitUserPin(USER_PIN, USER_PIN),
      new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 15_000)),
    ]);
    expect(ended).not.toBe('still waiting');
    expect(Date.now() - started).toBeLessThan(10_000);
    const state = ended as WizardState;
    expect(state.step).toBe(1);
    expect(toUserError(state.error).code).toBe('TD-NET-TIMEOUT');
    // The CA issued; the key it issued for is kept for the retry.
    expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'issued' });

    slow = false;
    await toStep4(wizard);
    const done = await wizard.submitUserPin(USER_PIN, USER_PIN);
    expect(done.error, String(done.error)).toBeUndefined();
    expect(done).toMatchObject({ step: 5, result: { resumed: true } });
    expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'stored' });
  } finally {
    wizard.dispose();
  }
});
