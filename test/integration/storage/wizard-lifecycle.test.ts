/**
 * The storage wizard's life around the steps, on SoftHSM2 against the real CA on
 * loopback TLS: what the screen is told while TokenDesk works, that the storage and
 * admin PINs are really wiped (after STEP5, a failure, cancel, dispose), that cancel
 * stops STEP4's work before the CA issues, that an action for another step is refused,
 * that a failed STEP4 starts again from an empty STEP1 on the same wizard, the wait for
 * the CA's approval, the clock warning carried to STEP3 and the EST-only subject shown.
 *
 * The PINs are watched through a CaClient that records the Secrets it is given and
 * answers (the storage PIN, the admin PIN the CA releases): the real client, only
 * observed — a Secret's `wiped` is the one thing a test can see of a PIN's memory.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaClient, CLOCK_SKEW_LIMIT_MS, type PinCheck } from '../../../src/core/ca-client/index.js';
import { CaError, InputError, StepTimeoutError } from '../../../src/core/messages/errors.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { StorageWizard, systemClock, type StepClock, type WizardState } from '../../../src/core/storage/index.js';
import { manualClock } from '../../support/manual-clock.js';
import { shiftedClock } from '../../support/pc-clock.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';

const USER_PIN = 'Tarou123';

/** The real CA client, recording the PIN Secrets that pass through STEP3's check. */
class WatchedCaClient extends CaClient {
  readonly storagePins: Secret[] = [];
  readonly soPins: Secret[] = [];
  override async verifyStoragePin(applicationNo: string, storagePin: Secret): Promise<PinCheck> {
    this.storagePins.push(storagePin);
    const check = await super.verifyStoragePin(applicationNo, storagePin);
    if (check.soPin) this.soPins.push(check.soPin);
    return check;
  }
  /** Whether the last storage PIN and admin PIN seen are wiped. */
  get pinsWiped(): Array<boolean | undefined> {
    return [this.storagePins.at(-1), this.soPins.at(-1)].map((secret) => secret?.wiped);
  }
}

let scene: SoftHsmStorageScene;
let client: WatchedCaClient;
beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
  client = new WatchedCaClient({ url: scene.ca.url, trust: { caPem: scene.ca.caCertificatePem } });
});
afterEach(async () => {
  client?.close();
  await scene?.close();
});

async function toStep4(wizard: StorageWizard, storagePin = scene.application.storagePin): Promise<WizardState> {
  expect((await wizard.detectToken()).step).toBe(2);
  expect(wizard.confirmUser().step).toBe(3);
  const state = await wizard.submitStoragePin(storagePin);
  expect(state.error, String(state.error)).toBeUndefined();
  expect(state.step).toBe(4);
  // The CA released the admin PIN of the token it provisioned: both PINs are held for STEP4.
  expect(client.pinsWiped).toEqual([false, false]);
  return state;
}

/** Keys a session without login sees: the public half of any pair Flow A made. */
async function keysOnToken(): Promise<number> {
  const session = await scene.module.openSession(scene.tokenSerial);
  try {
    return (await session.listKeys()).length;
  } finally {
    await session.close();
  }
}

