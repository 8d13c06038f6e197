/**
 * The eToken sim seen through TokenDesk's own PKCS#11 core: PIN states and exact
 * retries, injected faults arriving as the right TokenError codes, and removal.
 * One module load per file (C_Initialize reads the sim's env once), so each test
 * works on its own token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openModule, type Pkcs11Module, type TokenError } from '../../../src/core/pkcs11/index.js';
import { createEtokenSim, type EtokenSim, type SimToken } from '../../support/etoken-sim.js';
import { createTestCa } from '../../support/test-certificate.js';

let sim: EtokenSim;
let module: Pkcs11Module;
let tokens: { lock: SimToken; faults: SimToken; removal: SimToken };

beforeAll(async () => {
  sim = createEtokenSim({ tokens: 3 });
  module = await openModule(sim.modulePath);
  const [lock, faults, removal] = sim.tokens;
  if (!lock || !faults || !removal) throw new Error('three tokens expected');
  tokens = { lock, faults, removal };
});
afterAll(async () => {
  await module?.release();
  sim?.cleanup();
});

async function rejection(promise: Promise<unknown>): Promise<TokenError> {
  try {
    await promise;
  } catch (error) {
    return error as TokenError;
  }
  throw new Error('expected the call to fail');
}

describe('eToken sim through src/core/pkcs11', () => {
  it('lists every token as an eToken with its 8-hex-digit serial', async () => {
    const listed = await module.listTokens();
    expect(listed.map((token) => token.serial).sort()).toEqual(sim.tokens.map((token) => token.simSerial).sort());
    for (const token of listed) {
      expect(token.manufacturer).toBe('SafeNet, Inc.');
      expect(token.model).toBe('eToken');
    }
  });

  it('counts wrong PINs: ok → countLow → finalTry → locked, exact retries, SO unlocks', async () => {
    const { simSerial, userPin, soPin } = tokens.lock;
    expect((await module.findToken(simSerial)).pinState).toBe('ok');
    expect(await module.pinRetries(simSerial)).toEqual({ userLeft: 15, userMax: 15, soLeft: 15, soMax: 15 });

    const session = await module.openSession(simSerial);
    for (let wrong = 1; wrong <= 15; wrong += 1) {
      if (wrong === 15) {
        // On the final try the core refuses to spend it unless the user confirmed.
        expect(await rejection(session.login('user', '00000000'))).toMatchObject({ code: 'pinFinalTry' });
        expect((await module.pinRetries(simSerial)).userLeft).toBe(1);
      }
      const failure = await rejection(session.login('user', '00000000', { confirmFinalTry: wrong === 15 }));
      expect(failure.code).toBe('pinIncorrect');
      const expected = wrong === 15 ? 'locked' : wrong === 14 ? 'finalTry' : 'countLow';
      expect((await module.findToken(simSerial)).pinState).toBe(expected);
      expect((await module.pinRetries(simSerial)).userLeft).toBe(15 - wrong);
    }
    const locked = await rejection(session.login('user', userPin));
    expect(locked).toMatchObject({ code: 'pinLocked', fn: 'C_Login', ckr: 0xa4 });
    expect((await module.pinRetries(simSerial)).soLeft).toBe(15); // the SO's count is separate
    await session.close();

    const admin = await module.openSession(simSerial, { readWrite: true });
    await admin.login('so', soPin);
    await admin.initPin(userPin);
    await admin.close();
    expect((await module.findToken(simSerial)).pinState).toBe('ok');
    expect((await module.pinRetries(simSerial)).userLeft).toBe(15);
    const user = await module.openSession(simSerial);
    await user.login('user', userPin);
    await user.close();
  });

  describe('injected faults reach the core as TokenError codes', () => {
    const faulted = () => tokens.faults.simSerial;

    it('C_GenerateKeyPair → CKR_DEVICE_ERROR is deviceError; the next generation works', async () => {
      const session = await module.openSession(faulted(), { readWrite: true });
      await session.login('user', tokens.faults.userPin);
      sim.control(['fail', 'C_GenerateKeyPair', 'CKR_DEVICE_ERROR', '--once', '--serial', faulted()]);
      expect(await rejection(session.generateRsaKeyPair({ label: 'fault' }))).toMatchObject({
        code: 'deviceError',
        ckr: 0x30,
        fn: 'C_GenerateKeyPair',
      });
      const pair = await session.generateRsaKeyPair({ label: 'after fault' });
      expect(pair.modulus.length).toBe(256);

      // C_CreateObject → CKR_DEVICE_MEMORY: the token is full.
      const der = createTestCa().issue(pair.modulus, pair.publicExponent, 'Sim User').der;
      sim.control(['fail', 'C_CreateObject', 'CKR_DEVICE_MEMORY', '--once']);
      expect(await rejection(session.writeCertificate({ id: pair.id, label: pair.label, der }))).toMatchObject({
        code: 'deviceMemoryFull',
        fn: 'C_CreateObject',
      });
      await session.writeCertificate({ id: pair.id, label: pair.label, der });

      // C_Sign → CKR_DEVICE_REMOVED mid-operation: the session is gone afterwards.
      sim.control(['fail', 'C_Sign', 'CKR_DEVICE_REMOVED', '--once']);
      expect(await rejection(session.sign(pair.id, Buffer.from('data')))).toMatchObject({ code: 'tokenRemoved', fn: 'C_Sign' });
      expect((await rejection(session.random(8))).code).toBe('sessionClosed');
      await session.close();
      sim.control(['clear']);
    });

    it('C_Sign → CKR_DEVICE_ERROR ends the operation, and signing works again afterwards', async () => {
      const session = await module.openSession(faulted(), { readWrite: true });
      await session.login('user', tokens.faults.userPin);
      const [key] = (await session.listKeys()).filter((k) => k.kind === 'private');
      if (!key) throw new Error('the previous test left a key');
      sim.control(['fail', 'C_Sign', 'CKR_DEVICE_ERROR', '--once']);
      expect((await rejection(session.sign(key.id, Buffer.from('data')))).code).toBe('deviceError');
      expect((await session.sign(key.id, Buffer.from('data'))).length).toBe(256);
      await session.close();
      sim.control(['clear']);
    });

    it('C_GetTokenInfo → CKR_DEVICE_ERROR marks a damaged token; --after lets the first calls through', async () => {
      sim.control(['fail', 'C_GetTokenInfo', 'CKR_DEVICE_ERROR', '--serial', faulted()]);
      const slots = await module.listSlots();
      const damaged = slots.filter((slot) => slot.error);
      expect(damaged).toHaveLength(1);
      expect(damaged[0]?.error).toMatchObject({ code: 'deviceError', fn: 'C_GetTokenInfo' });
      expect((await rejection(module.listTokens())).code).toBe('deviceError');
      sim.control(['clear']);
      expect((await module.listTokens()).map((t) => t.serial)).toContain(faulted());

      const session = await module.openSession(faulted());
      sim.control(['fail', 'C_GenerateRandom', 'CKR_DEVICE_ERROR', '--after', '2']);
      await session.random(4);
      await session.random(4);
      expect((await rejection(session.random(4))).code).toBe('deviceError');
      expect((await rejection(session.random(4))).code).toBe('deviceError');
      sim.control(['clear']);
      await session.random(4);
      await session.close();
    });
  });

  it('removal: open sessions report tokenRemoved once, then sessionClosed; re-insertion brings the token back', async () => {
    const { simSerial, userPin } = tokens.removal;
    const session = await module.openSession(simSerial);
    await session.login('user', userPin);
    await module.slotEvents(); // drain what came before

    sim.control(['remove', '--serial', simSerial]);
    expect((await rejection(session.random(8))).code).toBe('tokenRemoved');
    expect((await rejection(session.random(8))).code).toBe('sessionClosed');
    const slots = await module.listSlots();
    expect(slots).toHaveLength(3); // the reader stays
    expect(slots.filter((slot) => !slot.present)).toHaveLength(1);
    expect((await module.listTokens()).map((t) => t.serial)).not.toContain(simSerial);
    expect((await rejection(module.openSession(simSerial))).code).toBe('tokenNotFound');
    expect(await module.slotEvents()).toHaveLength(1);
    await session.close();

    sim.control(['insert', '--serial', simSerial]);
    expect(await module.slotEvents()).toHaveLength(1);
    const again = await module.openSession(simSerial);
    await again.login('user', userPin); // a re-inserted token starts logged out
    expect((await again.random(8)).length).toBe(8);
    await again.close();
  });
});
