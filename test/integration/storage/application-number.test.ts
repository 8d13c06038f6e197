/**
 * Flow A for a token the CA did not provision (no possession tag): the pending
 * lookup cannot name its application, so STEP2 asks for the application number
 * from the CA's mail and the name follows STEP3's storage-PIN check. A number whose
 * application names another token is refused before anything touches the token.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { InputError } from '../../../src/core/messages/errors.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import { runTokendesk } from '../../support/ca-server.js';
import { createStorageScene, type StorageScene } from '../../support/storage-scene.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

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

it('asks STEP2 for the application number, names the applicant after the PIN check, and stores', async () => {
  const wizard = new StorageWizard({ module: scene.module, ca: scene.client });
  try {
    let state = await wizard.detectToken();
    expect(state.error).toBeUndefined();
    expect(state).toMatchObject({ step: 2, applicationNoNeeded: true });
    expect(state.target, 'nobody is named before the number and PIN are proven').toBeUndefined();

    state = wizard.confirmUser('2023-04-26');
    expect(state.step).toBe(2);
    expect(state.error).toBeInstanceOf(InputError);
    expect((state.error as InputError).code).toBe('TD-APPLICATION-NO-FORMAT');

    state = wizard.confirmUser(` ${scene.application.applicationNo} `);
    expect(state).toMatchObject({ step: 3, target: { applicationNo: scene.application.applicationNo } });
    expect(state.target?.name).toBeUndefined();

    state = await wizard.submitStoragePin(scene.application.storagePin);
    expect(state.error).toBeUndefined();
    expect(state).toMatchObject({
      step: 4,
      applicationNoNeeded: true,
      target: { userId: scene.application.userId, name: 'Souken Tarou', label: `${scene.application.userId} Souken Tarou` },
    });

    // Not CA-managed: no admin PIN from the CA, so the current user PIN sets the new one —
    // without it STEP4 asks for it, nothing sent or spent.
    state = await wizard.submitUserPin('Tarou123', 'Tarou123');
    expect(state).toMatchObject({ step: 4, status: 'input', error: { code: 'TD-USER-PIN-CURRENT-REQUIRED' } });
    state = await wizard.submitUserPin('Tarou123', 'Tarou123', 'Old1234');
    expect(state.error, String(state.error)).toBeUndefined();
    expect(state).toMatchObject({ step: 5, status: 'done' });
    expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'stored' });
  } finally {
    wizard.dispose();
  }
});

it('refuses an application for another token after the PIN check, with nothing on the token changed', async () => {
  const other = await scene.ca.addApplication({ tokenSerial: 'AB12CD34', contractNo: '2222222222222' });
  const wizard = new StorageWizard({ module: scene.module, ca: scene.client });
  try {
    await wizard.detectToken();
    wizard.confirmUser(other.applicationNo);
    const state = await wizard.submitStoragePin(other.storagePin);
    expect(state.step).toBe(1);
    expect(state.error).toBeInstanceOf(InputError);
    expect(state.error).toMatchObject({ code: 'TD-APPLICATION-OTHER-TOKEN', params: { tokenSerial: 'AB12CD34' } });
    const session = await scene.module.openSession(scene.tokenSerial);
    try {
      await session.login('user', 'Old1234');
      expect(await session.listKeys()).toEqual([]);
    } finally {
      await session.close();
    }
    expect(await scene.ca.status(other.applicationNo)).toMatchObject({ certificate: null });
  } finally {
    wizard.dispose();
  }
});

it('the CLI takes the number with --application-no and the current user PIN after the new one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-number-'));
  try {
    writeFileSync(join(dir, 'ca.pem'), scene.ca.caCertificatePem);
    const store = (extra: string[], input: string) =>
      runTokendesk(['store', '--ca', scene.ca.url, '--ca-trust', join(dir, 'ca.pem'), '--module', hsm.modulePath, '--pins-from-stdin', '--json', ...extra], { env: hsm.env, input });
    const without = await store([], `${scene.application.storagePin}\nTarou123\nOld1234\n`);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('--application-no');

    const stored = await store(['--application-no', scene.application.applicationNo], `${scene.application.storagePin}\nTarou123\nOld1234\n`);
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stderr).toContain(`${scene.application.userId} Souken Tarou`);
    expect(JSON.parse(stored.stdout)).toMatchObject({ step: 5, applicationNo: scene.application.applicationNo, label: `${scene.application.userId} Souken Tarou` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
