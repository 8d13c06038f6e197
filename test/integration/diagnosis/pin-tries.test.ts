/**
 * Diagnosis and the user PIN's tries, on the native sim (3 tries, as #13 found it):
 * one try left is not healthy and says how many remain and what to do; the try
 * that locks the token says it is now locked, never "あと0回"; a right PIN on the
 * final try, when the user allowed it, leaves the token healthy again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { diagnosisText, runDiagnosis } from '../../../src/core/diagnosis/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { runTokendesk } from '../../support/ca-server.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { createStorageScene, storeWithWizard, type StorageScene } from '../../support/storage-scene.js';

let sim: EtokenSim;
let scene: StorageScene;
let serial: string;
beforeAll(async () => {
  sim = createEtokenSim({ tokens: 1, maxRetries: 3 });
  serial = sim.tokens[0]!.simSerial;
  scene = await createStorageScene({ modulePath: sim.modulePath, tokenSerial: serial, soPin: sim.tokens[0]!.soPin });
  expect((await storeWithWizard(scene, 'Tarou123')).step).toBe(5);
});
afterAll(async () => {
  await scene?.close();
  sim?.cleanup();
});

async function wrongTries(n: number): Promise<void> {
  const session = await scene.module.openSession(serial);
  try {
    for (let i = 0; i < n; i += 1) await expect(session.login('user', 'Wrong999', { confirmFinalTry: true })).rejects.toMatchObject({ code: expect.stringMatching(/^pin/) });
  } finally {
    await session.close();
  }
}

it('one try left: not healthy, the words say how many tries remain and what to do', async () => {
  await wrongTries(2);
  const diagnosis = await runDiagnosis({ modulePath: sim.modulePath, ca: scene.client });
  expect(diagnosis.verdict).toBe('finalTry');
  expect(diagnosis.message.code).toBe('TD-DIAG-FINAL-TRY');
  expect(diagnosis.message.text.ja).toBe('ユーザーPINの残り入力回数は1回です。次に間違えるとUSBトークンがロックされます。');
  expect(diagnosis.message.remedy.ja).toContain('ロック解除');
  expect(diagnosis.checks.find((check) => check.id === 'pinState')).toMatchObject({ result: 'warning', verdict: 'finalTry' });
  expect(diagnosisText(diagnosis, 'ja')).not.toContain('問題は見つかりませんでした');

  // `tokendesk info` at the final try, as #13 found it: never 「問題は見つかりませんでした」.
  const info = await runTokendesk(['info', '--module', sim.modulePath, '--pins-from-stdin'], { env: sim.env, input: 'Tarou123\n' });
  expect(info.code).toBe(1);
  expect(info.stderr).toContain('[TD-DIAG-FINAL-TRY]');
  expect(info.stderr).toContain('[TD-DIAG-PIN-NOT-TRIED]');
  expect(info.stderr).not.toContain('TD-DIAG-HEALTHY');

  // With the PIN but without leave to spend the final try: nothing is spent.
  const notTried = await runDiagnosis({ modulePath: sim.modulePath, userPin: new Secret('Tarou123') });
  expect(notTried.verdict).toBe('finalTry');
  expect(notTried.notices.map((notice) => notice.code)).toContain('TD-DIAG-PIN-NOT-TRIED');
  expect((await scene.module.pinRetries(serial)).userLeft).toBe(1);

  // The right PIN on the final try, allowed: the counter resets and the token is healthy.
  const healthy = await runDiagnosis({ modulePath: sim.modulePath, userPin: new Secret('Tarou123'), confirmFinalTry: true, ca: scene.client });
  expect(healthy.verdict).toBe('healthy');
  expect(healthy.token).toMatchObject({ pinState: 'ok', userPinLeft: 3 });
});

it('the try that locks the token says it is locked now, and what to do', async () => {
  await wrongTries(2);
  const diagnosis = await runDiagnosis({ modulePath: sim.modulePath, userPin: new Secret('Wrong999'), confirmFinalTry: true });
  expect(diagnosis.verdict).toBe('locked');
  expect(diagnosis.message.code).toBe('TD-TOKEN-LOCKED');
  expect(diagnosis.message.remedy.ja).toContain('ロック解除');
  expect(JSON.stringify(diagnosis)).not.toContain('あと0回');
  expect(diagnosis.checks.find((check) => check.id === 'userLogin')?.detail.ja).toBe('ユーザーPINが正しくなく、この入力でUSBトークンがロックされました');
  expect(diagnosis.token).toMatchObject({ pinState: 'locked', userPinLeft: 0 });
});
