/**
 * `tokendesk store` waiting at a prompt longer than the step limit: the wizard has gone
 * back to STEP1 (its step clock, CA manual §7.4 ⑤–⑦), and what the user typed late is
 * answered with that — TD-STEP-TIMEOUT, its words and remedy — not with the wizard's
 * "this action does not belong to the current step" nor anything sent to the CA.
 * Separate programs: the CA as `tokendesk ca serve`, the CLI on SoftHSM2 with the step
 * limit shortened by a preload (test/support/step-limit-preload.mjs).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openModule } from '../../../src/core/pkcs11/index.js';
import { REPO_ROOT, startTestCa, type TestCa } from '../../support/ca-server.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { provision } from '../../support/storage-scene.js';

const PRELOAD = pathToFileURL(join(REPO_ROOT, 'test/support/step-limit-preload.mjs')).href;

let hsm: SoftHsm;
let ca: TestCa;
let trust: string;

beforeEach(async () => {
  hsm = createSoftHsm({ tokens: 1 });
  ca = await startTestCa();
  await provision(ca, hsm.modulePath, hsm.tokens[0]!.serial, hsm.tokens[0]!.soPin);
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-store-timeout-'));
  trust = join(dir, 'ca.pem');
  writeFileSync(trust, ca.caCertificatePem);
});
afterEach(async () => {
  await ca?.stop();
  hsm?.cleanup();
});

/**
 * Runs `store --pins-from-stdin --yes`: `early` is typed at once, `late` once stderr shows
 * `after` and the step limit (200 ms here) is long past.
 */
function storeTypingLate(early: string, after: string, late: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'),
      'store', '--ca', ca.url, '--ca-trust', trust, '--module', hsm.modulePath, '--pins-from-stdin', '--yes', '--lang', 'en'], {
      cwd: REPO_ROOT,
      env: { ...hsm.env, TOKENDESK_TEST_STEP_LIMIT_MS: '200', NODE_OPTIONS: `${hsm.env.NODE_OPTIONS ?? ''} --import=${PRELOAD}`.trim() },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let typed = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!typed && stderr.includes(after)) {
        typed = true;
        setTimeout(() => child.stdin.end(late), 1_000);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.write(early);
  });
}

it('the storage PIN typed after STEP3 timed out: the timeout is said, the PIN never sent', async () => {
  const mail = await ca.addApplication({ tokenSerial: hsm.tokens[0]!.serial });
  const late = await storeTypingLate('', 'STEP3', `${mail.storagePin}\nTarou123\n`);
  expect(late.code, late.stderr).toBe(1);
  expect(late.stderr).toContain('More than 5 minutes passed in this step, so the wizard went back to STEP1.');
  expect(late.stderr).toContain('Keep the token plugged in and start again from STEP1.');
  expect(late.stderr).not.toContain('does not belong to the current step');
  expect(late.stderr).not.toContain(mail.storagePin);
  // Nothing reached the CA under that PIN, and nothing was made.
  expect(await ca.status(mail.applicationNo)).toMatchObject({ state: 'ready' });
  await expectNoKeyOnToken();
});

it('the new user PIN typed after STEP4 timed out: the timeout is said, nothing made on the token, the storage PIN not spent', async () => {
  const mail = await ca.addApplication({ tokenSerial: hsm.tokens[0]!.serial });
  // The storage PIN typed at once, the new user PIN late.
  const late = await storeTypingLate(`${mail.storagePin}\n`, 'STEP4', 'Tarou123\n');
  expect(late.code, late.stderr).toBe(1);
  expect(late.stderr).toContain('More than 5 minutes passed in this step');
  expect(late.stderr).not.toContain('does not belong to the current step');
  expect(await ca.status(mail.applicationNo)).toMatchObject({ state: 'ready' });
  await expectNoKeyOnToken();
});

/** Nothing was made on the token: no key (the run stopped before STEP4's key generation). */
async function expectNoKeyOnToken(): Promise<void> {
  const module = await openModule(hsm.modulePath);
  try {
    const session = await module.openSession(hsm.tokens[0]!.serial);
    try {
      expect(await session.listKeys()).toEqual([]);
    } finally {
      await session.close();
    }
  } finally {
    await module.release();
  }
}
