/**
 * STEP4 sets the user PIN on a CA-managed token with C_InitPIN: the token's own
 * password policy (SafeNet's ETCKH_PIN_POLICY, here the sim's mixed-characters rule) is
 * applied before the SO logs in — 12345678 is refused with the rule's words, the token
 * keeps no new key, and the same wizard then stores with a PIN that mixes characters.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { watchPkcs11Calls } from '../../support/pkcs11-calls.js';
import { createStorageScene, storeWithWizard, type StorageScene } from '../../support/storage-scene.js';

let sim: EtokenSim;
let scene: StorageScene | undefined;

beforeAll(() => {
  sim = createEtokenSim({ tokens: 1 });
});
afterAll(async () => {
  await scene?.close();
  sim?.cleanup();
});

it('refuses a PIN the token policy forbids before C_Login/C_InitPIN, then stores with a mixed one', async () => {
  sim.control(['set-pin-policy', '--mix-chars']);
  const calls: string[] = [];
  // The scene opens the library under the watch, so every call of the wizard is seen.
  const refused = await watchPkcs11Calls(
    (name, call) => {
      calls.push(name);
      return call();
    },
    async () => {
      scene = await createStorageScene({ modulePath: sim.modulePath, tokenSerial: sim.tokens[0]!.simSerial, soPin: sim.tokens[0]!.soPin });
      calls.length = 0; // provisioning's own calls are not the wizard's
      return storeWithWizard(scene, '12345678');
    },
  );
  expect(refused.error).toMatchObject({ code: 'TD-USER-PIN-POLICY-MIX' });
  expect(calls).toContain('C_GetAttributeValue');
  expect(calls).not.toContain('C_Login');
  expect(calls).not.toContain('C_InitPIN');
  expect(calls).not.toContain('C_GenerateKeyPair');

  const stored = await storeWithWizard(scene!, 'Mix12345');
  expect(stored.step, JSON.stringify(stored.error)).toBe(5);
}, 120_000);
