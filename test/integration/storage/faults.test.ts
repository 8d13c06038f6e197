/**
 * Flow A when things go wrong, on the native eToken sim (tokens that can be pulled
 * out and break) behind a proxy that can take the CA away. Every case ends either
 * in success on the retry or in a clean token with a catalogue error — and the
 * objects on the token are counted: no orphan key, the issued certificate never lost.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { CaError, NetworkError } from '../../../src/core/messages/errors.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { openModule, TokenError, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { StorageWizard, type StorageProgress, type WizardState } from '../../../src/core/storage/index.js';
import type { StoragePinNotice } from '../../../src/server/operator.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { provision } from '../../support/storage-scene.js';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';

const USER_PIN = 'Tarou123';

let sim: EtokenSim;
let ca: TestCa;
let proxy: TcpProxy;
let module: Pkcs11Module;
let client: CaClient;
let mail: StoragePinNotice;
let serial: string;

beforeEach(async () => {
  sim = createEtokenSim({ tokens: 1 });
  serial = sim.tokens[0]!.simSerial;
  ca = await startTestCa();
  proxy = await startTcpProxy({ host: '127.0.0.1', port: ca.port });
  await provision(ca, sim.modulePath, serial, sim.tokens[0]!.soPin);
  mail = await ca.addApplication({ tokenSerial: serial });
  module = await openModule(sim.modulePath);
  client = new CaClient({ url: proxy.url, trust: { caPem: ca.caCertificatePem }, timeoutMs: 10_000 });
});

afterEach(async () => {
  client?.close();
  await module?.release();
  await proxy?.close();
  await ca?.stop();
  sim?.cleanup();
});

/** One whole attempt at Flow A; `when` runs a fault at the start or end of a STEP4 sub-step. */
async function attempt(
  when?: { progress: StorageProgress; phase: 'start' | 'end'; fault: () => void },
): Promise<WizardState> {
  const wizard = new StorageWizard({ module, ca: client });
  let fired = false;
  wizard.on('progress', (event) => {
    if (when && !fired && event.progress === when.progress && event.phase === when.phase) {
      fired = true;
      when.fault();
    }
  });
  try {
    let state = await wizard.detectToken();
    if (state.error) return state;
    wizard.confirmUser();
    state = await wizard.submitStoragePin(mail.storagePin);
    if (state.error) return state;
    return await wizard.submitUserPin(USER_PIN, USER_PIN);
  } finally {
    wizard.dispose();
  }
}

/** What is on the token, read by a separate session after the attempt. */
async function objectsOnToken(): Promise<{ privateKeys: number; publicKeys: number; certificates: number }> {
  const session = await module.openSession(serial);
  try {
    await session.login('user', USER_PIN);
    const keys = await session.listKeys();
    const certificates = await session.listCertificates();
    await session.logout();
    return {
      privateKeys: keys.filter((k) => k.kind === 'private').length,
      publicKeys: keys.filter((k) => k.kind === 'public').length,
      certificates: certificates.length,
    };
  } finally {
    await session.close();
  }
}

const ONE_PAIR = { privateKeys: 1, publicKeys: 1, certificates: 1 };
const EMPTY = { privateKeys: 0, publicKeys: 0, certificates: 0 };

async function expectStoredOnRetry(options: { resumed: boolean; sameCertificateAs?: string }): Promise<void> {
  const retry = await attempt();
  expect(retry.error, String(retry.error)).toBeUndefined();
  expect(retry.step).toBe(5);
  expect(retry.result?.resumed).toBe(options.resumed);
  if (options.sameCertificateAs) expect(retry.result?.certificateSerialHex).toBe(options.sameCertificateAs);
  expect(await objectsOnToken()).toEqual(ONE_PAIR);
  expect(await ca.status(mail.applicationNo)).toMatchObject({ state: 'stored' });
}

async function issuedSerial(): Promise<string | undefined> {
  const status = await ca.status(mail.applicationNo);
  return status.certificate?.serial;
}

describe('the token pulled out', () => {
  it('during key generation: back to STEP1 with tokenRemoved, then stored on the retry', async () => {
    const failed = await attempt({
      progress: 'keyGeneration',
      phase: 'start',
      fault: () => sim.control(['fail', 'C_GenerateKeyPair', 'CKR_DEVICE_REMOVED', '--once']),
    });
    expect(failed.step).toBe(1);
    expect(failed.error).toBeInstanceOf(TokenError);
    expect((failed.error as TokenError).code).toBe('tokenRemoved');
    expect(toUserError(failed.error).code).not.toBe('19999');
    expect(await issuedSerial()).toBeUndefined();
    expect(await objectsOnToken()).toEqual(EMPTY);
    await expectStoredOnRetry({ resumed: false });
  });

  it('during the certificate write: the key stays, the retry writes the same certificate', async () => {
    const failed = await attempt({
      progress: 'certificateWrite',
      phase: 'start',
      fault: () => sim.control(['remove', '--serial', serial]),
    });
    expect(failed.step).toBe(1);
    expect(['tokenRemoved', 'tokenAbsent', 'sessionClosed']).toContain((failed.error as TokenError).code);
    const issued = await issuedSerial();
    expect(issued).toBeDefined();
    sim.control(['insert', '--serial', serial]);
    expect(await objectsOnToken()).toEqual({ privateKeys: 1, publicKeys: 1, certificates: 0 });
    await expectStoredOnRetry({ resumed: true, sameCertificateAs: issued! });
  });

  it('right after the CA issued: the retry finds the key and completes', async () => {
    const failed = await attempt({
      progress: 'enrollment',
      phase: 'end',
      fault: () => sim.control(['remove', '--serial', serial]),
    });
    expect(failed.step).toBe(1);
    expect(failed.error).toBeInstanceOf(TokenError);
    const issued = await issuedSerial();
    expect(issued).toBeDefined();
    sim.control(['insert', '--serial', serial]);
    await expectStoredOnRetry({ resumed: true, sameCertificateAs: issued! });
  });
});