describe('STEP4 through to STEP5', () => {
  it('shows "working" while the token and CA work, wipes the storage and admin PINs once done, and runs no step clock at STEP5', async () => {
    // A minute ahead: the issued certificate's validity is checked against this clock.
    const clock = manualClock(new Date(Date.now() + 60_000));
    const wizard = new StorageWizard({ module: scene.module, ca: client, clock });
    const seen: Array<Pick<WizardState, 'step' | 'status'>> = [];
    wizard.on('state', (state) => seen.push({ step: state.step, status: state.status }));
    try {
      await toStep4(wizard);
      const done = await wizard.submitUserPin(USER_PIN, USER_PIN);
      expect(done.error, String(done.error)).toBeUndefined();
      expect(done).toMatchObject({ step: 5, status: 'done' });
      expect(seen).toContainEqual({ step: 4, status: 'working' });
      expect(seen.filter((s) => s.status !== 'input' && s.status !== 'working' && s.status !== 'done')).toEqual([]);
      expect(client.pinsWiped).toEqual([true, true]);
      expect(done.deadline).toBeUndefined();
      clock.advance(60 * 60_000);
      expect(wizard.current).toMatchObject({ step: 5, status: 'done' });
      expect(wizard.current.error).toBeUndefined();
    } finally {
      wizard.dispose();
    }
  });

  it('every PIN revealed on the way is wiped at STEP5 — the new user PIN STEP4 set on the token too, not only the storage and admin PINs', async () => {
    // Every Secret whose value was taken out (by the CA client, by the token session) is
    // one that held a PIN in this run; each must be wiped once STEP4 is done.
    const reveal = vi.spyOn(Secret.prototype, 'reveal');
    const wizard = new StorageWizard({ module: scene.module, ca: client, clock: manualClock(new Date(Date.now() + 60_000)) });
    try {
      await toStep4(wizard);
      const done = await wizard.submitUserPin(USER_PIN, USER_PIN);
      expect(done.error, String(done.error)).toBeUndefined();
      expect(done.step).toBe(5);
      const revealed = new Set(reveal.mock.contexts as Secret[]);
      // The storage PIN, the admin PIN and the new user PIN at least.
      expect(revealed.size).toBeGreaterThanOrEqual(3);
      expect([...revealed].filter((secret) => !secret.wiped)).toEqual([]);
    } finally {
      reveal.mockRestore();
      wizard.dispose();
    }
  });

  it('a new user PIN not typed the same twice: refused at STEP4 with nothing sent, then stored with the same storage PIN', async () => {
    const wizard = new StorageWizard({ module: scene.module, ca: client });
    try {
      await toStep4(wizard);
      const refused = await wizard.submitUserPin(USER_PIN, 'Tarou124');
      expect(refused).toMatchObject({ step: 4, status: 'input' });
      expect(refused.error).toBeInstanceOf(InputError);
      expect(toUserError(refused.error).code).toBe((refused.error as InputError).code);
      expect(client.pinsWiped).toEqual([false, false]);
      expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'ready' });
      expect(await keysOnToken()).toBe(0);

      const done = await wizard.submitUserPin(USER_PIN, USER_PIN);
      expect(done.error, String(done.error)).toBeUndefined();
      expect(done.step).toBe(5);
    } finally {
      wizard.dispose();
    }
  });
});

describe('a refusal at STEP4', () => {
  it("the operator issued a new storage PIN after STEP3: the refusal is shown in the CA's words (not as EST credentials), and the key made is removed", async () => {
    const wizard = new StorageWizard({ module: scene.module, ca: client });
    try {
      await toStep4(wizard);
      await scene.ca.newPin(scene.application.applicationNo);
      const refused = await wizard.submitUserPin(USER_PIN, USER_PIN);
      expect(refused.step).toBe(1);
      expect(refused.error).toBeInstanceOf(CaError);
      // The CA names its refusal (X-TokenDesk-Error on the EST answer): the storage PIN, not bare credentials.
      expect((refused.error as CaError).code).toBe('storagePinIncorrect');
      const words = toUserError(refused.error);
      expect(words.code).toBe(new CaError({ code: 'storagePinIncorrect', message: 'catalogue code of' }).catalogueCode);
      expect(words.code).not.toBe(new CaError({ code: 'estUnauthorized', message: 'catalogue code of' }).catalogueCode);
      expect(client.pinsWiped).toEqual([true, true]);
      expect(await keysOnToken()).toBe(0);
    } finally {
      wizard.dispose();
    }
  });
});

