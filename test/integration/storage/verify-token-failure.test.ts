/**
 * The token failing (an error code, on the native eToken sim) while STEP4 checks a
 * certificate: in the check after writing, the certificate is taken off again and the
 * retry gets it anew for the same key; in the check of a certificate a cut run wrote
 * but never reported, the failure stops the run — nothing else is tried (no new key
 * the CA would refuse) — and the next run reports it.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { TokenError } from '../../../src/core/pkcs11/index.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { createStorageScene, type StorageScene } from '../../support/storage-scene.js';
import { inventory, pairIds, prepareStore, runEndingAfter } from '../../support/store-run.js';

const USER_PIN = 'Tarou123';
let sim: EtokenSim;
let scene: StorageScene;
beforeEach(async () => {
  sim = createEtokenSim({ tokens: 1 });
  const token = sim.tokens[0]!;
  scene = await createStorageScene({ modulePath: sim.modulePath, tokenSerial: token.simSerial, soPin: token.soPin });
});
afterEach(async () => {
  await scene?.close();
  sim?.cleanup();
});

it('the token failing at the check’s signature after the write: the certificate taken off, the key kept, the retry stores the same one', async () => {
  // The CSR's signature passes; the next one, the check's challenge, fails.
  sim.control(['fail', 'C_Sign', 'CKR_DEVICE_ERROR', '--after', '1', '--once', '--serial', scene.tokenSerial]);
  const store = await prepareStore(scene, scene.application, USER_PIN);
  const error = await store.run().then(() => expect.unreachable('stored'), (e: unknown) => e);
  expect(error).toBeInstanceOf(TokenError);
  expect(toUserError(error).code).not.toBe('19999');
  expect(store.events.slice(-2)).toEqual(['verification:start', 'verification:failed']);
  const left = await inventory(scene.module, scene.tokenSerial, USER_PIN);
  expect(left.certificates).toEqual([]);
  expect(left.keys).toHaveLength(2);
  const issued = (await scene.ca.status(scene.application.applicationNo)).certificate!.serial;

  const retry = await (await prepareStore(scene, scene.application, USER_PIN)).run();
  expect(retry).toMatchObject({ resumed: true, keyId: pairIds(left)[0] });
  expect(retry.certificateSerialHex).toBe(issued.toUpperCase());
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'stored' });
});

it('the token failing while a written, unreported certificate is checked: the run stops there, then the next one reports it', async () => {
  await runEndingAfter(scene, scene.application, USER_PIN, 'oldObjectsRemoved:end');
  const written = await inventory(scene.module, scene.tokenSerial, USER_PIN);

  sim.control(['fail', 'C_Sign', 'CKR_DEVICE_ERROR', '--once', '--serial', scene.tokenSerial]);
  const failing = await prepareStore(scene, scene.application, USER_PIN);
  const error = await failing.run().then(() => expect.unreachable('stored'), (e: unknown) => e);
  expect(error).toBeInstanceOf(TokenError);
  // Not taken for "not this issuance's pair": no new key, no request the CA would refuse.
  expect(failing.events).toEqual(['userPin:start', 'userPin:end', 'caCertificates:start', 'caCertificates:end']);
  expect(await inventory(scene.module, scene.tokenSerial, USER_PIN)).toEqual(written);
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'issued' });

  const retry = await (await prepareStore(scene, scene.application, USER_PIN)).run();
  expect(retry).toMatchObject({ resumed: true, keyId: written.certificates[0]!.id });
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'stored' });
});
