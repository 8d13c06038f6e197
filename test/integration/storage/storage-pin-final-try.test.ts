/**
 * STEP3 never spends the storage PIN's final try the user did not choose — even when the
 * client knows no count (a fresh wizard, a new `tokendesk store` run after earlier wrong
 * PINs): the CA refuses the unconfirmed final try unchecked (TD-CA-STORAGE-PIN-FINAL-TRY),
 * the wizard stays at STEP3 asking, the CLI asks y/N at a terminal and needs
 * --confirm-final-try with --pins-from-stdin. Real CA over TLS, SoftHSM2, the real CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CaError } from '../../../src/core/messages/errors.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import { caRequest, runTokendesk } from '../../support/ca-server.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';
import { tokendeskAtTerminal, type TerminalAnswer } from '../../support/cli-at-terminal.js';

const LIMIT = 5;
let scene: SoftHsmStorageScene;
let dir: string;
let wrong: string;

beforeEach(async () => {
  scene = await createSoftHsmStorageScene({ ca: { settings: { pinAttemptLimit: LIMIT } } });
  wrong = scene.application.storagePin === '0000000000' ? '1111111111' : '0000000000';
  dir = mkdtempSync(join(tmpdir(), 'tokendesk-final-storage-'));
  writeFileSync(join(dir, 'ca.pem'), scene.ca.caCertificatePem);
  // An earlier run (another client, or this one before a restart) used all tries but one.
  const no = scene.application.applicationNo;
  for (let i = 0; i < LIMIT - 1; i++) {
    const answer = await caRequest(scene.ca, 'POST', `/api/v1/applications/${no}/verify-pin`, { auth: { user: no, password: wrong } });
    expect(answer.status).toBe(401);
  }
  expect(await scene.ca.status(no)).toMatchObject({ pinFailures: LIMIT - 1, attemptsLeft: 1 });
});
afterEach(async () => {
  await scene?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Nothing was spent: still one try left and no lock. */
async function expectOneTryStillLeft(): Promise<void> {
  const status = await scene.ca.status(scene.application.applicationNo);
  expect(status).toMatchObject({ pinFailures: LIMIT - 1, attemptsLeft: 1 });
  expect(status.state).not.toBe('locked');
}

async function freshWizardAtStep3(): Promise<StorageWizard> {
  const wizard = new StorageWizard({ module: scene.module, ca: scene.client });
  expect((await wizard.detectToken()).step).toBe(2);
  expect(wizard.confirmUser().step).toBe(3);
  return wizard;
}

it('a fresh wizard stays at STEP3 asking on the final try, spends nothing, and goes on to STEP4 once confirmed', async () => {
  const wizard = await freshWizardAtStep3();
  try {
    const asked = await wizard.submitStoragePin(scene.application.storagePin);
    expect(asked).toMatchObject({ step: 3, status: 'input', attemptsLeft: 1 });
    expect(asked.error).toBeInstanceOf(CaError);
    expect((asked.error as CaError).code).toBe('storagePinFinalTry');
    const words = toUserError(asked.error);
    expect(words.code).toBe('TD-CA-STORAGE-PIN-FINAL-TRY');
    expect(words.text.ja).toContain('残り入力回数は1回');
    expect(words.text.en).toContain('One try of the storage PIN is left');
    expect(words.remedy.en).toContain('--confirm-final-try');
    await expectOneTryStillLeft();

    const confirmed = await wizard.submitStoragePin(scene.application.storagePin, { confirmFinalTry: true });
    expect(confirmed.error, String(confirmed.error)).toBeUndefined();
    expect(confirmed).toMatchObject({ step: 4, status: 'input' });
    const done = await wizard.submitUserPin('Tarou123', 'Tarou123');
    expect(done.error, String(done.error)).toBeUndefined();
    expect(done.step).toBe(5);
  } finally {
    wizard.dispose();
  }
});

it('a confirmed wrong storage PIN on the final try locks it, and the wizard says so at STEP3', async () => {
  const wizard = await freshWizardAtStep3();
  try {
    expect((await wizard.submitStoragePin(wrong)).error).toMatchObject({ code: 'storagePinFinalTry' });
    await expectOneTryStillLeft();
    const locked = await wizard.submitStoragePin(wrong, { confirmFinalTry: true });
    expect(locked).toMatchObject({ step: 3, status: 'input', attemptsLeft: 0, error: { code: 'storagePinLocked' } });
    expect((await scene.ca.status(scene.application.applicationNo)).state).toBe('locked');
  } finally {
    wizard.dispose();
  }
});

const store = (extra: string[], input: string) =>
  runTokendesk(['store', '--ca', scene.ca.url, '--ca-trust', join(dir, 'ca.pem'), '--module', scene.hsm.modulePath, '--pins-from-stdin', '--json', '--lang', 'en', ...extra], {
    env: scene.hsm.env,
    input,
  });

it('tokendesk store --pins-from-stdin without --confirm-final-try shows the words and exits without spending the final try', async () => {
  for (const pin of [wrong, scene.application.storagePin]) {
    const run = await store([], `${pin}\nTarou123\n`);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('[TD-CA-STORAGE-PIN-FINAL-TRY]');
    expect(run.stderr).toContain('One try of the storage PIN is left');
    expect(run.stderr).not.toContain(pin);
    expect(JSON.parse(run.stdout)).toMatchObject({ step: 3, error: { code: 'TD-CA-STORAGE-PIN-FINAL-TRY' } });
    await expectOneTryStillLeft();
  }
});

it('tokendesk store --pins-from-stdin --confirm-final-try uses the final try: the right PIN stores', async () => {
  const run = await store(['--confirm-final-try'], `${scene.application.storagePin}\nTarou123\n`);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain('[TD-CA-STORAGE-PIN-FINAL-TRY]');
  expect(JSON.parse(run.stdout)).toMatchObject({ step: 5, applicationNo: scene.application.applicationNo });
  expect((await scene.ca.status(scene.application.applicationNo)).state).toBe('stored');
});

/** `tokendesk store --yes` in a pseudo-terminal; each answer typed once its prompt shows. */
function storeAtTerminal(answers: TerminalAnswer[]): Promise<{ code: number; screen: string }> {
  return tokendeskAtTerminal(['store', '--ca', scene.ca.url, '--ca-trust', join(dir, 'ca.pem'), '--module', scene.hsm.modulePath, '--yes', '--lang', 'en'], answers, scene.hsm.env);
}

it('at a terminal, tokendesk store shows the words and asks; N spends nothing, y goes on to STEP4', async () => {
  const declined = await storeAtTerminal([
    ['Storage PIN (10 digits): ', `${wrong}\r`],
    ['Use the last try? [y/N] ', 'n\r'],
  ]);
  expect(declined.code, declined.screen).toBe(1);
  expect(declined.screen).toContain('[TD-CA-STORAGE-PIN-FINAL-TRY]');
  expect(declined.screen).not.toContain('New user PIN');
  await expectOneTryStillLeft();

  const accepted = await storeAtTerminal([
    ['Storage PIN (10 digits): ', `${scene.application.storagePin}\r`],
    ['Use the last try? [y/N] ', 'y\r'],
    ['New user PIN', '\u0003'],
  ]);
  expect(accepted.screen).toContain('[TD-CA-STORAGE-PIN-FINAL-TRY]');
  expect(accepted.screen).toContain('New user PIN');
  expect(accepted.screen).not.toContain(scene.application.storagePin);
  // The right PIN passed on the final try: checked, not counted.
  await expectOneTryStillLeft();
});
