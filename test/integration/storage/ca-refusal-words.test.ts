/**
 * The CA's refusals in the words a user reads must name what they are about, as the
 * catalogue's entries promise: "Application 20261130001 is not ready to be stored",
 * not "Application — …". A token without a possession tag stores through the
 * application number from the CA's mail (STEP2); run again with the same number and
 * PIN after the storage is done, STEP3's check is refused as spent. SoftHSM2 and the
 * reference CA over TLS.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { toUserError } from '../../../src/core/messages/index.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { createStorageScene, type StorageScene } from '../../support/storage-scene.js';

let hsm: SoftHsm;
let scene: StorageScene;
beforeEach(async () => {
  hsm = createSoftHsm({ tokens: 1, userPin: 'Old1234' });
  const token = hsm.tokens[0]!;
  scene = await createStorageScene({ modulePath: hsm.modulePath, tokenSerial: token.serial, soPin: token.soPin, provision: false });
});
afterEach(async () => {
  await scene?.close();
  hsm?.cleanup();
});

async function throughStep3(): Promise<{ wizard: StorageWizard; state: Awaited<ReturnType<StorageWizard['submitStoragePin']>> }> {
  const wizard = new StorageWizard({ module: scene.module, ca: scene.client });
  const found = await wizard.detectToken();
  expect(found.applicationNoNeeded).toBe(true);
  expect(wizard.confirmUser(scene.application.applicationNo).step).toBe(3);
  return { wizard, state: await wizard.submitStoragePin(scene.application.storagePin) };
}

it('the storage PIN of an application already stored: TD-CA-NOT-PENDING names the application number, in both languages', async () => {
  const first = await throughStep3();
  try {
    expect(first.state.step).toBe(4);
    const done = await first.wizard.submitUserPin('Tarou123', 'Tarou123', 'Old1234');
    expect(done.error, String(done.error)).toBeUndefined();
    expect(done.step).toBe(5);
  } finally {
    first.wizard.dispose();
  }

  const again = await throughStep3();
  try {
    expect(again.state.step).toBe(3);
    const words = toUserError(again.state.error);
    expect(words.code).toBe('TD-CA-NOT-PENDING');
    const no = scene.application.applicationNo;
    expect(words.text.en).toBe(`Application ${no} is not ready to be stored.`);
    expect(words.text.ja).toBe(`申請書番号 ${no} は格納できる状態ではありません。`);
  } finally {
    again.wizard.dispose();
  }
});
