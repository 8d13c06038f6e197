/**
 * One diagnosis run asks the token each thing once: the slots are listed once and
 * every check works from that listing and in one session; the certificates and keys
 * are listed once; the vendor's retry counter is only looked for on its vendor's
 * tokens. (Token removal mid-run is still seen: sim-verdicts.test.ts.)
 */
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDiagnosis } from '../../../src/core/diagnosis/index.js';
import { openModule } from '../../../src/core/pkcs11/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { putSeedLikeCertificate } from '../card/seed-like-certificate.js';

const DAY = 86_400_000;
let hsm: SoftHsm;

beforeAll(async () => {
  hsm = createSoftHsm({ tokens: 1 });
  const token = hsm.tokens[0]!;
  const module = await openModule(hsm.modulePath);
  try {
    await putSeedLikeCertificate(module, token.serial, token.userPin, { serialHex: '02ab', cn: '400156819 Souken Tarou', notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 400 * DAY) });
  } finally {
    await module.release();
  }
});
afterAll(() => hsm?.cleanup());

/** How many times each PKCS#11 function is called during `work` (pkcs11js sets them per instance). */
async function countCalls(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const calls: Record<string, number> = {};
  const exports = pkcs11js as unknown as { PKCS11: typeof pkcs11js.PKCS11 };
  const Original = exports.PKCS11;
  exports.PKCS11 = class extends Original {
    constructor() {
      super();
      const self = this as unknown as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(self)) {
        const original = self[name];
        if (!name.startsWith('C_') || typeof original !== 'function') continue;
        self[name] = (...args: unknown[]) => {
          calls[name] = (calls[name] ?? 0) + 1;
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        };
      }
    }
  };
  try {
    await work();
  } finally {
    exports.PKCS11 = Original;
  }
  return calls;
}

it('lists the slots once, opens one session and lists each kind of object once', async () => {
  const calls = await countCalls(async () => {
    const diagnosis = await runDiagnosis({ modulePath: hsm.modulePath, userPin: new Secret(hsm.tokens[0]!.userPin) });
    expect(diagnosis.checks.find((check) => check.id === 'keyPair')?.result).toBe('ok');
  });
  expect(calls.C_GetSlotList).toBe(1);
  expect(calls.C_OpenSession).toBe(1);
  // Certificates, private and public keys before login, the key that signs after it;
  // no look for the eToken's retry counter on a SoftHSM token.
  expect(calls.C_FindObjectsInit).toBe(4);
  // The slot's token read once in the listing, and again for its PIN state just before login.
  expect(calls.C_GetTokenInfo).toBe(3);
});
