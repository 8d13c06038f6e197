/**
 * The two sides of the device-info bench's in-process part: the core's Flow B read
 * (`readDeviceInfo`: diagnosis checks, X.509, the call queue) and the bare PKCS#11
 * calls that read needs, made straight through pkcs11js with no framework. Both load
 * the library, C_Initialize and C_Finalize on every run, as one `tokendesk info` does.
 *
 * The bench runs this file compiled as TokenDesk ships its code (device-info.ts,
 * compiledDeviceReadPair), not as tsx transforms it for development.
 */
import { webcrypto } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { readDeviceInfo } from '../../src/core/device-info/index.js';
import { Secret } from '../../src/core/secrets/secret.js';
import { summarizeCertificate } from '../../src/core/x509/index.js';

const CKF_SERIAL_SESSION = 0x4;

export async function coreDeviceRead(modulePath: string, pin: string): Promise<void> {
  const { info } = await readDeviceInfo({ modulePath, userPin: new Secret(pin) });
  if (!info || info.health !== 'healthy') throw new Error(`device info did not read the healthy token: ${info?.health ?? 'no info'}`);
}

/** The core keeps the last certificate it summarized (x509/summary.ts): after this, its next read meets the token's certificate as new. */
export function summarizeAnotherCertificate(der: Buffer): void {
  summarizeCertificate(der);
}

let bareBinding: pkcs11js.PKCS11 | undefined;

/**
 * The PKCS#11 calls a Flow B read needs, straight through pkcs11js: library info,
 * the present token, a session, the device answering (C_GenerateRandom), the
 * certificate, login, the private keys, a signature with the holder's key (proof
 * the pair works), logout, close, finalize. No look for public keys: with one holder
 * certificate there is nothing for their IDs to rank (the core does not look either).
 * What the core must do beyond this — read the token's PIN flags again just before
 * login, decode the certificate for the facts it shows, verify the signature with its
 * key, word the checks — is the core's own work the ratio counts.
 */
export async function rawDeviceRead(modulePath: string, pin: string): Promise<void> {
  const P = pkcs11js;
  // One binding object for every run, loaded and closed each time: the core reuses a
  // released module's binding (pkcs11-module.ts), so the reference does too — the
  // constructor's ~0.3 ms is not work the bare path has to pay and the core not. Only
  // one made by the class in force now, as the core's createBinding: while the bench
  // counts calls (test/support/pkcs11-calls.ts) the class is swapped, and a binding
  // kept from before would make no call it can see (the breakdown printed 0 calls).
  if (Object.getPrototypeOf(bareBinding ?? {}) !== pkcs11js.PKCS11.prototype) bareBinding = new pkcs11js.PKCS11();
  const lib = bareBinding!;
  lib.load(modulePath);
  lib.C_Initialize();
  try {
    lib.C_GetInfo();
    const slots = lib.C_GetSlotList(true);
    let slot: Buffer | undefined;
    for (const candidate of slots) {
      const info = lib.C_GetTokenInfo(candidate);
      if (info.flags & P.CKF_TOKEN_INITIALIZED) slot = candidate;
    }
    if (!slot) throw new Error('no initialized token');
    const session = lib.C_OpenSession(slot, CKF_SERIAL_SESSION);
    try {
      lib.C_GenerateRandom(session, Buffer.alloc(16));
      const find = (cls: number): Buffer[] => {
        lib.C_FindObjectsInit(session, [{ type: P.CKA_CLASS, value: cls }]);
        const found = lib.C_FindObjects(session, 32);
        lib.C_FindObjectsFinal(session);
        return found;
      };
      let holderId: Buffer | undefined;
      for (const object of find(P.CKO_CERTIFICATE)) {
        const [id] = lib.C_GetAttributeValue(session, object, [{ type: P.CKA_ID }, { type: P.CKA_LABEL }, { type: P.CKA_VALUE }]);
        holderId = id?.value as Buffer;
      }
      if (!holderId) throw new Error('no certificate');
      lib.C_Login(session, P.CKU_USER, pin);
      let key: Buffer | undefined;
      for (const object of find(P.CKO_PRIVATE_KEY)) {
        const [id] = lib.C_GetAttributeValue(session, object, [{ type: P.CKA_ID }, { type: P.CKA_LABEL }]);
        if ((id?.value as Buffer).equals(holderId)) key = object;
      }
      if (!key) throw new Error('no private key');
      lib.C_SignInit(session, { mechanism: P.CKM_SHA256_RSA_PKCS }, key);
      await lib.C_SignAsync(session, webcrypto.getRandomValues(Buffer.alloc(32)), Buffer.alloc(1024));
      lib.C_Logout(session);
    } finally {
      lib.C_CloseSession(session);
    }
  } finally {
    lib.C_Finalize();
    lib.close();
  }
}

