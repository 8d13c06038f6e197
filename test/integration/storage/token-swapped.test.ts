/**
 * The token swapped for another between STEP3 and STEP4 (the user pulled theirs and
 * plugged in a colleague's): STEP4 works only on the token STEP1 found, by serial, and
 * says which one to plug back in — its serial in the words, as the catalogue's
 * TD-TOKEN-NOT-FOUND promises — while the other token is left untouched. On the native
 * eToken sim (tokens removed and inserted), against the reference CA over TLS.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { openModule, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { provision } from '../../support/storage-scene.js';

let sim: EtokenSim;
let ca: TestCa;
let module: Pkcs11Module;
let client: CaClient;
beforeAll(async () => {
  sim = createEtokenSim({ tokens: 2 });
  ca = await startTestCa();
  await provision(ca, sim.modulePath, sim.tokens[0]!.simSerial, sim.tokens[0]!.soPin);
  module = await openModule(sim.modulePath);
  client = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
});
afterAll(async () => {
  client?.close();
  await module?.release();
  await ca?.stop();
  sim?.cleanup();
});

async function keysOn(serial: string): Promise<number> {
  const session = await module.openSession(serial);
  try {
    return (await session.listKeys()).length;
  } finally {
    await session.close();
  }
}

it('STEP4 on a swapped token: TD-TOKEN-NOT-FOUND naming the token STEP1 found, the other token untouched; plugged back, it stores', async () => {
  const [mine, other] = [sim.tokens[0]!.simSerial, sim.tokens[1]!.simSerial];
  const mail = await ca.addApplication({ tokenSerial: mine });
  sim.control(['remove', '--serial', other]);
  const wizard = new StorageWizard({ module, ca: client });
  try {
    expect((await wizard.detectToken()).token?.serial).toBe(mine);
    wizard.confirmUser();
    expect((await wizard.submitStoragePin(mail.storagePin)).step).toBe(4);

    sim.control(['remove', '--serial', mine]);
    sim.control(['insert', '--serial', other]);
    const swapped = await wizard.submitUserPin('Tarou123', 'Tarou123');
    expect(swapped.step).toBe(1);
    const words = toUserError(swapped.error);
    expect(words.code).toBe('TD-TOKEN-NOT-FOUND');
    expect(words.text.en).toBe(`The USB token with serial number ${mine} is not connected.`);
    expect(words.text.ja).toBe(`対象のUSBトークン（シリアルナンバー ${mine}）が見つかりません。`);
    expect(await keysOn(other)).toBe(0);

    sim.control(['remove', '--serial', other]);
    sim.control(['insert', '--serial', mine]);
    expect((await wizard.detectToken()).step).toBe(2);
    wizard.confirmUser();
    expect((await wizard.submitStoragePin(mail.storagePin)).step).toBe(4);
    const done = await wizard.submitUserPin('Tarou123', 'Tarou123');
    expect(done.error, String(done.error)).toBeUndefined();
    expect(done.step).toBe(5);
  } finally {
    wizard.dispose();
  }
});
