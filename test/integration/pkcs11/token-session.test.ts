/**
 * What a TokenSession promises its callers, on the native eToken sim (real PIN retry
 * counters, injected faults) with every PKCS#11 call this process makes watched:
 * no PIN try spent that the user did not choose, nothing sent on a closed session,
 * objects written with the attributes other programs rely on (read back with raw
 * pkcs11js and pkcs11-tool), and a module's refusals handled as documented.
 * Each test starts from a token with all tries and no login, and ends so.
 */
import { createPublicKey, verify } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toUserError } from '../../../src/core/messages/index.js';
import {
  CKR,
  keyIdForModulus,
  openModule,
  POSSESSION_TAG_NAME,
  readPossessionTag,
  TokenError,
  writePossessionTag,
  type Pkcs11Module,
  type TokenSession,
} from '../../../src/core/pkcs11/index.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { watchPkcs11Calls } from '../../support/pkcs11-calls.js';
import { run } from '../../support/run.js';
import { createTestCa } from '../../support/test-certificate.js';

let sim: EtokenSim;
let module: Pkcs11Module;
/** Every PKCS#11 function this process called since the last reset, in order. */
let calls: string[] = [];

beforeAll(async () => {
  sim = createEtokenSim({ tokens: 1, maxRetries: 3 });
  // The module is loaded under the watch: its pkcs11js instance reports every call from now on.
  module = await watchPkcs11Calls(
    (name, call) => {
      calls.push(name);
      return call();
    },
    () => openModule(sim.modulePath),
  );
});

const opened: TokenSession[] = [];
afterEach(async () => {
  sim.control(['clear']);
  // Login state belongs to the application, not the session: leave none behind.
  for (const session of opened.splice(0)) {
    await session.logout().catch(() => undefined);
    await session.close();
  }
});

afterAll(async () => {
  await module?.release();
  sim?.cleanup();
});

const token = () => sim.tokens[0]!;

async function session(login: 'user' | 'so' | 'none' = 'none'): Promise<TokenSession> {
  const s = await module.openSession(token().simSerial, { readWrite: true });
  opened.push(s);
  if (login === 'user') await s.login('user', token().userPin);
  if (login === 'so') await s.login('so', token().soPin);
  return s;
}

/** What `work` asked of the module: the functions it called, and its failure if it failed. */
async function asked(work: () => Promise<unknown>): Promise<{ calls: string[]; error: unknown }> {
  calls = [];
  const error = await work().then(
    () => undefined,
    (failure: unknown) => failure,
  );
  return { calls: [...calls], error };
}

const userLeft = async () => (await module.pinRetries(token().simSerial)).userLeft;

/**
 * One object's attributes as any other application reads them: raw pkcs11js, a
 * session of its own, logged in only if the core's sessions are (login is per application).
 */
function readRaw(template: pkcs11js.Template, types: number[]): Array<Buffer> {
  const raw = new pkcs11js.PKCS11();
  raw.load(sim.modulePath);
  try {
    raw.C_Initialize();
  } catch {
    // initialized in this process by the core already
  }
  const slot = raw.C_GetSlotList(true).find((s) => raw.C_GetTokenInfo(s).serialNumber.trim() === token().simSerial)!;
  const rs = raw.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  try {
    raw.C_FindObjectsInit(rs, template);
    const found = raw.C_FindObjects(rs, 2);
    raw.C_FindObjectsFinal(rs);
    expect(found).toHaveLength(1);
    return raw.C_GetAttributeValue(rs, found[0]!, types.map((type) => ({ type }))).map((a) => a.value as Buffer);
  } finally {
    raw.C_CloseSession(rs);
    raw.close();
  }
}

/** Spends user PIN tries with wrong PINs until `left` remain (the last one only when confirmed, as a user would). */
async function spendUserTries(s: TokenSession, left: number): Promise<void> {
  while ((await userLeft())! > left) {
    await expect(s.login('user', 'wrong00', { confirmFinalTry: true })).rejects.toMatchObject({ code: 'pinIncorrect' });
  }
}

