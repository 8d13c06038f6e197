/**
 * EST-only: a run that wrote and verified its certificate, then ended before the
 * user-PIN change (the flow's last part). A plain EST server answers nothing about an
 * application and refuses a second key for it, so the retry must take up the pair on
 * the token — known as this issuance's by the mark the run left on its key
 * (issuance-mark.ts) — never making a second key nor asking the CA again. An old pair
 * under the same label (the revoked one of a reissue) or a mark of another issuance
 * is not taken up. SoftHSM2 (the eToken sim where the token must fail), the
 * reference CA in EST-only mode over TLS.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { CaError } from '../../../src/core/messages/errors.js';
import { openModule, TokenError, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { storeCertificate, type StoreRequest, type StoreResult } from '../../../src/core/storage/index.js';
import { targetFromEstProfile } from '../../../src/core/storage/issuance-profile.js';
import type { StoragePinNotice } from '../../../src/server/operator.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { faultyToken } from '../../support/faulty-token.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { fastClock, inventory, pairIds, unclosedSteps } from '../../support/store-run.js';

const SUBJECT = 'CN=Souken Tarou,O=Souken Kensetsu,C=JP';
/** The mark's CKA_APPLICATION, as other token software lists it (written out: the name is part of the promise). */
const MARK_NAME = 'TokenDesk issuance in progress';
const FIRST_PIN = 'Old1234';
const NEW_PIN = 'New5678';
let hsm: SoftHsm;
/** Set by a test that needs a token failing loudly: its token is the scene's then. */
let sim: EtokenSim | undefined;
let ca: TestCa;
let module: Pkcs11Module;
let client: CaClient;
/** The CSRs sent to simpleenroll (the real client's call, counted). */
let enrollments: number;
beforeEach(async () => {
  hsm = createSoftHsm({ tokens: 1, userPin: FIRST_PIN });
  ca = await startTestCa({ estOnly: true });
  module = await openModule(hsm.modulePath);
  client = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
  enrollments = 0;
  const enroll = client.simpleEnroll.bind(client);
  client.simpleEnroll = (...args) => {
    enrollments += 1;
    return enroll(...args);
  };
});
afterEach(async () => {
  client?.close();
  await module?.release();
  await ca?.stop();
  hsm?.cleanup();
  sim?.cleanup();
  sim = undefined;
});

const serial = () => (sim ? sim.tokens[0]!.simSerial : hsm.tokens[0]!.serial);

/** STEP4 of the EST-only profile for `notice`, its `progress:phase` events kept; `endAfter` stops it there. */
function estOnlyStore(notice: StoragePinNotice, currentPin: string, newPin: string, options: { endAfter?: string; module?: Pkcs11Module } = {}) {
  const events: string[] = [];
  const abort = new AbortController();
  const request: StoreRequest = {
    module: options.module ?? module,
    tokenSerial: serial(),
    ca: client,
    target: targetFromEstProfile({ kind: 'estOnly', estUser: notice.applicationNo, subject: SUBJECT }),
    storagePin: new Secret(notice.storagePin),
    newUserPin: new Secret(newPin),
    currentUserPin: new Secret(currentPin),
    clock: fastClock(),
    progress: (progress, phase) => {
      events.push(`${progress}:${phase}`);
      if (`${progress}:${phase}` === options.endAfter) abort.abort();
    },
    signal: abort.signal,
  };
  return { events, run: (): Promise<StoreResult> => storeCertificate(request) };
}

/** A run that ends right after `event`, as when the app is closed then. */
async function endingAfter(notice: StoragePinNotice, currentPin: string, event: string): Promise<void> {
  const error = await estOnlyStore(notice, currentPin, NEW_PIN, { endAfter: event }).run().then(() => new Error(`went on after ${event}`), (e: unknown) => e);
  expect((error as Error).name).toBe('AbortError');
}

/** The issuance marks on the token, read without a PIN (public objects). */
async function marks(): Promise<Buffer[]> {
  const session = await module.openSession(serial());
  try {
    return await session.readDataObjects(MARK_NAME);
  } finally {
    await session.close();
  }
}

const TAKEN_UP = [
  'caCertificates:start', 'caCertificates:end',
  'verification:start', 'verification:end',
  'userPin:start', 'userPin:end',
  'oldObjectsRemoved:start', 'oldObjectsRemoved:end',
];

