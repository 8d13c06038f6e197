/**
 * Cancel while a step still works, then go on: the work the user left must not come
 * back and take the wizard over. On SoftHSM2 against the real CA on loopback TLS; the
 * CA client is the real one, only held at one call until the test lets it go, so the
 * abandoned work ends exactly when the user is already further on.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CaClient, type Enrollment, type PinCheck } from '../../../src/core/ca-client/index.js';
import type { Secret } from '../../../src/core/secrets/secret.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';

const USER_PIN = 'Tarou123';

/** A gate: `wait()` holds until `open()`; `reached` resolves once something waits. */
function gate() {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const waiting = new Promise<void>((resolve) => (reached = resolve));
  return { open, reached: waiting, wait: () => (reached(), opened) };
}

/** The real client; the first verify-pin or simpleenroll (as armed) waits at a gate, after the CA answered. */
class HeldCaClient extends CaClient {
  holdVerify: ReturnType<typeof gate> | undefined;
  holdEnroll: ReturnType<typeof gate> | undefined;
  readonly soPins: Secret[] = [];
  override async verifyStoragePin(applicationNo: string, storagePin: Secret): Promise<PinCheck> {
    const check = await super.verifyStoragePin(applicationNo, storagePin);
    if (check.soPin) this.soPins.push(check.soPin);
    const held = this.holdVerify;
    this.holdVerify = undefined;
    await held?.wait();
    return check;
  }
  override async simpleEnroll(csrDer: Buffer, user: string, password: Secret): Promise<Enrollment> {
    const answer = await super.simpleEnroll(csrDer, user, password);
    const held = this.holdEnroll;
    this.holdEnroll = undefined;
    await held?.wait();
    return answer;
  }
}

let scene: SoftHsmStorageScene;
let client: HeldCaClient;
beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
  client = new HeldCaClient({ url: scene.ca.url, trust: { caPem: scene.ca.caCertificatePem } });
});
afterEach(async () => {
  client?.close();
  await scene?.close();
});

it("cancel during STEP4's enrollment, then a new run: the old work ending later leaves the new run where it is, and it stores", async () => {
  const wizard = new StorageWizard({ module: scene.module, ca: client });
  try {
    expect((await wizard.detectToken()).step).toBe(2);
    wizard.confirmUser();
    expect((await wizard.submitStoragePin(scene.application.storagePin)).step).toBe(4);

    const hold = gate();
    client.holdEnroll = hold;
    const abandoned = wizard.submitUserPin(USER_PIN, USER_PIN);
    await hold.reached; // the CA issued; the answer is on its way back
    expect(wizard.cancel()).toMatchObject({ step: 1, status: 'input' });

    // The user starts again at once and is at STEP3 when the old work ends.
    expect((await wizard.detectToken()).step).toBe(2);
    expect(wizard.confirmUser().step).toBe(3);
    const deadline = wizard.current.deadline;
    hold.open();
    await abandoned;

    expect(wizard.current).toMatchObject({ step: 3, status: 'input', token: { serial: scene.tokenSerial } });
    expect(wizard.current.error).toBeUndefined();
    expect(wizard.current.deadline).toBe(deadline);

    // And the new run completes: the key the old run left is certified (the CA answers the same certificate).
    const step4 = await wizard.submitStoragePin(scene.application.storagePin);
    expect(step4.error, String(step4.error)).toBeUndefined();
    expect(step4.step).toBe(4);
    const done = await wizard.submitUserPin(USER_PIN, USER_PIN);
    expect(done.error, String(done.error)).toBeUndefined();
    expect(done).toMatchObject({ step: 5, status: 'done', result: { resumed: true } });
  } finally {
    wizard.dispose();
  }
});

it("cancel during STEP3's storage-PIN check: the CA's answer arriving later neither moves the wizard to STEP4 nor keeps the admin PIN", async () => {
  const wizard = new StorageWizard({ module: scene.module, ca: client });
  try {
    expect((await wizard.detectToken()).step).toBe(2);
    wizard.confirmUser();

    const hold = gate();
    client.holdVerify = hold;
    const abandoned = wizard.submitStoragePin(scene.application.storagePin);
    await hold.reached; // the CA accepted the PIN and released the admin PIN
    expect(wizard.cancel()).toMatchObject({ step: 1, status: 'input' });
    hold.open();
    await abandoned;

    // The user cancelled: STEP1, nothing held for a STEP4 the user never asked for.
    expect(wizard.current).toMatchObject({ step: 1, status: 'input' });
    expect(wizard.current.token).toBeUndefined();
    expect(client.soPins).toHaveLength(1);
    expect(client.soPins[0]!.wiped).toBe(true);
  } finally {
    wizard.dispose();
  }
});

it("dispose during STEP3's storage-PIN check (the settings changed, the window closed): the admin PIN the CA releases afterwards is wiped, not held, and no step clock starts", async () => {
  const wizard = new StorageWizard({ module: scene.module, ca: client });
  expect((await wizard.detectToken()).step).toBe(2);
  wizard.confirmUser();

  const hold = gate();
  client.holdVerify = hold;
  const abandoned = wizard.submitStoragePin(scene.application.storagePin);
  await hold.reached;
  wizard.dispose();
  hold.open();
  await abandoned;

  expect(client.soPins).toHaveLength(1);
  expect(client.soPins[0]!.wiped).toBe(true);
  expect(wizard.current.step).not.toBe(4);
});
