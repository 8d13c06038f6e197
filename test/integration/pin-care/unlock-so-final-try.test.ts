/**
 * Unlocking a locked token (Flow F) whose admin (SO) PIN is on its final try — wrong SO
 * PINs tried elsewhere, e.g. with the vendor's tools. The unlock logs in as SO with the PIN
 * the CA released: without the user's confirmation it stops before that try is spent and
 * the unlock code stays usable ("nothing is lost"); with it the token is unlocked and the
 * SO PIN's tries are restored. In the core, through `tokendesk unlock --pins-from-stdin`
 * (refused without --confirm-final-try, exit 1) and at a terminal (asked y/N, in a real
 * pseudo-terminal: util-linux `script`). On the native eToken
 * sim, which counts SO and user tries, against the reference CA over TLS (as
 * storage/so-final-try.test.ts does for STEP4).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { unlockToken } from '../../../src/core/pin-care/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { closeCaContext, openCaContext } from '../../../src/server/ca-context.js';
import { runTokendesk } from '../../support/ca-server.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { createStorageScene, storeWithWizard, type StorageScene } from '../../support/storage-scene.js';
import { thenEnter, tokendeskAtTerminal } from '../../support/cli-at-terminal.js';

const USER_PIN = 'Abcd1234';
const MAX_TRIES = 3;

let sim: EtokenSim;
let scene: StorageScene;
let serial: string;
let trustDir: string;
let trustFile: string;

beforeAll(async () => {
  sim = createEtokenSim({ tokens: 1, maxRetries: MAX_TRIES });
  serial = sim.tokens[0]!.simSerial;
  scene = await createStorageScene({ modulePath: sim.modulePath, tokenSerial: serial, soPin: sim.tokens[0]!.soPin });
  const stored = await storeWithWizard(scene, USER_PIN);
  expect(stored.step, JSON.stringify(stored.error)).toBe(5);
  trustDir = mkdtempSync(join(tmpdir(), 'tokendesk-unlock-so-'));
  trustFile = join(trustDir, 'ca.pem');
  writeFileSync(trustFile, scene.ca.caCertificatePem);
}, 120_000);
afterAll(async () => {
  await scene?.close();
  sim?.cleanup();
  if (trustDir) rmSync(trustDir, { recursive: true, force: true });
});

/**
 * The user PIN locked by wrong tries, and the SO PIN left on its last by wrong ones
 * elsewhere — from whatever state the test before left (each test stands on its own).
 */
async function lockedWithSoOnFinalTry(): Promise<void> {
  const session = await scene.module.openSession(serial, { readWrite: true });
  try {
    while ((await scene.module.findToken(serial)).pinState !== 'locked') {
      await expect(session.login('user', 'wrong999', { confirmFinalTry: true })).rejects.toMatchObject({ code: 'pinIncorrect' });
    }
    while ((await scene.module.pinRetries(serial)).soLeft! > 1) {
      await expect(session.login('so', 'wrong-so-pin-00', { confirmFinalTry: true })).rejects.toMatchObject({ code: 'pinIncorrect' });
    }
  } finally {
    await session.close();
  }
  expect((await scene.module.findToken(serial)).pinState).toBe('locked');
  expect((await scene.module.pinRetries(serial)).soLeft).toBe(1);
}

async function issueCode(): Promise<string> {
  const issued = await scene.ca.cli(['ca', 'token', 'unlock-code', '--serial', serial, '--json']);
  expect(issued.code, issued.stderr).toBe(0);
  return (JSON.parse(issued.stdout) as { code: string }).code;
}

/** The CA's row for the token's code: no wrong try counted, neither spent nor used. */
async function codeRow() {
  const ctx = await openCaContext(scene.ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: scene.ca.dataDir });
  try {
    return await ctx.store.unlockCodes.get(serial);
  } finally {
    await closeCaContext(ctx);
  }
}

/** How many times the CA released this token's SO PIN (its audit log). */
async function releases(): Promise<number> {
  const ctx = await openCaContext(scene.ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: scene.ca.dataDir });
  try {
    return (await ctx.store.listAudit()).filter((row) => row.token_serial === serial && row.event === 'unlockSoPinReleased').length;
  } finally {
    await closeCaContext(ctx);
  }
}