it('written and verified, ended before the user-PIN change: the retry takes the pair up — no second key, no second request — and changes the PIN', async () => {
  const notice = await ca.addApplication({ tokenSerial: serial() });
  await endingAfter(notice, FIRST_PIN, 'verification:end');
  expect(enrollments).toBe(1);
  const written = await inventory(module, serial(), FIRST_PIN); // the PIN not changed yet
  expect(written.certificates).toHaveLength(1);

  const retry = estOnlyStore(notice, FIRST_PIN, NEW_PIN);
  const result = await retry.run();
  expect(retry.events).toEqual(TAKEN_UP);
  expect(enrollments).toBe(1);
  expect(result).toMatchObject({ resumed: true, keyId: written.certificates[0]!.id, label: 'Souken Tarou', removedOldObjects: 0 });
  expect(result.certificateSerialHex.toLowerCase()).toBe(written.certificates[0]!.serial);
  expect((await ca.status(notice.applicationNo)).certificate?.serial.toLowerCase()).toBe(written.certificates[0]!.serial);
  // The new PIN is set, the pair is the same one, and no mark is left for a later run.
  expect(await inventory(module, serial(), NEW_PIN)).toEqual(written);
  expect(await marks()).toEqual([]);
});

it('reissue: the run ended with the new pair verified beside the revoked one under the same label — the retry takes up the new one, the revoked pair goes', async () => {
  const first = await ca.addApplication({ tokenSerial: serial() });
  const stored = await estOnlyStore(first, FIRST_PIN, 'Tarou123').run();
  expect(await marks()).toEqual([]);
  await ca.revoke(stored.certificateSerialHex);
  const reissue = await ca.addApplication({ kind: 'reissue', tokenSerial: serial() });
  await endingAfter(reissue, 'Tarou123', 'verification:end');
  const issued = (await ca.status(reissue.applicationNo)).certificate!.serial;
  expect(pairIds(await inventory(module, serial(), 'Tarou123'))).toHaveLength(2);

  const retry = estOnlyStore(reissue, 'Tarou123', NEW_PIN);
  const result = await retry.run();
  expect(retry.events).toEqual(TAKEN_UP);
  expect(enrollments).toBe(2); // the first issuance's and the reissue's, once each
  expect(result).toMatchObject({ resumed: true, removedOldObjects: 1 });
  expect(result.keyId).not.toBe(stored.keyId);
  expect(result.certificateSerialHex).toBe(issued.toUpperCase());
  const after = await inventory(module, serial(), NEW_PIN);
  expect(pairIds(after)).toEqual([result.keyId]);
  expect(after.certificates.map((c) => c.serial)).toEqual([issued.toLowerCase()]);
});

it('the taken-up certificate fails its check: taken off, the marked key offered again, the CA answers the same certificate, stored', async () => {
  const notice = await ca.addApplication({ tokenSerial: serial() });
  await endingAfter(notice, FIRST_PIN, 'verification:end');
  const written = await inventory(module, serial(), FIRST_PIN);

  // The check's signature comes back wrong once (a token failing silently: stand-in at the edge).
  let spoilt = false;
  const once = faultyToken(module, { sign: (_data, signature) => (spoilt ? signature : ((spoilt = true), Buffer.alloc(signature.length))) });
  const retry = estOnlyStore(notice, FIRST_PIN, NEW_PIN, { module: once });
  const result = await retry.run();
  expect(retry.events.slice(0, 6)).toEqual(['caCertificates:start', 'caCertificates:end', 'verification:start', 'verification:failed', 'keyReused:start', 'keyReused:end']);
  expect(retry.events).toContain('certificateWrite:end');
  expect(retry.events).not.toContain('keyGeneration:start');
  expect(unclosedSteps(retry.events)).toEqual([]);
  expect(enrollments).toBe(2); // the same key, answered the same certificate
  expect(result).toMatchObject({ resumed: true, keyId: written.certificates[0]!.id });
  expect(await inventory(module, serial(), NEW_PIN)).toEqual(written);
  expect(await marks()).toEqual([]);
});

