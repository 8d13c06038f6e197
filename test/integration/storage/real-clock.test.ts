/**
 * The wizard on the PC's own clock (step-clock.ts's systemClock), not a test clock:
 * a step left waiting past its limit goes back to STEP1; a step finished in time
 * stops its clock, so a later step is never cut short by an earlier one's; and
 * while the CA answers 202 the wizard waits the Retry-After it was given before
 * asking again — which the app's STEP4 progress list (the Electron app passes the
 * wait on; the CLI does not wait) shows in the user's language. Short limits stand
 * in for the 5 minutes (the wizard's `stepTimeoutMs`), real time passes.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { openModule, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { StorageWizard, type ProgressEvent, type WizardState } from '../../../src/core/storage/index.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';

let hsm: SoftHsm | undefined;
let module: Pkcs11Module | undefined;
let scene: SoftHsmStorageScene | undefined;

afterEach(async () => {
  await module?.release();
  await scene?.close();
  hsm?.cleanup();
  module = undefined;
  scene = undefined;
  hsm = undefined;
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('each step has its own limit on the PC clock: finishing STEP2 in time stops its clock, STEP3 left waiting goes back to STEP1', async () => {
  hsm = createSoftHsm({ tokens: 1, userPin: 'Old1234' });
  module = await openModule(hsm.modulePath);
  // The EST-only profile's STEP1–3 ask the CA nothing: this client is never used.
  const client = new CaClient({ url: 'https://127.0.0.1:9', trust: {} });
  const limit = 2000;
  const wizard = new StorageWizard({ module, ca: client, profile: { kind: 'estOnly', estUser: 'est-user-01', subject: 'CN=Souken Tarou' }, stepTimeoutMs: limit });
  const states: WizardState[] = [];
  wizard.on('state', (state) => states.push(state));
  try {
    const atStep2 = await wizard.detectToken();
    expect(atStep2).toMatchObject({ step: 2, status: 'input', stepLimitMs: limit });
    const step2Deadline = atStep2.deadline!;
    await pause(limit * 0.6);
    expect(wizard.confirmUser()).toMatchObject({ step: 3, status: 'input' });
    const step3Deadline = wizard.current.deadline!;
    expect(step3Deadline).toBeGreaterThan(step2Deadline);

    // Past STEP2's deadline, before STEP3's: STEP2's clock was stopped when it was done.
    await pause(Math.max(0, step2Deadline + (step3Deadline - step2Deadline) / 2 - Date.now()));
    expect(Date.now()).toBeGreaterThan(step2Deadline);
    expect(wizard.current, 'STEP3 not cut short by STEP2\'s clock').toMatchObject({ step: 3, status: 'input' });
    expect(wizard.current.error).toBeUndefined();

    // Past STEP3's own deadline: back to STEP1, saying which step timed out.
    for (let waited = 0; wizard.current.step !== 1 && waited < 5000; waited += 100) await pause(100);
    expect(Date.now()).toBeGreaterThanOrEqual(step3Deadline - 50);
    expect(wizard.current).toMatchObject({ step: 1, status: 'input' });
    const words = toUserError(wizard.current.error);
    expect(words.code).toBe('TD-STEP-TIMEOUT');
    expect(wizard.current.error).toMatchObject({ step: 3 });
    expect(states.filter((state) => state.error !== undefined)).toHaveLength(1);
  } finally {
    wizard.dispose();
    client.close();
  }
});

/**
 * The app's STEP4 list for these events, as a window served in
 * `language` draws it (the renderer's own component, rendered to markup here):
 * each line's mark and words.
 */
async function progressListShown(events: readonly ProgressEvent[], language: 'ja' | 'en'): Promise<string[]> {
  vi.resetModules();
  vi.stubGlobal('document', { documentElement: { lang: language } });
  try {
    const { createElement } = await import('react');
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { ProgressList } = await import('../../../src/app/renderer/screens/storage/progress-list.js');
    const markup = renderToStaticMarkup(createElement(ProgressList, { events }));
    return [...markup.matchAll(/<li[^>]*><span[^>]*>([^<]*)<\/span>([^<]*)<\/li>/gu)].map((m) => `${m[1]}${m[2]}`);
  } finally {
    vi.unstubAllGlobals();
  }
}

it('while the CA answers 202, STEP4 waits the Retry-After it was given before asking again, then stores; the app\'s list says so', async () => {
  scene = await createSoftHsmStorageScene({ application: { pending: true }, ca: { settings: { retryAfterSeconds: 1 } } });
  const s = scene;
  const wizard = new StorageWizard({ module: s.module, ca: s.client, approvalWaitMs: 20_000 });
  const events: ProgressEvent[] = [];
  let approval: Promise<unknown> | undefined;
  wizard.on('progress', (event) => {
    events.push(event);
    // The operator approves as soon as the wizard starts waiting.
    if (event.progress === 'awaitingApproval' && event.phase === 'start') approval ??= s.ca.approve(s.application.applicationNo);
  });
  try {
    await wizard.detectToken();
    wizard.confirmUser();
    await wizard.submitStoragePin(s.application.storagePin);
    const state = await wizard.submitUserPin('Tarou123', 'Tarou123');
    expect(state.error, String(state.error)).toBeUndefined();
    expect(state).toMatchObject({ step: 5, status: 'done' });
  } finally {
    wizard.dispose();
    await approval;
  }
  const waits = events.filter((event) => event.progress === 'awaitingApproval');
  expect(waits.map((event) => event.phase)).toEqual(['start', 'end']);
  expect(waits[1]!.at - waits[0]!.at, 'waited the CA\'s Retry-After (1 s)').toBeGreaterThanOrEqual(950);
  // Asked twice: once answered 202, once issued after the wait.
  expect(events.filter((event) => event.progress === 'enrollment' && event.phase === 'start')).toHaveLength(2);
  expect(await s.ca.status(s.application.applicationNo)).toMatchObject({ state: 'stored' });

  // What the app's STEP4 list showed, in both languages.
  expect(await progressListShown(events, 'ja')).toEqual([
    '✔ ユーザーPINを設定しています',
    '✔ 認証局の証明書を確認しています',
    '✔ トークン内で鍵を生成しています',
    '✔ 証明書の発行要求を作成しています',
    '✔ 認証局に証明書を発行してもらっています',
    '✔ 認証局の承認を待っています',
    '✔ 証明書をトークンに書き込んでいます',
    '✔ 書き込んだ証明書を確認しています',
    '✔ 古い証明書と鍵を削除しています',
    '✔ 格納完了を認証局に報告しています',
  ]);
  expect(await progressListShown(events, 'en')).toEqual([
    '✔ Setting the user PIN',
    '✔ Checking the CA certificates',
    '✔ Generating the key on the token',
    '✔ Making the certificate request',
    '✔ Asking the CA for the certificate',
    '✔ Waiting for the CA’s approval',
    '✔ Writing the certificate to the token',
    '✔ Verifying the stored certificate',
    '✔ Removing the old certificate and key',
    '✔ Telling the CA the certificate is stored',
  ]);
  // While waiting, the running line is marked as such.
  const waiting = events.slice(0, events.findIndex((event) => event.progress === 'awaitingApproval' && event.phase === 'start') + 1);
  expect((await progressListShown(waiting, 'en')).at(-1)).toBe('… Waiting for the CA’s approval');
});
