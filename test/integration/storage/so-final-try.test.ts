/**
 * A CA-managed token whose admin (SO) PIN is on its final try (wrong SO PINs tried
 * with another tool): STEP4 logs in as SO with the PIN the CA released. The wizard
 * stops and asks before that try is spent — and once the user confirms, the run goes
 * on with it, as it does for the user PIN (final-try.test.ts). On the native eToken
 * sim, which counts tries, against the reference CA over TLS.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { openModule, TokenError, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { provision } from '../../support/storage-scene.js';

let sim: EtokenSim;
let ca: TestCa;
let module: Pkcs11Module;
beforeAll(async () => {
  sim = createEtokenSim({ tokens: 1, maxRetries: 3 });
  ca = await startTestCa();
  await provision(ca, sim.modulePath, sim.tokens[0]!.simSerial, sim.tokens[0]!.soPin);
  module = await openModule(sim.modulePath);
});
afterAll(async () => {
  await module?.release();
  await ca?.stop();
  sim?.cleanup();
});

it('stops at STEP4 before spending the SO PIN\'s final try, then stores once the user confirms', async () => {
  const serial = sim.tokens[0]!.simSerial;
  const session = await module.openSession(serial, { readWrite: true });
  for (let i = 0; i < 2; i += 1) await expect(session.login('so', 'wrong-so-pin-00', { confirmFinalTry: true })).rejects.toMatchObject({ code: 'pinIncorrect' });
  await session.close();
  expect((await module.pinRetries(serial)).soLeft).toBe(1);

  const mail = await ca.addApplication({ tokenSerial: serial });
  const client = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
  const wizard = new StorageWizard({ module, ca: client });
  try {
    expect((await wizard.detectToken()).step).toBe(2);
    wizard.confirmUser();
    expect((await wizard.submitStoragePin(mail.storagePin)).step).toBe(4);

    const asked = await wizard.submitUserPin('Tarou123', 'Tarou123');
    expect(asked.step).toBe(4);
    expect(asked.error).toBeInstanceOf(TokenError);
    expect((asked.error as TokenError).code).toBe('pinFinalTry');
    // In the administrator PIN's words (the CA keeps it; the storage PIN is still valid), not the user PIN's "check Caps Lock".
    const words = toUserError(asked.error);
    expect(words.code).toBe('TD-STORE-SO-FINAL-TRY');
    expect(words.text.en).toContain('administrator (SO) PIN has one try left');
    expect(words.cause.ja).toContain('電子証明書格納用PINもそのまま使えます');
    expect((await module.pinRetries(serial)).soLeft).toBe(1);

    const done = await wizard.submitUserPin('Tarou123', 'Tarou123', undefined, { confirmFinalTry: true });
    expect(done.error, String(done.error)).toBeUndefined();
    expect(done.step).toBe(5);
    expect(await ca.status(mail.applicationNo)).toMatchObject({ state: 'stored' });
    // The right SO PIN restored its tries.
    expect((await module.pinRetries(serial)).soLeft).toBe(3);
  } finally {
    wizard.dispose();
    client.close();
  }
});
