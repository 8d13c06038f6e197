/**
 * "No locked PIN the user did not choose to risk": in the EST-only profile the
 * current user PIN is needed; on its final try the wizard stops at STEP4 and asks,
 * spending nothing, and goes on only when the user confirms.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { openModule, TokenError, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';

let sim: EtokenSim;
let ca: TestCa;
let module: Pkcs11Module;
beforeAll(async () => {
  sim = createEtokenSim({ tokens: 1, maxRetries: 3, userPin: 'Old1234' });
  ca = await startTestCa({ estOnly: true });
  module = await openModule(sim.modulePath);
});
afterAll(async () => {
  await module?.release();
  await ca?.stop();
  sim?.cleanup();
});

it('stops at STEP4 on the final try, spends nothing, and continues once confirmed', async () => {
  const serial = sim.tokens[0]!.simSerial;
  const session = await module.openSession(serial);
  for (let i = 0; i < 2; i += 1) await expect(session.login('user', 'wrong00')).rejects.toMatchObject({ code: 'pinIncorrect' });
  await session.close();
  expect((await module.findToken(serial)).pinState).toBe('finalTry');

  const mail = await ca.addApplication({ tokenSerial: serial });
  const client = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
  const wizard = new StorageWizard({
    module,
    ca: client,
    profile: { kind: 'estOnly', estUser: mail.applicationNo, subject: 'CN=Souken Tarou,O=Souken,C=JP' },
  });
  try {
    await wizard.detectToken();
    wizard.confirmUser();
    await wizard.submitStoragePin(mail.storagePin);
    const asked = await wizard.submitUserPin('New5678', 'New5678', 'Old1234');
    expect(asked.step).toBe(4);
    expect(asked.error).toBeInstanceOf(TokenError);
    expect((asked.error as TokenError).code).toBe('pinFinalTry');
    expect((await module.pinRetries(serial)).userLeft).toBe(1);

    const done = await wizard.submitUserPin('New5678', 'New5678', 'Old1234', { confirmFinalTry: true });
    expect(done.error, String(done.error)).toBeUndefined();
    expect(done.step).toBe(5);
    expect((await module.findToken(serial)).pinState).toBe('ok');
  } finally {
    wizard.dispose();
    client.close();
  }
});
