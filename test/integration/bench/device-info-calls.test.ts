/**
 * The device-info bench prints, per PKCS#11 function, what the core and the bare
 * reference ask the token: the reference must be seen even after an earlier run made
 * (and kept) its pkcs11js binding — the breakdown printed 0 calls for it while its
 * kept binding predated the class the bench swaps in to watch calls.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tokenWithCertificate } from '../../bench/device-info.js';
import { rawDeviceRead } from '../../bench/device-read-pair.js';
import { watchPkcs11Calls } from '../../support/pkcs11-calls.js';
import type { SoftHsm } from '../../support/softhsm.js';

let hsm: SoftHsm;
let pin: string;

beforeAll(async () => {
  ({ hsm, pin } = await tokenWithCertificate());
}, 60_000);
afterAll(() => hsm?.cleanup());

it('counts every call of the bare reference, also after a run outside the watch', async () => {
  await rawDeviceRead(hsm.modulePath, pin);
  const calls: Record<string, number> = {};
  await watchPkcs11Calls((name, call) => {
    calls[name] = (calls[name] ?? 0) + 1;
    return call();
  }, () => rawDeviceRead(hsm.modulePath, pin));
  // The facts a device read needs, once each: the library, the token, a session, the
  // device answering, the certificate, login, the holder's private key and a signature with it.
  expect(calls).toEqual({
    C_Initialize: 1,
    C_GetInfo: 1,
    C_GetSlotList: 1,
    C_GetTokenInfo: 2,
    C_OpenSession: 1,
    C_GenerateRandom: 1,
    C_FindObjectsInit: 2,
    C_FindObjects: 2,
    C_FindObjectsFinal: 2,
    C_GetAttributeValue: 2,
    C_Login: 1,
    C_SignInit: 1,
    C_SignAsync: 1,
    C_Logout: 1,
    C_CloseSession: 1,
    C_Finalize: 1,
  });
  // And a run after the watch still works with the class restored.
  await rawDeviceRead(hsm.modulePath, pin);
});