describe('PIN tries', () => {
  it('a locked user PIN is refused before the token is asked; the SO still logs in and unlocks it', async () => {
    const s = await session();
    await spendUserTries(s, 0);
    expect((await module.findToken(token().simSerial)).pinState).toBe('locked');

    const login = await asked(() => s.login('user', token().userPin));
    expect(login.error).toBeInstanceOf(TokenError);
    expect(login.error).toMatchObject({ code: 'pinLocked', ckr: CKR.PIN_LOCKED, fn: 'C_Login' });
    expect(login.calls).not.toContain('C_Login');

    const change = await asked(() => s.changeUserPin(token().userPin, 'New12345'));
    expect(change.error).toMatchObject({ code: 'pinLocked', ckr: CKR.PIN_LOCKED, fn: 'C_SetPIN' });
    expect(change.calls).not.toContain('C_SetPIN');

    // The SO PIN has its own counter: the user's lock does not stop the SO, who unlocks it.
    await s.login('so', token().soPin);
    await s.initPin(token().userPin);
    await s.logout();
    expect(await userLeft()).toBe(3);
    await s.login('user', token().userPin);
  });

  it('changes the user PIN with nobody logged in; on the final try only when the user confirmed', async () => {
    const s = await session();
    await spendUserTries(s, 1);

    const unconfirmed = await asked(() => s.changeUserPin(token().userPin, 'New12345'));
    expect(unconfirmed.error).toMatchObject({ code: 'pinFinalTry', fn: 'C_SetPIN' });
    expect(unconfirmed.calls).not.toContain('C_SetPIN');
    expect(await userLeft()).toBe(1);

    await s.changeUserPin(token().userPin, 'New12345', { confirmFinalTry: true });
    expect(await userLeft()).toBe(3);
    await expect(s.login('user', token().userPin)).rejects.toMatchObject({ code: 'pinIncorrect' });
    await s.login('user', 'New12345');
    await s.logout();
    await s.changeUserPin('New12345', token().userPin);
    await s.login('user', token().userPin);
  });
});

describe('a closed session', () => {
  it('sends nothing more to the module (its handle may name another session by now), and closing twice is harmless', async () => {
    const s = await session();
    await s.close();
    const refusals: unknown[] = [];
    const after = await asked(async () => {
      for (const work of [() => s.login('user', token().userPin), () => s.listKeys(), () => s.random(8)]) {
        refusals.push(await work().catch((error: unknown) => error));
      }
      await s.close();
    });
    expect(after.error).toBeUndefined();
    expect(after.calls).toEqual([]);
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({ code: 'sessionClosed' });
      // Refused here, not by the module (which would answer CKR_SESSION_HANDLE_INVALID).
      expect((refusal as TokenError).ckr).toBeUndefined();
    }
  });
});

