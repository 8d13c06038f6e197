/**
 * Diagnosis verdicts only real eToken behaviour can produce, on the native sim:
 * a PIN locked by 15 wrong tries, a damaged token, a token pulled out mid-check,
 * and several tokens plugged in.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runDiagnosis } from '../../../src/core/diagnosis/index.js';
import { openModule, type TokenError } from '../../../src/core/pkcs11/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';

let sim: EtokenSim;

beforeAll(() => {
  sim = createEtokenSim({ tokens: 2 });
});
afterAll(() => sim?.cleanup());
afterEach(() => {
  sim.control(['clear']);
  sim.control(['insert']);
});

const [first, second] = [0, 1];
const serialOf = (index: number) => sim.tokens[index]!.simSerial;

describe('diagnosis on the eToken sim', () => {
  it('names several tokens when two are plugged in', async () => {
    const diagnosis = await runDiagnosis({ modulePath: sim.modulePath });
    expect(diagnosis.verdict).toBe('severalTokens');
    expect(diagnosis.message.code).toBe('TD-TOKEN-SEVERAL');
    expect(diagnosis.tokensSeen.sort()).toEqual([serialOf(first), serialOf(second)].sort());
    expect(diagnosis.checks.find((c) => c.id === 'tokenCount')?.result).toBe('failed');
  });

  it('names a token locked by 15 wrong PINs, without spending a try to find out', async () => {
    // Only the first token stays in: the helpdesk's usual case.
    sim.control(['remove', '--serial', serialOf(second)]);
    const module = await openModule(sim.modulePath);
    try {
      const session = await module.openSession(serialOf(first));
      let wrong = 0;
      for (;;) {
        try {
          await session.login('user', 'wrong999', { confirmFinalTry: true });
        } catch (error) {
          if ((error as TokenError).code === 'pinLocked') break;
          expect((error as TokenError).code).toBe('pinIncorrect');
          wrong += 1;
        }
        if (wrong > 20) throw new Error('the sim never locked');
      }
      expect(wrong).toBe(15);
      await session.close();
      const before = await module.pinRetries(serialOf(first));
      expect(before.userLeft).toBe(0);

      const pin = new Secret('user1234'); // the right PIN: diagnosis must not even try it on a locked token
      const diagnosis = await runDiagnosis({ modulePath: sim.modulePath, userPin: pin });
      expect(diagnosis.verdict).toBe('locked');
      expect(diagnosis.message.code).toBe('TD-TOKEN-LOCKED');
      expect(diagnosis.token).toMatchObject({ serial: serialOf(first), pinState: 'locked', userPinLeft: 0, userPinMax: 15 });
      expect(diagnosis.checks.find((c) => c.id === 'userLogin')?.result).toBe('skipped');
      expect(diagnosis.loggedIn).toBe(false);
      // The check still read what it could without login.
      expect(diagnosis.checks.find((c) => c.id === 'deviceAnswers')?.result).toBe('ok');
      expect(diagnosis.verdict === 'locked' && diagnosis.checks.find((c) => c.id === 'certificate')?.verdict).toBe('empty');
      expect((await module.pinRetries(serialOf(first))).userLeft).toBe(0);
    } finally {
      await module.release();
    }
  });

  it('names a damaged token when it does not answer C_GetTokenInfo', async () => {
    sim.control(['remove', '--serial', serialOf(second)]);
    sim.control(['fail', 'C_GetTokenInfo', 'CKR_DEVICE_ERROR', '--serial', serialOf(first)]);
    const diagnosis = await runDiagnosis({ modulePath: sim.modulePath });
    expect(diagnosis.verdict).toBe('damaged');
    expect(diagnosis.message.code).toBe('TD-TOKEN-DAMAGED');
  });

  it('names a damaged token when its memory cannot be listed', async () => {
    sim.control(['remove', '--serial', serialOf(second)]);
    sim.control(['fail', 'C_FindObjectsInit', 'CKR_DEVICE_ERROR', '--serial', serialOf(first)]);
    const diagnosis = await runDiagnosis({ modulePath: sim.modulePath });
    expect(diagnosis.verdict).toBe('damaged');
    const answers = diagnosis.checks.find((c) => c.id === 'deviceAnswers');
    expect(answers?.result).toBe('failed');
    expect(answers?.detail.en).toContain('CKR_DEVICE_ERROR');
    expect(diagnosis.checks.find((c) => c.id === 'certificate')?.result).toBe('skipped');
  });

  it('names a token pulled out while the checks run', async () => {
    sim.control(['remove', '--serial', serialOf(second)]);
    const diagnosis = await runDiagnosis({
      modulePath: sim.modulePath,
      onCheck: (id) => {
        if (id === 'deviceAnswers') sim.control(['remove', '--serial', serialOf(first)]);
      },
    });
    expect(diagnosis.verdict).toBe('removed');
    expect(diagnosis.message.code).toBe('TD-TOKEN-REMOVED');
    // Seen where it happened: the device check, after the token had been found.
    expect(diagnosis.checks.find((c) => c.id === 'tokenCount')?.result).toBe('ok');
    expect(diagnosis.checks.find((c) => c.id === 'deviceAnswers')).toMatchObject({ result: 'failed', verdict: 'removed' });
  });
});
