/**
 * One diagnosis run asks the token each thing once: the slots are listed once and
 * every check works from that listing and in one session; the certificates and keys
 * are listed once; the vendor's retry counter is only looked for on its vendor's
 * tokens. (Token removal mid-run is still seen: sim-verdicts.test.ts.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDiagnosis } from '../../../src/core/diagnosis/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { watchPkcs11Calls } from '../../support/pkcs11-calls.js';
import type { SoftHsm } from '../../support/softhsm.js';
import { softHsmWithSeedLikeCertificate } from '../card/seed-like-certificate.js';

const DAY = 86_400_000;
let hsm: SoftHsm;

beforeAll(async () => {
  hsm = await softHsmWithSeedLikeCertificate({ serialHex: '02ab', cn: '400156819 Souken Tarou', notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 400 * DAY) });
});
afterAll(() => hsm?.cleanup());

/** How many times each PKCS#11 function is called during `work`. */
async function countCalls(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const calls: Record<string, number> = {};
  await watchPkcs11Calls((name, call) => {
    calls[name] = (calls[name] ?? 0) + 1;
    return call();
  }, work);
  return calls;
}

it('lists the slots once, opens one session and lists each kind of object once', async () => {
  const calls = await countCalls(async () => {
    const diagnosis = await runDiagnosis({ modulePath: hsm.modulePath, userPin: new Secret(hsm.tokens[0]!.userPin) });
    expect(diagnosis.checks.find((check) => check.id === 'keyPair')?.result).toBe('ok');
  });
  expect(calls.C_GetSlotList).toBe(1);
  // Only the slots a token is in, asked for the token alone (no C_GetSlotInfo), and not
  // for the largest key it makes: no check judges it and no report shows it.
  expect(calls.C_GetSlotInfo).toBeUndefined();
  expect(calls.C_GetMechanismInfo).toBeUndefined();
  expect(calls.C_OpenSession).toBe(1);
  // The certificates before login, the key that signs after it. No look for keys before
  // login with one holder certificate (they only rank two: portal-read-device.test.ts),
  // and none for the eToken's retry counter on a SoftHSM token.
  expect(calls.C_FindObjectsInit).toBe(2);
  // The slot's token read once in the listing, and again for its PIN state just before login.
  expect(calls.C_GetTokenInfo).toBe(3);
});
