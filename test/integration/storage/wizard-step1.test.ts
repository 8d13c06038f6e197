/**
 * STEP1 of the storage wizard on the native eToken sim, against the real CA: which
 * tokens it refuses before any PIN is asked (several plugged in, an old 1024-bit-only
 * one, the certificate already stored) and which it lets on to STEP2's application number (nothing pending
 * and no certificate; no possession tag; a token it cannot look into; a stored one whose user
 * says they have an application number). Every PKCS#11
 * call of the process is watched: STEP1 logs in to nothing and leaves no session open.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { openModule, TokenError, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { StorageError, StorageWizard, type WizardState } from '../../../src/core/storage/index.js';
import type { StoragePinNotice } from '../../../src/server/operator.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { watchPkcs11Calls } from '../../support/pkcs11-calls.js';
import { provision } from '../../support/storage-scene.js';

const USER_PIN = 'Tarou123';

let sim: EtokenSim;
let ca: TestCa;
let module: Pkcs11Module;
let client: CaClient;
/** Every PKCS#11 function the process called since the last reset. */
let calls: string[] = [];

async function openWatched(): Promise<void> {
  module = await watchPkcs11Calls(
    (name, call) => {
      calls.push(name);
      return call();
    },
    () => openModule(sim.modulePath),
  );
  client = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
}

afterEach(async () => {
  client?.close();
  await module?.release();
  await ca?.stop();
  sim?.cleanup();
  calls = [];
});

/** STEP1 alone on a fresh wizard, with the calls it made. */
async function step1(): Promise<{ state: WizardState; wizard: StorageWizard; made: string[] }> {
  const wizard = new StorageWizard({ module, ca: client });
  calls = [];
  const state = await wizard.detectToken();
  return { state, wizard, made: [...calls] };
}

function expectNoLoginAndNoOpenSession(made: string[]): void {
  expect(made.filter((name) => name === 'C_Login' || name === 'C_SetPIN' || name === 'C_InitPIN')).toEqual([]);
  const opened = made.filter((name) => name === 'C_OpenSession').length;
  expect(opened).toBeGreaterThan(0);
  expect(made.filter((name) => name === 'C_CloseSession').length).toBe(opened);
}

/** A token refused at STEP1 as the user sees it: STEP1 again, the catalogue entry in both languages, no session opened. */
function expectTokenRefusal(state: WizardState, made: string[], code: TokenError['code'], catalogueCode: string): void {
  expect(state).toMatchObject({ step: 1, status: 'input' });
  expect(state.error).toBeInstanceOf(TokenError);
  expect((state.error as TokenError).code).toBe(code);
  const words = toUserError(state.error);
  expect(words.code).toBe(catalogueCode);
  expect(words.text.ja.length).toBeGreaterThan(0);
  expect(words.text.en.length).toBeGreaterThan(0);
  expect(made.filter((name) => name === 'C_Login' || name === 'C_OpenSession')).toEqual([]);
}