it('the token failing while the taken-up certificate is checked: the run stops there, the pair and the PIN as they were, and the next run takes it up', async () => {
  await module.release();
  sim = createEtokenSim({ tokens: 1, userPin: FIRST_PIN });
  module = await openModule(sim.modulePath);
  const notice = await ca.addApplication({ tokenSerial: serial() });
  await endingAfter(notice, FIRST_PIN, 'verification:end');
  const written = await inventory(module, serial(), FIRST_PIN);

  sim.control(['fail', 'C_Sign', 'CKR_DEVICE_ERROR', '--once', '--serial', serial()]);
  const failing = estOnlyStore(notice, FIRST_PIN, NEW_PIN);
  await expect(failing.run()).rejects.toBeInstanceOf(TokenError);
  // Not taken for a certificate that failed its check: nothing removed, no key made, the CA not asked.
  expect(failing.events).toEqual(['caCertificates:start', 'caCertificates:end', 'verification:start', 'verification:failed']);
  expect(await inventory(module, serial(), FIRST_PIN)).toEqual(written);

  const retry = estOnlyStore(notice, FIRST_PIN, NEW_PIN);
  const result = await retry.run();
  expect(retry.events).toEqual(TAKEN_UP);
  expect(enrollments).toBe(1);
  expect(result).toMatchObject({ resumed: true, keyId: written.certificates[0]!.id });
  expect(await inventory(module, serial(), NEW_PIN)).toEqual(written);
});

it('a key a cut run left without its mark (an older TokenDesk) is marked when offered to the CA again: a later cut run is taken up as well', async () => {
  const notice = await ca.addApplication({ tokenSerial: serial() });
  await endingAfter(notice, FIRST_PIN, 'enrollment:end');
  expect(await marks()).toHaveLength(1); // the key the CA was asked for, marked under its listed name
  const session = await module.openSession(serial(), { readWrite: true });
  try {
    await session.login('user', FIRST_PIN);
    await session.deleteDataObjects(MARK_NAME);
  } finally {
    await session.logout();
    await session.close();
  }
  expect(await marks()).toEqual([]);

  const second = estOnlyStore(notice, FIRST_PIN, NEW_PIN, { endAfter: 'verification:end' });
  await expect(second.run()).rejects.toMatchObject({ name: 'AbortError' });
  expect(second.events).toContain('keyReused:end');
  const written = await inventory(module, serial(), FIRST_PIN);

  const retry = estOnlyStore(notice, FIRST_PIN, NEW_PIN);
  const result = await retry.run();
  expect(retry.events).toEqual(TAKEN_UP);
  expect(enrollments).toBe(2); // the cut run's and the reused key's: the same certificate
  expect(result).toMatchObject({ resumed: true, keyId: written.certificates[0]!.id });
  expect(await inventory(module, serial(), NEW_PIN)).toEqual(written);
});

it('the mark of another issuance is not taken up: this one makes its own key', async () => {
  const other = await ca.addApplication({ tokenSerial: serial() });
  await endingAfter(other, FIRST_PIN, 'verification:end');
  const left = await inventory(module, serial(), FIRST_PIN);

  const notice = await ca.addApplication({ tokenSerial: serial() });
  const store = estOnlyStore(notice, FIRST_PIN, NEW_PIN);
  const result = await store.run();
  expect(store.events).toContain('keyGeneration:end');
  expect(store.events).not.toContain('verification:failed');
  expect(result.resumed).toBe(false);
  expect(result.keyId).not.toBe(left.certificates[0]!.id);
  expect((await ca.status(notice.applicationNo)).certificate?.serial.toUpperCase()).toBe(result.certificateSerialHex);
  expect(await marks()).toEqual([]);
});

it('a refused EST password leaves the token as it was: no key, no mark', async () => {
  const notice = await ca.addApplication({ tokenSerial: serial() });
  const wrong = { ...notice, storagePin: notice.storagePin === '1111111111' ? '2222222222' : '1111111111' };
  const store = estOnlyStore(wrong, FIRST_PIN, NEW_PIN);
  await expect(store.run()).rejects.toBeInstanceOf(CaError);
  expect(store.events).toContain('keyGeneration:end');
  expect(await inventory(module, serial(), FIRST_PIN)).toEqual({ keys: [], certificates: [] });
  expect(await marks()).toEqual([]);
});