describe('key pairs and certificates', () => {
  it('a module that refuses to relabel a half keeps the provisional ID on both halves: still a pair that signs', async () => {
    const s = await session('user');
    // The public key is relabelled, the private key refuses: the public key must go back.
    sim.control(['fail', 'C_SetAttributeValue', 'CKR_ATTRIBUTE_READ_ONLY', '--after', '1', '--once']);
    const pair = await s.generateRsaKeyPair({ label: 'relabel refused' });
    expect(pair.id).toMatch(/^[0-9a-f]{40}$/);
    expect(pair.id).not.toBe(keyIdForModulus(pair.modulus));
    const halves = (await s.listKeys()).filter((key) => key.label === 'relabel refused');
    expect(halves.map((key) => [key.kind, key.id]).sort()).toEqual([
      ['private', pair.id],
      ['public', pair.id],
    ]);
    const data = Buffer.from('signed with the provisional ID');
    const signature = await s.sign(pair.id, data);
    const publicKey = createPublicKey({ key: { kty: 'RSA', n: pair.modulus.toString('base64url'), e: pair.publicExponent.toString('base64url') }, format: 'jwk' });
    expect(verify('sha256', data, publicKey, signature)).toBe(true);
    await s.deleteKeyPair(pair.id);
  });

  it('generates a sign-only pair: the private key neither decrypts nor unwraps, the public key is public and only verifies', async () => {
    const s = await session('user');
    const pair = await s.generateRsaKeyPair({ label: 'sign only' });
    // Both halves under the ID other software derives from the modulus (NSS, OpenSC): a certificate finds its key.
    expect(pair.id).toBe(keyIdForModulus(pair.modulus));
    expect((await s.listKeys()).filter((key) => key.id === pair.id).map((key) => key.kind).sort()).toEqual(['private', 'public']);
    const half = (cls: number) => [
      { type: pkcs11js.CKA_CLASS, value: cls },
      { type: pkcs11js.CKA_ID, value: Buffer.from(pair.id, 'hex') },
    ];
    const usage = [pkcs11js.CKA_SIGN, pkcs11js.CKA_DECRYPT, pkcs11js.CKA_UNWRAP];
    // The private key is seen only while logged in (CKA_PRIVATE); the public key by anyone.
    expect(readRaw(half(pkcs11js.CKO_PRIVATE_KEY), [pkcs11js.CKA_PRIVATE, ...usage]).map((v) => v[0])).toEqual([1, 1, 0, 0]);
    await s.logout();
    const publicUsage = [pkcs11js.CKA_PRIVATE, pkcs11js.CKA_VERIFY, pkcs11js.CKA_ENCRYPT, pkcs11js.CKA_WRAP];
    expect(readRaw(half(pkcs11js.CKO_PUBLIC_KEY), publicUsage).map((v) => v[0])).toEqual([0, 1, 0, 0]);
    await s.login('user', token().userPin);
    await s.deleteKeyPair(pair.id);
  });

  it('names the failing function in what the user is shown when the token fails to generate a key or to sign', async () => {
    const s = await session('user');
    const shown = (failure: unknown) => toUserError(failure).text.en;
    sim.control(['fail', 'C_GenerateKeyPair', 'CKR_FUNCTION_FAILED', '--once']);
    const generation = await s.generateRsaKeyPair({ label: 'not made' }).catch((error: unknown) => error);
    expect(generation).toMatchObject({ ckr: CKR.FUNCTION_FAILED, fn: 'C_GenerateKeyPair' });
    expect(shown(generation)).toBe('The USB token reported an error. (C_GenerateKeyPair: CKR_FUNCTION_FAILED (0x00000006))');

    const pair = await s.generateRsaKeyPair({ label: 'signs once' });
    sim.control(['fail', 'C_Sign', 'CKR_FUNCTION_FAILED', '--once']);
    const signature = await s.sign(pair.id, Buffer.from('data')).catch((error: unknown) => error);
    expect(signature).toMatchObject({ ckr: CKR.FUNCTION_FAILED, fn: 'C_Sign' });
    expect(shown(signature)).toBe('The USB token reported an error. (C_Sign: CKR_FUNCTION_FAILED (0x00000006))');
    await s.deleteKeyPair(pair.id);
  });

  it('writes a certificate public and modifiable: other programs see it without a PIN', async () => {
    const s = await session('user');
    const pair = await s.generateRsaKeyPair({ label: 'public certificate' });
    const cert = createTestCa().issue(pair.modulus, pair.publicExponent, '400156819 Souken Tarou');
    await s.writeCertificate({ id: pair.id, label: pair.label, der: cert.der });
    await s.logout();

    const byId = [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_ID, value: Buffer.from(pair.id, 'hex') },
    ];
    const [isPrivate, modifiable, value] = readRaw(byId, [pkcs11js.CKA_PRIVATE, pkcs11js.CKA_MODIFIABLE, pkcs11js.CKA_VALUE]);
    expect([isPrivate![0], modifiable![0]]).toEqual([0, 1]);
    expect(value!.equals(cert.der)).toBe(true);
    // A third party in a process of its own, without logging in.
    const listing = run('pkcs11-tool', ['--module', sim.modulePath, '--token-label', token().label, '--list-objects', '--type', 'cert'], { env: sim.env });
    expect(listing).toContain('public certificate');

    await s.login('user', token().userPin);
    await s.deleteCertificate(pair.id);
    await s.deleteKeyPair(pair.id);
  });

  it('names C_CreateObject in what the user is shown when the token fails to store a certificate', async () => {
    const s = await session('user');
    const pair = await s.generateRsaKeyPair({ label: 'store fails' });
    const cert = createTestCa().issue(pair.modulus, pair.publicExponent, '400156819 Souken Tarou');
    sim.control(['fail', 'C_CreateObject', 'CKR_FUNCTION_FAILED', '--once']);
    const failure = await s.writeCertificate({ id: pair.id, label: pair.label, der: cert.der }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'generalError', ckr: CKR.FUNCTION_FAILED, fn: 'C_CreateObject' });
    expect(toUserError(failure).text.en).toBe('The USB token reported an error. (C_CreateObject: CKR_FUNCTION_FAILED (0x00000006))');
    expect(await s.listCertificates()).toEqual([]);
    await s.deleteKeyPair(pair.id);
  });
});