describe('one CA-provisioned token', () => {
  let serial: string;
  beforeEach(async () => {
    sim = createEtokenSim({ tokens: 1 });
    serial = sim.tokens[0]!.simSerial;
    ca = await startTestCa();
    await provision(ca, sim.modulePath, serial, sim.tokens[0]!.soPin);
    await openWatched();
  });

  /** Flow A straight through: the token then holds its certificate and the CA has nothing pending. */
  async function store(mail: StoragePinNotice): Promise<void> {
    const wizard = new StorageWizard({ module, ca: client });
    try {
      await wizard.detectToken();
      wizard.confirmUser();
      await wizard.submitStoragePin(mail.storagePin);
      const done = await wizard.submitUserPin(USER_PIN, USER_PIN);
      expect(done.error, String(done.error)).toBeUndefined();
      expect(done.step).toBe(5);
    } finally {
      wizard.dispose();
    }
    expect(await ca.status(mail.applicationNo)).toMatchObject({ state: 'stored' });
  }

  it('run again after the store: refused at STEP1 as already stored, naming the token, with no PIN asked and no session left open', async () => {
    await store(await ca.addApplication({ tokenSerial: serial }));
    const { state, wizard, made } = await step1();
    try {
      expect(state).toMatchObject({ step: 1, status: 'input' });
      expect(state.error).toBeInstanceOf(StorageError);
      expect(state.error).toMatchObject({ code: 'TD-CERT-ALREADY-STORED', params: { tokenSerial: serial } });
      const words = toUserError(state.error);
      expect(words.code).toBe('TD-CERT-ALREADY-STORED');
      expect(words.text.ja).toContain(serial);
      expect(words.text.en).toContain(serial);
      expect(words.remedy.ja).toContain('デバイス情報確認');
      expectNoLoginAndNoOpenSession(made);
    } finally {
      wizard.dispose();
    }
  });

  it('already stored, and the user says they have an application number (a renewal or reissue naming no token): STEP2 asks for it, no PIN asked, no session left open', async () => {
    await store(await ca.addApplication({ tokenSerial: serial }));
    await ca.addApplication({ kind: 'renewal' });
    const wizard = new StorageWizard({ module, ca: client });
    try {
      calls = [];
      const state = await wizard.detectToken({ withApplicationNo: true });
      expect(state.error, String(state.error)).toBeUndefined();
      expect(state).toMatchObject({ step: 2, status: 'input', applicationNoNeeded: true, token: { serial } });
      expect(state.target).toBeUndefined();
      expectNoLoginAndNoOpenSession([...calls]);
    } finally {
      wizard.dispose();
    }
  });

  it('nothing pending and no certificate on it (the application does not name the token): STEP2 asks for the application number', async () => {
    await ca.addApplication(); // for no token in particular: the lookup by the token's tag finds nothing
    const { state, wizard, made } = await step1();
    try {
      expect(state.error, String(state.error)).toBeUndefined();
      expect(state).toMatchObject({ step: 2, status: 'input', applicationNoNeeded: true, token: { serial } });
      expectNoLoginAndNoOpenSession(made);
    } finally {
      wizard.dispose();
    }
  });

  it('holding its certificate but not to be looked into (the session for the look fails): not refused, STEP2 asks for the number', async () => {
    await store(await ca.addApplication({ tokenSerial: serial }));
    // STEP1 opens one session to read the possession tag, then one to look for certificates: the second fails.
    sim.control(['fail', 'C_OpenSession', 'CKR_DEVICE_ERROR', '--after', '1', '--once', '--serial', serial]);
    const { state, wizard } = await step1();
    try {
      expect(state.error, String(state.error)).toBeUndefined();
      expect(state).toMatchObject({ step: 2, applicationNoNeeded: true });
    } finally {
      wizard.dispose();
    }
  });
});

describe('a token the CA did not provision (no possession tag)', () => {
  beforeEach(async () => {
    sim = createEtokenSim({ tokens: 1 });
    ca = await startTestCa();
    await openWatched();
  });

  it('holding a certificate from before (a renewal): not refused as stored, STEP2 asks for the application number', async () => {
    const serial = sim.tokens[0]!.simSerial;
    const mail = await ca.addApplication({ tokenSerial: serial });
    // The first certificate, stored through the application number (no tag: the CA cannot name it).
    const first = new StorageWizard({ module, ca: client });
    try {
      await first.detectToken();
      first.confirmUser(mail.applicationNo);
      await first.submitStoragePin(mail.storagePin);
      const done = await first.submitUserPin(USER_PIN, USER_PIN, sim.tokens[0]!.userPin);
      expect(done.error, String(done.error)).toBeUndefined();
      expect(done.step).toBe(5);
    } finally {
      first.dispose();
    }

    const { state, wizard } = await step1();
    try {
      expect(state.error, String(state.error)).toBeUndefined();
      expect(state).toMatchObject({ step: 2, applicationNoNeeded: true, token: { serial } });
    } finally {
      wizard.dispose();
    }
  });

  it('an old 1024-bit-only eToken (the sim set legacy): refused at STEP1 with the catalogue words for a legacy token, nothing logged in to; made current, the same wizard goes on', async () => {
    const serial = sim.tokens[0]!.simSerial;
    sim.control(['set-legacy', '--serial', serial]);
    expect((await module.listTokens()).map((token) => token.legacy)).toEqual([true]);
    const { state, wizard, made } = await step1();
    try {
      expectTokenRefusal(state, made, 'keySizeUnsupported', 'TD-TOKEN-LEGACY');

      sim.control(['set-legacy', '--serial', serial, '--off']);
      const next = await wizard.detectToken();
      expect(next.error, String(next.error)).toBeUndefined();
      expect(next).toMatchObject({ step: 2, token: { serial, legacy: false } });
    } finally {
      wizard.dispose();
    }
  });
});

describe('two tokens plugged in', () => {
  beforeEach(async () => {
    sim = createEtokenSim({ tokens: 2 });
    ca = await startTestCa();
    await openWatched();
  });

  it('refused at STEP1 with the catalogue words to leave one, nothing logged in to; with one pulled out the same wizard goes on', async () => {
    const { state, wizard, made } = await step1();
    try {
      expectTokenRefusal(state, made, 'severalTokens', 'TD-TOKEN-SEVERAL');

      sim.control(['remove', '--serial', sim.tokens[1]!.simSerial]);
      const next = await wizard.detectToken();
      expect(next.error, String(next.error)).toBeUndefined();
      expect(next).toMatchObject({ step: 2, token: { serial: sim.tokens[0]!.simSerial } });
    } finally {
      wizard.dispose();
    }
  });
});
