/**
 * STEP3's tries left, as the storage-PIN screen shows them ("残り入力回数"), against the
 * real CA: the count follows what the CA last said about the storage PIN — down to 0 when
 * it locks — and an answer that says nothing about it (rate limit, CA out of reach)
 * leaves the count shown as it was.
 */
import { afterEach, expect, it } from 'vitest';
import { CaError, NetworkError } from '../../../src/core/messages/errors.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import type { TestCaOptions } from '../../support/ca-server.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene, type StorageScene } from '../../support/storage-scene.js';

let scene: SoftHsmStorageScene | undefined;
afterEach(async () => {
  await scene?.close();
  scene = undefined;
});

async function wizardAtStep3(ca: TestCaOptions): Promise<{ wizard: StorageWizard; scene: StorageScene; wrong: string }> {
  scene = await createSoftHsmStorageScene({ ca });
  const wizard = new StorageWizard({ module: scene.module, ca: scene.client });
  expect((await wizard.detectToken()).step).toBe(2);
  expect(wizard.confirmUser().step).toBe(3);
  const wrong = scene.application.storagePin === '0000000000' ? '1111111111' : '0000000000';
  return { wizard, scene, wrong };
}

it('the fifth wrong storage PIN locks it: the screen shows 0 tries left beside the lock, not the 1 from before', async () => {
  const { wizard, wrong } = await wizardAtStep3({ settings: { pinAttemptLimit: 5 } });
  try {
    for (let left = 4; left >= 1; left -= 1) {
      const state = await wizard.submitStoragePin(wrong);
      expect(state).toMatchObject({ step: 3, status: 'input', attemptsLeft: left, error: { code: 'storagePinIncorrect' } });
    }
    // The fifth is the final try: used only when confirmed (TD-CA-STORAGE-PIN-FINAL-TRY otherwise).
    const locked = await wizard.submitStoragePin(wrong, { confirmFinalTry: true });
    expect(locked).toMatchObject({ step: 3, status: 'input', error: { code: 'storagePinLocked' } });
    expect(locked.attemptsLeft).toBe(0);
    const words = toUserError(locked.error);
    expect(words.code).toBe('TD-CA-STORAGE-PIN-LOCKED');
    expect(words.text.ja).toContain('制限回数を超えた');
    expect(words.text.en.length).toBeGreaterThan(0);
  } finally {
    wizard.dispose();
  }
});

it('a refusal that says nothing of the storage PIN (rate limit, then the CA out of reach) keeps the tries left shown', async () => {
  // One PIN check per minute: the second try is refused before the PIN is looked at.
  const { wizard, scene: s, wrong } = await wizardAtStep3({ settings: { rateLimit: { max: 1, windowSeconds: 60 } } });
  try {
    const first = await wizard.submitStoragePin(wrong);
    expect(first).toMatchObject({ step: 3, attemptsLeft: 4, error: { code: 'storagePinIncorrect' } });

    const limited = await wizard.submitStoragePin(s.application.storagePin);
    expect(limited.error).toBeInstanceOf(CaError);
    expect((limited.error as CaError).code).toBe('rateLimited');
    expect((limited.error as CaError).attemptsLeft).toBeUndefined();
    expect(limited).toMatchObject({ step: 3, status: 'input', attemptsLeft: 4 });

    await s.ca.stop();
    const unreachable = await wizard.submitStoragePin(s.application.storagePin);
    expect(unreachable.error).toBeInstanceOf(NetworkError);
    expect(unreachable).toMatchObject({ step: 3, status: 'input', attemptsLeft: 4 });
  } finally {
    wizard.dispose();
  }
});