describe('cancel and dispose', () => {
  it('cancel where nothing is working: back to an empty STEP1, the PINs wiped', async () => {
    const wizard = new StorageWizard({ module: scene.module, ca: client });
    try {
      await toStep4(wizard);
      const state = wizard.cancel();
      expect(state).toMatchObject({ step: 1, status: 'input' });
      expect(state.error).toBeUndefined();
      expect(state.token).toBeUndefined();
      expect(state.target).toBeUndefined();
      expect(client.pinsWiped).toEqual([true, true]);
      expect((await wizard.detectToken()).step).toBe(2);
    } finally {
      wizard.dispose();
    }
  });

  it("cancel during STEP4's key generation: the work stops before the CA is asked, said as cancelled, nothing issued, and a new run stores", async () => {
    const wizard = new StorageWizard({ module: scene.module, ca: client });
    let cancelled: WizardState | undefined;
    wizard.on('progress', (event) => {
      if (event.progress === 'keyGeneration' && event.phase === 'start' && !cancelled) cancelled = wizard.cancel();
    });
    try {
      await toStep4(wizard);
      const after = await wizard.submitUserPin(USER_PIN, USER_PIN);
      expect(cancelled).toMatchObject({ step: 1, status: 'input' });
      expect(after.step).toBe(1);
      // The user's own choice, in the catalogue's words — not an unexpected error.
      expect(toUserError(after.error)).toMatchObject({ code: 'TD-CANCELLED', severity: 'info' });
      expect(after.result).toBeUndefined();
      expect(client.pinsWiped).toEqual([true, true]);
      const status = await scene.ca.status(scene.application.applicationNo);
      expect(status.state).toBe('ready');
      expect(status.certificate ?? undefined).toBeUndefined();
    } finally {
      wizard.dispose();
    }
    const retry = new StorageWizard({ module: scene.module, ca: client });
    try {
      await toStep4(retry);
      const done = await retry.submitUserPin(USER_PIN, USER_PIN);
      expect(done.error, String(done.error)).toBeUndefined();
      expect(done.step).toBe(5);
    } finally {
      retry.dispose();
    }
  });

  it('dispose at STEP4 wipes the PINs and stops the step clock; an action after it sends nothing and starts again at STEP1', async () => {
    const clock = manualClock(new Date()); // the certificate's validity is checked against it
    const wizard = new StorageWizard({ module: scene.module, ca: client, clock });
    const seen: number[] = [];
    wizard.on('state', (state) => seen.push(state.step));
    await toStep4(wizard);
    wizard.dispose();
    expect(client.pinsWiped).toEqual([true, true]);
    clock.advance(10 * 60_000);
    expect(wizard.current.step).toBe(4);
    expect(seen.at(-1)).toBe(4);

    // With the current user PIN, as a wizard without the admin PIN would send it.
    const late = await wizard.submitUserPin(USER_PIN, USER_PIN, scene.hsm.tokens[0]!.userPin);
    expect(late.step).toBe(1);
    expect(late.error).toBeInstanceOf(StepTimeoutError);
    expect((late.error as StepTimeoutError).step).toBe(4);
    expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'ready' });
    expect(await keysOnToken()).toBe(0);
  });
});

describe('an action for another step', () => {
  it('is refused with TD-WIZARD-OUT-OF-STEP in both languages, also while the step before is still working, and changes nothing', async () => {
    const wizard = new StorageWizard({ module: scene.module, ca: client });
    try {
      const detecting = wizard.detectToken();
      expect(wizard.current.status).toBe('working');
      await expect(wizard.detectToken()).rejects.toMatchObject({ code: 'TD-WIZARD-OUT-OF-STEP' });
      expect((await detecting).step).toBe(2);

      const early = wizard.submitStoragePin(scene.application.storagePin);
      await expect(early).rejects.toBeInstanceOf(InputError);
      const error = await early.catch((e: unknown) => e);
      const words = toUserError(error);
      expect(words.code).toBe('TD-WIZARD-OUT-OF-STEP');
      expect(words.text.ja.length).toBeGreaterThan(0);
      expect(words.text.en.length).toBeGreaterThan(0);
      expect(wizard.current).toMatchObject({ step: 2, status: 'input' });
      expect(client.storagePins).toEqual([]);
    } finally {
      wizard.dispose();
    }
  });
});

