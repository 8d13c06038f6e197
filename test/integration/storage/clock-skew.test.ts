/**
 * A PC clock off the CA's (Nagasaki card-update manual: the server's time decides): warned about
 * through every door — the storage wizard's state, `tokendesk store`, the
 * diagnosis and `tokendesk diagnose` — ahead and behind, and not when within the
 * limit. The PC clock is injected (CaClient's `now`, or the child's clock for the
 * CLI); the CA keeps real time. 30 s either side of CLOCK_SKEW_LIMIT_MS: far more
 * than the Date header's one-second resolution, less than a threshold moved by a minute.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaClient, CLOCK_SKEW_LIMIT_MS } from '../../../src/core/ca-client/index.js';
import { runDiagnosis } from '../../../src/core/diagnosis/index.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import { runTokendesk } from '../../support/ca-server.js';
import { pcClockEnv, shiftedClock } from '../../support/pc-clock.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';

const AHEAD = CLOCK_SKEW_LIMIT_MS + 30_000;
const WITHIN = CLOCK_SKEW_LIMIT_MS - 30_000;

let scene: SoftHsmStorageScene;
let dir: string;
let trust: string;
beforeAll(async () => {
  scene = await createSoftHsmStorageScene();
  dir = mkdtempSync(join(tmpdir(), 'tokendesk-clock-'));
  trust = join(dir, 'ca.pem');
  writeFileSync(trust, scene.ca.caCertificatePem);
});
afterAll(async () => {
  await scene?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A CA client on a PC whose clock is `shiftMs` off the CA's. */
function clientAt(shiftMs: number): CaClient {
  return new CaClient({ url: scene.ca.url, trust: { caPem: scene.ca.caCertificatePem }, now: shiftedClock(shiftMs) });
}

async function withWizard<T>(shiftMs: number, work: (wizard: StorageWizard) => Promise<T>): Promise<T> {
  const ca = clientAt(shiftMs);
  const wizard = new StorageWizard({ module: scene.module, ca });
  try {
    return await work(wizard);
  } finally {
    wizard.dispose();
    ca.close();
  }
}

const cli = (args: string[], shiftMs: number, input: string) =>
  runTokendesk([...args, '--ca', scene.ca.url, '--ca-trust', trust, '--module', scene.hsm.modulePath, '--pins-from-stdin'], {
    env: pcClockEnv(scene.hsm.env, { shiftMs }),
    input,
  });

/**
 * Stores the application's certificate through the wizard, user PIN Tarou123. The
 * wizard test below does it with the clock ahead; the diagnosis tests need it done
 * and, run on their own (as a mutation run runs them, test by test), do it themselves.
 */
let certificateStored = false;
async function storeCertificate(shiftMs: number) {
  const stored = await withWizard(shiftMs, async (wizard) => {
    const step2 = await wizard.detectToken();
    wizard.confirmUser();
    await wizard.submitStoragePin(scene.application.storagePin);
    return { step2, done: await wizard.submitUserPin('Tarou123', 'Tarou123') };
  });
  if (stored.done.step === 5) certificateStored = true;
  return stored;
}

describe('storage wizard', () => {
  it('PC clock behind: STEP2 already carries the warning, with a negative skew', async () => {
    const state = await withWizard(-AHEAD, (wizard) => wizard.detectToken());
    expect(state.step).toBe(2);
    expect(state.clockWarning?.tooFar).toBe(true);
    expect(state.clockWarning!.skewMs).toBeLessThan(-CLOCK_SKEW_LIMIT_MS);
  });

  it('PC clock within the limit, either way: no warning', async () => {
    for (const shift of [WITHIN, -WITHIN]) {
      const state = await withWizard(shift, (wizard) => wizard.detectToken());
      expect(state.step).toBe(2);
      expect(state.clockWarning).toBeUndefined();
    }
  });

  it('PC clock ahead: warned from STEP2 to STEP5, and the certificate is stored all the same', async () => {
    const { step2, done } = await storeCertificate(AHEAD);
    expect(step2.clockWarning?.tooFar).toBe(true);
    expect(step2.clockWarning!.skewMs).toBeGreaterThan(CLOCK_SKEW_LIMIT_MS);
    expect(done.error, String(done.error)).toBeUndefined();
    expect(done.step).toBe(5);
    expect(done.clockWarning?.tooFar).toBe(true);
  });
});

describe('diagnosis (the CA-issued certificate stored above)', () => {
  beforeAll(async () => {
    if (!certificateStored) expect((await storeCertificate(0)).done.step).toBe(5);
  });

  const clockCheck = async (shiftMs: number) => {
    const ca = clientAt(shiftMs);
    try {
      return await runDiagnosis({ modulePath: scene.hsm.modulePath, ca, now: shiftedClock(shiftMs) });
    } finally {
      ca.close();
    }
  };

  it('PC clock ahead or behind: a TD-CLOCK-SKEW notice and a clock warning, the verdict unchanged', async () => {
    for (const shift of [AHEAD, -AHEAD]) {
      const diagnosis = await clockCheck(shift);
      expect(diagnosis.verdict).toBe('healthy');
      expect(diagnosis.notices.map((n) => n.code)).toContain('TD-CLOCK-SKEW');
      expect(diagnosis.notices.find((n) => n.code === 'TD-CLOCK-SKEW')!.text.en).toMatch(/by [56] minutes/u);
      expect(diagnosis.checks.find((c) => c.id === 'clock')?.result).toBe('warning');
    }
  });

  it('PC clock within the limit: the clock check is ok and nothing is noticed', async () => {
    const diagnosis = await clockCheck(WITHIN);
    expect(diagnosis.notices.map((n) => n.code)).not.toContain('TD-CLOCK-SKEW');
    expect(diagnosis.checks.find((c) => c.id === 'clock')?.result).toBe('ok');
  });

  it('tokendesk diagnose on a PC whose clock is behind: the report says so, and holds no PIN typed into it', async () => {
    // The user PIN set through the wizard above, typed into `tokendesk diagnose` itself.
    for (const format of [['--lang', 'en'], ['--json']]) {
      const behind = await cli(['diagnose', ...format], -AHEAD, 'Tarou123\n');
      expect(behind.stderr).not.toMatch(/\n\s+at /u);
      expect(behind.code, behind.stderr).toBe(0);
      expect(behind.stdout).toContain('TD-CLOCK-SKEW');
      if (format[0] === '--lang') expect(behind.stdout).toMatch(/The PC clock differs from the CA server's time by [56] minutes/u);
      expect(behind.stdout + behind.stderr).not.toContain('Tarou123');
    }
    const within = await cli(['diagnose', '--lang', 'en'], WITHIN, 'Tarou123\n');
    expect(within.code, within.stderr).toBe(0);
    expect(within.stdout).toMatch(/user PIN|ユーザーPIN/iu);
    expect(within.stdout).not.toContain('TD-CLOCK-SKEW');
    expect(within.stdout + within.stderr).not.toContain('Tarou123');
  });
});

describe('tokendesk store', () => {
  it('warns about a PC clock ahead of the CA after storing (a renewal on the same token)', async () => {
    const renewal = await scene.ca.addApplication({ kind: 'renewal', tokenSerial: scene.tokenSerial });
    const stored = await cli(['store', '--json', '--lang', 'en'], AHEAD, `${renewal.storagePin}\nRenew456\n`);
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stderr).toContain('TD-CLOCK-SKEW');
    expect(stored.stderr).toMatch(/The PC clock differs from the CA server's time by [56] minutes/u);
    expect(await scene.ca.status(renewal.applicationNo)).toMatchObject({ state: 'stored' });
  });
});