/** Nothing spent: the SO PIN still has its one try, the user PIN is still locked, the code is live. */
async function expectNothingSpent(): Promise<void> {
  expect((await scene.module.pinRetries(serial)).soLeft).toBe(1);
  expect((await scene.module.findToken(serial)).pinState).toBe('locked');
  expect(await codeRow()).toMatchObject({ failures: 0, used_at: null, spent_at: null });
}

async function expectUnlocked(): Promise<void> {
  expect((await scene.module.findToken(serial)).pinState).toBe('ok');
  // The right SO PIN restored its tries; C_InitPIN the user PIN's.
  expect(await scene.module.pinRetries(serial)).toMatchObject({ soLeft: MAX_TRIES, userLeft: MAX_TRIES });
  expect((await codeRow())?.used_at).not.toBeNull();
}

describe('unlock when the SO PIN is on its final try (eToken sim)', () => {
  it('core: stops before the SO PIN\'s last try, the code stays usable; unlocks once the user confirms', async () => {
    await lockedWithSoOnFinalTry();
    const code = await issueCode();
    const client = new CaClient({ url: scene.ca.url, trust: { caPem: scene.ca.caCertificatePem } });
    const request = () => ({ modulePath: sim.modulePath, serial, unlockCode: new Secret(code), newPin: new Secret('Wxyz5678'), confirmation: new Secret('Wxyz5678'), ca: client });
    try {
      const released = await releases();
      await expect(unlockToken(request())).rejects.toMatchObject({ name: 'TokenError', code: 'pinFinalTry', catalogueCode: 'TD-UNLOCK-SO-FINAL-TRY' });
      await expectNothingSpent();
      // The CA was not even asked: the SO PIN did not leave it for a login not to be tried.
      expect(await releases()).toBe(released);

      const unlocked = await unlockToken({ ...request(), confirmFinalTry: true });
      expect(unlocked).toMatchObject({ serial, reported: true });
      expect(unlocked.diagnosis.verdict).toBe('healthy');
      await expectUnlocked();
    } finally {
      client.close();
    }
  }, 120_000);

  it('tokendesk unlock --pins-from-stdin: exit 1 spending nothing without --confirm-final-try; unlocks with it', async () => {
    await lockedWithSoOnFinalTry();
    const code = await issueCode();
    const unlock = (extra: string[]) =>
      runTokendesk(['unlock', '--module', sim.modulePath, '--serial', serial, '--ca', scene.ca.url, '--ca-trust', trustFile, '--pins-from-stdin', '--lang', 'en', ...extra], {
        env: sim.env,
        input: `${code}\nQrst9012\nQrst9012\n`,
      });

    const refused = await unlock([]);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain('[TD-UNLOCK-SO-FINAL-TRY]');
    expect(refused.stderr).toContain('--confirm-final-try');
    expect(refused.stdout).not.toContain('Unlocked');
    await expectNothingSpent();

    const done = await unlock(['--confirm-final-try']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Unlocked');
    expect(done.stdout).toContain('[TD-DIAG-HEALTHY]');
    await expectUnlocked();
  }, 120_000);

  it('tokendesk unlock at a terminal: says so and asks; "n" spends nothing, "y" unlocks with the same code', async () => {
    await lockedWithSoOnFinalTry();
    const code = await issueCode();
    const declined = await unlockAtTerminal(code, 'n');
    expect(declined.code, declined.screen).toBe(1);
    expect(declined.screen).toContain('[TD-UNLOCK-SO-FINAL-TRY]');
    expect(declined.screen).not.toContain('Unlocked');
    await expectNothingSpent();

    const confirmed = await unlockAtTerminal(code, 'y');
    expect(confirmed.code, confirmed.screen).toBe(0);
    expect(confirmed.screen).toContain('Unlocked');
    await expectUnlocked();
  }, 120_000);
});

/** `tokendesk unlock` in a pseudo-terminal: the code, a new PIN twice, then the answer to the final-try question. */
function unlockAtTerminal(code: string, answer: 'y' | 'n'): Promise<{ code: number; screen: string }> {
  const args = ['unlock', '--module', sim.modulePath, '--serial', serial, '--ca', scene.ca.url, '--ca-trust', trustFile, '--lang', 'en'];
  const answers = thenEnter([
    ['Unlock code (10 digits)', code],
    ['New user PIN', 'Mnop3456'],
    ['Again', 'Mnop3456'],
    ['Use the last try?', answer],
  ]);
  return tokendeskAtTerminal(args, answers, sim.env);
}