describe('the CA approving later', () => {
  /** The real clock, except that STEP4's wait for approval is the operator approving. */
  function approvingClock(applicationNo: string): StepClock & { waits: number } {
    const clock = {
      waits: 0,
      now: () => systemClock.now(),
      after: (ms: number, fire: () => void) => systemClock.after(ms, fire),
      async sleep() {
        clock.waits += 1;
        await scene.ca.approve(applicationNo);
      },
    };
    return clock;
  }

  it('a failed STEP4 (not yet approved, no wait) goes back to an empty STEP1 with the PINs wiped; the same wizard stores after the approval', async () => {
    const mail = await scene.ca.addApplication({ tokenSerial: scene.tokenSerial, pending: true });
    const wizard = new StorageWizard({ module: scene.module, ca: client });
    try {
      await toStep4(wizard, mail.storagePin);
      const failed = await wizard.submitUserPin(USER_PIN, USER_PIN);
      expect(failed).toMatchObject({ step: 1, status: 'input' });
      expect(failed.error).toBeInstanceOf(CaError);
      expect((failed.error as CaError).code).toBe('pendingApproval');
      expect(toUserError(failed.error).code).not.toBe('19999');
      expect(failed.token).toBeUndefined();
      expect(failed.target).toBeUndefined();
      expect(failed.attemptsLeft).toBeUndefined();
      expect(client.pinsWiped).toEqual([true, true]);

      await scene.ca.approve(mail.applicationNo);
      await toStep4(wizard, mail.storagePin);
      const done = await wizard.submitUserPin(USER_PIN, USER_PIN);
      expect(done.error, String(done.error)).toBeUndefined();
      expect(done.step).toBe(5);
    } finally {
      wizard.dispose();
    }
  });

  it('with approvalWaitMs, STEP4 keeps asking while the CA answers 202 and stores once the operator approves', async () => {
    const mail = await scene.ca.addApplication({ tokenSerial: scene.tokenSerial, pending: true });
    const clock = approvingClock(mail.applicationNo);
    const wizard = new StorageWizard({ module: scene.module, ca: client, clock, approvalWaitMs: 10 * 60_000 });
    const progress: string[] = [];
    wizard.on('progress', (event) => event.phase === 'start' && progress.push(event.progress));
    try {
      await toStep4(wizard, mail.storagePin);
      const done = await wizard.submitUserPin(USER_PIN, USER_PIN);
      expect(done.error, String(done.error)).toBeUndefined();
      expect(done.step).toBe(5);
      expect(clock.waits).toBe(1);
      expect(progress).toContain('awaitingApproval');
    } finally {
      wizard.dispose();
    }
  });
});

describe('what STEP2 and STEP3 show', () => {
  it('the PC clock far off the CA: the warning is still shown at STEP3', async () => {
    const ahead = new CaClient({ url: scene.ca.url, trust: { caPem: scene.ca.caCertificatePem }, now: shiftedClock(CLOCK_SKEW_LIMIT_MS + 30_000) });
    const wizard = new StorageWizard({ module: scene.module, ca: ahead });
    try {
      expect((await wizard.detectToken()).clockWarning?.tooFar).toBe(true);
      const step3 = wizard.confirmUser();
      expect(step3.step).toBe(3);
      expect(step3.clockWarning?.tooFar).toBe(true);
    } finally {
      wizard.dispose();
      ahead.close();
    }
  });

  it('EST-only: STEP2 shows the subject the certificate is asked for', async () => {
    const subject = 'CN=Souken Tarou,O=Souken Kensetsu,C=JP';
    const wizard = new StorageWizard({ module: scene.module, ca: client, profile: { kind: 'estOnly', estUser: 'tarou', subject } });
    try {
      const state = await wizard.detectToken();
      expect(state.error, String(state.error)).toBeUndefined();
      expect(state.target).toMatchObject({ estUser: 'tarou', label: 'Souken Tarou', subject });
    } finally {
      wizard.dispose();
    }
  });
});