describe('the token failing', () => {
  it('with its memory full at the write: a catalogue error, then stored on the retry', async () => {
    const failed = await attempt({
      progress: 'certificateWrite',
      phase: 'start',
      fault: () => sim.control(['fail', 'C_CreateObject', 'CKR_DEVICE_MEMORY', '--once']),
    });
    expect((failed.error as TokenError).code).toBe('deviceMemoryFull');
    expect(toUserError(failed.error).code).not.toBe('19999');
    const issued = await issuedSerial();
    expect(await objectsOnToken()).toEqual({ privateKeys: 1, publicKeys: 1, certificates: 0 });
    await expectStoredOnRetry({ resumed: true, sameCertificateAs: issued! });
  });
});

describe('the CA out of reach', () => {
  it('before anything is made: nothing on the token, then stored on the retry', async () => {
    const failed = await attempt({ progress: 'userPin', phase: 'end', fault: () => (proxy.mode = 'refuse') });
    expect(failed.error).toBeInstanceOf(NetworkError);
    expect((failed.error as NetworkError).code).toBe('refused');
    expect(await objectsOnToken()).toEqual(EMPTY);
    proxy.mode = 'pass';
    await expectStoredOnRetry({ resumed: false });
  });

  it('at enrollment, after the key was made: the key is removed again (the CA issued nothing)', async () => {
    const failed = await attempt({ progress: 'enrollment', phase: 'start', fault: () => (proxy.mode = 'refuse') });
    expect((failed.error as NetworkError).code).toBe('refused');
    expect(await issuedSerial()).toBeUndefined();
    expect(await objectsOnToken()).toEqual(EMPTY);
    proxy.mode = 'pass';
    await expectStoredOnRetry({ resumed: false });
  });

  it('after the CA issued (the answer lost): the key stays and the retry gets the same certificate', async () => {
    const failed = await attempt({ progress: 'enrollment', phase: 'start', fault: () => (proxy.mode = 'loseAnswers') });
    expect(failed.error).toBeInstanceOf(NetworkError);
    expect(proxy.lostAnswers).toBeGreaterThan(0);
    const issued = await issuedSerial();
    expect(issued).toBeDefined();
    expect(await objectsOnToken()).toEqual({ privateKeys: 1, publicKeys: 1, certificates: 0 });
    proxy.mode = 'pass';
    await expectStoredOnRetry({ resumed: true, sameCertificateAs: issued! });
  });

  it('when telling the CA the certificate is stored: the retry only reports it', async () => {
    const failed = await attempt({ progress: 'reportStored', phase: 'start', fault: () => (proxy.mode = 'refuse') });
    expect((failed.error as NetworkError).code).toBe('refused');
    expect(await objectsOnToken()).toEqual(ONE_PAIR);
    expect(await ca.status(mail.applicationNo)).toMatchObject({ state: 'issued' });
    const issued = await issuedSerial();
    proxy.mode = 'pass';
    await expectStoredOnRetry({ resumed: true, sameCertificateAs: issued! });
  });
});

describe('STEP1 and STEP3 refusals on the sim', () => {
  it('a wrong storage PIN: stays at STEP3 with the attempts left, nothing on the token', async () => {
    const wizard = new StorageWizard({ module, ca: client });
    await wizard.detectToken();
    wizard.confirmUser();
    // A PIN of the wrong form is refused before the CA is asked: no attempt is spent on it.
    const malformed = await wizard.submitStoragePin('12345');
    expect(malformed).toMatchObject({ step: 3, status: 'input', error: { code: 'TD-STORAGE-PIN-LENGTH', params: { length: 5 } } });
    const state = await wizard.submitStoragePin(mail.storagePin === '9999999999' ? '8888888888' : '9999999999');
    expect(state.step).toBe(3);
    expect(state.error).toBeInstanceOf(CaError);
    expect(state.attemptsLeft).toBe(4);
    wizard.dispose();
    await expect(objectsOnToken()).rejects.toMatchObject({ code: 'pinIncorrect' }); // the user PIN was never set
  });

  it('no token plugged in: tokenAbsent at STEP1', async () => {
    sim.control(['remove', '--serial', serial]);
    const state = await attempt();
    expect(state.step).toBe(1);
    expect((state.error as TokenError).code).toBe('tokenAbsent');
  });
});
