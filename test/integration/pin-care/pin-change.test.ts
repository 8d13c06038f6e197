/**
 * `tokendesk pin change` on the native eToken sim, the CLI in child processes: the old
 * PIN is refused afterwards and the new one accepted; a wrong current PIN costs exactly
 * one try and says how many remain; on the final try nothing is spent without consent;
 * a token policy requiring mixed characters refuses 12345678 before the token is asked.
 * Also: device information shows the model, firmware and production date the sim
 * reports (SoftHSM's "unknown": diagnosis/softhsm-device-facts.test.ts — the sim wraps
 * SoftHSM, so one process cannot finalize SoftHSM under it).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiagnosis } from '../../../src/core/diagnosis/index.js';
import { changeUserPin } from '../../../src/core/pin-care/index.js';
import { openModule, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { runTokendesk } from '../../support/ca-server.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { watchPkcs11Calls } from '../../support/pkcs11-calls.js';

let sim: EtokenSim;
let module: Pkcs11Module;

beforeAll(async () => {
  sim = createEtokenSim({ tokens: 1, userPin: 'Old1234' });
  module = await openModule(sim.modulePath);
});
afterAll(async () => {
  await module?.release();
  sim?.cleanup();
});

const serial = () => sim.tokens[0]!.simSerial;
const left = async () => (await module.pinRetries(serial())).userLeft;

function pinChange(lines: string[], extra: string[] = []) {
  return runTokendesk(['pin', 'change', '--module', sim.modulePath, '--pins-from-stdin', '--lang', 'en', ...extra], { env: sim.env, input: `${lines.join('\n')}\n` });
}

/** The fresh-process view of a login (pkcs11-tool; this process's SoftHSM may cache the old PIN's key). */
async function loginWorks(pin: string): Promise<boolean> {
  const token = await module.findToken(serial());
  const result = spawnSync('pkcs11-tool', ['--module', sim.modulePath, '--slot', token.slotId, '--login', '--pin', pin, '--list-objects'], { env: sim.env, encoding: 'utf8' });
  return result.status === 0;
}

describe('tokendesk pin change', () => {
  it('changes the PIN: the old one is refused afterwards, the new one accepted', async () => {
    const done = await pinChange(['Old1234', 'New5678', 'New5678']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('The user PIN was changed');
    expect(await loginWorks('Old1234')).toBe(false);
    expect(await loginWorks('New5678')).toBe(true);
  }, 60_000);

  it('a wrong current PIN costs exactly one try and says how many remain', async () => {
    expect(await left()).toBe(15);
    const wrong = await pinChange(['Nope0000', 'Next9999', 'Next9999']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('TD-PIN-INCORRECT');
    expect(wrong.stderr).toContain('14 more wrong attempts will lock the token');
    expect(await left()).toBe(14);
    // Refused before the token: a mismatch, a 9-character PIN, a full-width current PIN — no try spent.
    expect((await pinChange(['New5678', 'Next9999', 'Next9998'])).stderr).toContain('TD-USER-PIN-MISMATCH');
    expect((await pinChange(['New5678', 'Next99999', 'Next99999'])).stderr).toContain('TD-USER-PIN-TOO-LONG');
    expect((await pinChange(['Ｎｅｗ5678', 'Next9999', 'Next9999'])).stderr).toContain('TD-PIN-FULLWIDTH');
    expect(await left()).toBe(14);
  }, 60_000);

  it('on the final try spends nothing without --confirm-final-try, and goes on with it', async () => {
    for (let i = 0; i < 13; i += 1) expect((await pinChange(['Nope0000', 'Next9999', 'Next9999'])).code).toBe(1);
    expect((await module.findToken(serial())).pinState).toBe('finalTry');
    const refused = await pinChange(['New5678', 'Next9999', 'Next9999']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('TD-PIN-FINAL-TRY');
    expect(await left()).toBe(1);
    const confirmed = await pinChange(['New5678', 'Next9999', 'Next9999'], ['--confirm-final-try']);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(await left()).toBe(15);
  }, 120_000);

  it('a token policy requiring mixed characters refuses 12345678 before the token is touched', async () => {
    sim.control(['set-pin-policy', '--mix-chars']);
    try {
      // This file's module is let go so the operation loads the library under the watch.
      await module.release();
      const calls: string[] = [];
      const refused = watchPkcs11Calls(
        (name, call) => {
          calls.push(name);
          return call();
        },
        () =>
          changeUserPin({
            modulePath: sim.modulePath,
            currentPin: new Secret('Next9999'),
            newPin: new Secret('12345678'),
            confirmation: new Secret('12345678'),
          }),
      );
      await expect(refused).rejects.toMatchObject({ code: 'TD-USER-PIN-POLICY-MIX' });
      module = await openModule(sim.modulePath);
      expect(calls).toContain('C_GetAttributeValue'); // the policy was read: the watch saw the calls
      expect(calls).not.toContain('C_SetPIN');
      expect(calls).not.toContain('C_InitPIN');
      expect(calls).not.toContain('C_Login');
      expect(await left()).toBe(15);
      const cli = await pinChange(['Next9999', '12345678', '12345678']);
      expect(cli.stderr).toContain('TD-USER-PIN-POLICY-MIX');
      expect(cli.stderr).toContain('both letters and digits');
      expect((await pinChange(['Next9999', 'Mix12345', 'Mix12345'])).code).toBe(0);
    } finally {
      sim.control(['set-pin-policy']);
    }
  }, 60_000);
});

describe("the vendor's device facts", () => {
  it('device information shows the model, firmware and production date the sim reports', async () => {
    const diagnosis = await runDiagnosis({ modulePath: sim.modulePath });
    expect(diagnosis.token?.device).toEqual({
      productName: 'SafeNet eToken 5110 CC',
      model: 'eToken 5110 CC',
      firmwareRevision: '4.29',
      productionDate: '2023-04-15',
      fips: false,
      rsaKeyArea: 40960,
    });
    expect(diagnosis.token?.userPinMax).toBe(15);
  });
});
