/**
 * The step limit is one fact, the wizard's: the state carries it beside the deadline
 * (the countdown clamps to it) and the timeout message says it. Before, the screen
 * and the message each had their own 5 minutes, whatever the wizard was set to.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { toUserError } from '../../../src/core/messages/index.js';
import { toWizardView } from '../../../src/core/service/views.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import { manualClock } from '../../support/manual-clock.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';

let scene: SoftHsmStorageScene;

beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
});
afterEach(async () => {
  await scene?.close();
});

it('the view and the timeout message take a 2-minute limit from the wizard', async () => {
  const clock = manualClock();
  const wizard = new StorageWizard({ module: scene.module, ca: scene.client, clock, stepTimeoutMs: 2 * 60_000 });
  const atStep2 = await wizard.detectToken();
  expect(atStep2.step).toBe(2);
  const view = toWizardView(atStep2);
  expect(view.stepLimitMs).toBe(2 * 60_000);
  expect(view.deadline).toBe(clock.now().getTime() + 2 * 60_000);

  clock.advance(2 * 60_000);
  expect(wizard.current.step).toBe(1);
  const message = toUserError(wizard.current.error);
  expect(message.code).toBe('TD-STEP-TIMEOUT');
  expect(message.text.ja).toBe('作業時間が2分を経過したため、STEP1に戻りました。');
  expect(message.text.en).toBe('More than 2 minutes passed in this step, so the wizard went back to STEP1.');
  expect(toWizardView(wizard.current).stepLimitMs).toBe(2 * 60_000);
  wizard.dispose();
});
