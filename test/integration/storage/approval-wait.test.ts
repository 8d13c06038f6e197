/**
 * STEP4 while the CA has not approved the application yet (the reference CA answers
 * simpleenroll 202 + Retry-After until the operator approves): STEP4 waits the CA's
 * Retry-After as long as the wait fits in `approvalWaitMs`, showing awaitingApproval,
 * and otherwise stops with TD-CA-PENDING-APPROVAL — the key it made removed (the CA
 * issued nothing), a key a killed run left kept for the next run.
 * The step clock's waits pass at once (manualClock, fastClock).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CaError } from '../../../src/core/messages/errors.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { manualClock } from '../../support/manual-clock.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';
import { fastClock, inventory, pairIds, prepareStore, runEndingAfter } from '../../support/store-run.js';

const USER_PIN = 'Tarou123';
const RETRY_AFTER_SECONDS = 30;

let scene: SoftHsmStorageScene;
beforeEach(async () => {
  scene = await createSoftHsmStorageScene({ application: { pending: true }, ca: { settings: { retryAfterSeconds: RETRY_AFTER_SECONDS } } });
});
afterEach(async () => {
  await scene?.close();
});

/** Stops a run that would ask the CA again and again without waiting (a broken wait loops forever). */
function enrollmentLimit(limit: number): (event: string) => void {
  let count = 0;
  return (event) => {
    if (event === 'enrollment:start' && ++count > limit) throw new Error(`STEP4 asked the CA ${count} times`);
  };
}

it('waits the CA’s Retry-After when it fits before the deadline, shows awaitingApproval, and stores once approved', async () => {
  // A clock that moves only by the wait, so that the wait ends exactly at the deadline
  // (a minute ahead of the PC: the new certificate is valid at the CA's time it reads).
  const clock = manualClock(new Date(Date.now() + 60_000));
  const slept: number[] = [];
  const started = clock.now().getTime();
  const store = await prepareStore(scene, scene.application, USER_PIN, {
    onProgress: enrollmentLimit(3),
    overrides: {
      // The wait ends exactly at the deadline: still worth waiting.
      approvalWaitMs: RETRY_AFTER_SECONDS * 1000,
      clock: {
        ...clock,
        // The operator approves while STEP4 waits.
        async sleep(ms) {
          slept.push(ms);
          await scene.ca.approve(scene.application.applicationNo);
          clock.advance(ms);
        },
      },
    },
  });
  const result = await store.run();

  expect(slept).toEqual([RETRY_AFTER_SECONDS * 1000]);
  expect(clock.now().getTime() - started).toBe(RETRY_AFTER_SECONDS * 1000);
  expect(store.events.filter((e) => /^(enrollment|awaitingApproval)/.test(e))).toEqual([
    'enrollment:start',
    'enrollment:end',
    'awaitingApproval:start',
    'awaitingApproval:end',
    'enrollment:start',
    'enrollment:end',
  ]);
  expect(result.resumed).toBe(false);
  const status = await scene.ca.status(scene.application.applicationNo);
  expect(status).toMatchObject({ state: 'stored' });
  expect(status.certificate?.serial.toUpperCase()).toBe(result.certificateSerialHex);
  expect(pairIds(await inventory(scene.module, scene.tokenSerial, USER_PIN))).toEqual([result.keyId]);
});

it('a wait past the deadline: TD-CA-PENDING-APPROVAL with the CA’s Retry-After, and the key just made is removed', async () => {
  const clock = fastClock();
  // No approvalWaitMs: STEP4 does not wait at all by default.
  const store = await prepareStore(scene, scene.application, USER_PIN, { onProgress: enrollmentLimit(1), overrides: { clock } });
  const failure = await store.run().then(() => undefined, (error: unknown) => error);

  expect(failure).toBeInstanceOf(CaError);
  expect(failure).toMatchObject({ code: 'pendingApproval', status: 202, retryAfterSeconds: RETRY_AFTER_SECONDS });
  const shown = toUserError(failure);
  expect(shown.code).toBe('TD-CA-PENDING-APPROVAL');
  expect(shown.text.ja).toContain('約1分後に');
  expect(shown.text.en).toContain('in about 1 minutes');
  expect(clock.slept).toEqual([]);
  expect(store.events).not.toContain('awaitingApproval:start');
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'awaitingApproval', certificate: null });
  // The user PIN was set (STEP4's first work); the key made for the refused request is gone.
  expect(await inventory(scene.module, scene.tokenSerial, USER_PIN)).toEqual({ keys: [], certificates: [] });
});

it('a key a killed run left, while the CA still awaits approval: kept for the next run, no new key made', async () => {
  // The first run ends right after its key generation (as when the app is closed then).
  await runEndingAfter(scene, scene.application, USER_PIN, 'keyGeneration:end');
  const left = await inventory(scene.module, scene.tokenSerial, USER_PIN);
  expect(left.keys).toHaveLength(2);

  // The next run (no signal: a caller that cannot cancel) offers that key; the CA answers 202.
  const next = await prepareStore(scene, scene.application, USER_PIN, { onProgress: enrollmentLimit(1) });
  await expect(next.run()).rejects.toMatchObject({ code: 'pendingApproval', status: 202 });
  expect(next.events).toEqual([
    'userPin:start',
    'userPin:end',
    'caCertificates:start',
    'caCertificates:end',
    'keyReused:start',
    'keyReused:end',
    'certificateRequest:start',
    'certificateRequest:end',
    'enrollment:start',
    'enrollment:end',
  ]);
  expect(await inventory(scene.module, scene.tokenSerial, USER_PIN)).toEqual(left);

  // Approved: the run after that certifies that very key.
  await scene.ca.approve(scene.application.applicationNo);
  const last = await prepareStore(scene, scene.application, USER_PIN);
  const result = await last.run();
  expect(result).toMatchObject({ resumed: true, keyId: pairIds(left)[0], removedOldObjects: 0 });
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'stored' });
});