describe('data objects (the possession tag)', () => {
  const ofApplication = (application: string) => [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_DATA },
    { type: pkcs11js.CKA_APPLICATION, value: application },
  ];

  it('is public, and modifiable exactly as asked', async () => {
    const s = await session('user');
    await s.createDataObject({ application: 'modifiable one', label: 'm', value: Buffer.from('yes'), modifiable: true });
    await s.createDataObject({ application: 'fixed one', label: 'f', value: Buffer.from('no'), modifiable: false });
    await s.logout();
    expect(readRaw(ofApplication('modifiable one'), [pkcs11js.CKA_PRIVATE, pkcs11js.CKA_MODIFIABLE]).map((v) => v[0])).toEqual([0, 1]);
    expect(readRaw(ofApplication('fixed one'), [pkcs11js.CKA_PRIVATE, pkcs11js.CKA_MODIFIABLE]).map((v) => v[0])).toEqual([0, 0]);
    // Readable without a login, as STEP1 reads the tag.
    expect(await s.readDataObjects('fixed one')).toEqual([Buffer.from('no')]);

    await s.login('user', token().userPin);
    await s.deleteDataObjects('modifiable one');
    await s.deleteDataObjects('fixed one');
    expect(await s.readDataObjects('modifiable one')).toEqual([]);
    expect(await s.readDataObjects('fixed one')).toEqual([]);
  });

  it('a new tag replaces the old one and nothing else on the token', async () => {
    const s = await session('user');
    const pair = await s.generateRsaKeyPair({ label: 'stays' });
    await s.createDataObject({ application: 'another program', label: 'theirs', value: Buffer.from('theirs'), modifiable: true });
    const first = Buffer.alloc(32, 1);
    const second = Buffer.alloc(32, 2);
    await writePossessionTag(s, first);
    await writePossessionTag(s, second);
    await s.logout();
    expect(await readPossessionTag(module, token().simSerial)).toEqual(second);
    expect(await s.readDataObjects(POSSESSION_TAG_NAME)).toEqual([second]);
    expect(await s.readDataObjects('another program')).toEqual([Buffer.from('theirs')]);

    await s.login('user', token().userPin);
    expect((await s.listKeys()).filter((key) => key.id === pair.id)).toHaveLength(2);
    await s.deleteKeyPair(pair.id);
    await s.deleteDataObjects('another program');
    await s.deleteDataObjects(POSSESSION_TAG_NAME);
  });

  it('a module that refuses CKA_MODIFIABLE in a template gets the tag without it; any other failure is not retried', async () => {
    const s = await session('user');
    const tag = Buffer.alloc(32, 3);
    sim.control(['fail', 'C_CreateObject', 'CKR_ATTRIBUTE_TYPE_INVALID', '--once']);
    await writePossessionTag(s, tag);
    expect(readRaw(ofApplication(POSSESSION_TAG_NAME), [pkcs11js.CKA_MODIFIABLE, pkcs11js.CKA_VALUE])).toEqual([Buffer.from([1]), tag]);

    sim.control(['clear']);
    sim.control(['fail', 'C_CreateObject', 'CKR_FUNCTION_FAILED', '--once']);
    const failure = await writePossessionTag(s, Buffer.alloc(32, 4)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'generalError', ckr: CKR.FUNCTION_FAILED, fn: 'C_CreateObject' });
    expect(toUserError(failure).text.en).toBe('The USB token reported an error. (C_CreateObject: CKR_FUNCTION_FAILED (0x00000006))');
    expect(await s.readDataObjects(POSSESSION_TAG_NAME)).toEqual([]);
  });
});
