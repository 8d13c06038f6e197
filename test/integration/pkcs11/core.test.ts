/**
 * The PKCS#11 core against a real module (SoftHSM2), checked where possible by
 * third parties: pkcs11js read directly, pkcs11-tool and openssl.
 */
import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkcs11js from 'pkcs11js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openModule, TokenError, type Pkcs11Module, type TokenSession } from '../../../src/core/pkcs11/index.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { run } from '../../support/run.js';
import { createTestCa } from '../../support/test-certificate.js';

let hsm: SoftHsm;
let module: Pkcs11Module;

beforeAll(async () => {
  hsm = createSoftHsm({ tokens: 1 });
  module = await openModule(hsm.modulePath);
});

// Login state is shared by all sessions of an application: a test that fails midway
// must not leave the next one logged in.
const opened: TokenSession[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await module?.release();
  hsm?.cleanup();
});

async function session(login: 'user' | 'so' | 'none' = 'user'): Promise<TokenSession> {
  const token = hsm.tokens[0]!;
  const s = await module.openSession(token.serial, { readWrite: true });
  opened.push(s);
  if (login === 'user') await s.login('user', token.userPin);
  if (login === 'so') await s.login('so', token.soPin);
  return s;
}

function publicKeyOf(modulus: Buffer, exponent: Buffer) {
  return createPublicKey({
    key: { kty: 'RSA', n: modulus.toString('base64url'), e: exponent.toString('base64url') },
    format: 'jwk',
  });
}

describe('token listing', () => {
  it('lists the token with a normalized TokenInfo', async () => {
    const [token] = await module.listTokens();
    expect(token).toMatchObject({
      serial: hsm.tokens[0]!.serial,
      label: hsm.tokens[0]!.label,
      manufacturer: 'SoftHSM project',
      model: 'SoftHSM v2',
      pinState: 'ok',
      soPinState: 'ok',
      legacy: false,
      initialized: true,
    });
    expect(token!.serial).not.toMatch(/\s/);
    expect(token!.maxRsaBits).toBeGreaterThanOrEqual(2048);
  });

  it('finds a token by serial and refuses an unknown one with tokenNotFound', async () => {
    await expect(module.findToken(hsm.tokens[0]!.serial)).resolves.toMatchObject({ label: hsm.tokens[0]!.label });
    await expect(module.openSession('DEADBEEF')).rejects.toMatchObject({ code: 'tokenNotFound' });
  });

  it('shares one initialized library between users and tolerates another initializer', async () => {
    const second = await openModule(hsm.modulePath);
    expect(second).toBe(module);
    await second.release();
    // Still usable: the first user has not released it.
    await expect(module.listTokens()).resolves.toHaveLength(1);

    // Another binding in this process initialized the same library first: tolerated by CKR code.
    const other = new pkcs11js.PKCS11();
    other.load(hsm.modulePath);
    const otherInitialized = (() => {
      try {
        other.C_Initialize();
        return true;
      } catch {
        return false;
      }
    })();
    expect(otherInitialized).toBe(false); // already initialized by `module`
    const third = await openModule(hsm.modulePath);
    await third.release();
    other.close();
  });

  it('describes the library', async () => {
    await expect(module.describe()).resolves.toMatchObject({ manufacturer: 'SoftHSM', path: hsm.modulePath });
  });
});

describe('PINs', () => {
  it('maps a wrong user PIN to pinIncorrect with the raw CKR and function kept', async () => {
    const s = await session('none');
    const failure = await s.login('user', 'wrong-pin').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TokenError);
    expect(failure).toMatchObject({ code: 'pinIncorrect', ckr: 0xa0, fn: 'C_Login' });
    expect((failure as TokenError).ckrName).toBe('CKR_PIN_INCORRECT (0x000000A0)');
    await s.close();
  });

  it('sets the user PIN as SO (C_InitPIN) and changes it as the user (C_SetPIN)', async () => {
    const token = hsm.tokens[0]!;
    const so = await session('so');
    await so.initPin('Abc123');
    await so.logout();
    await so.login('user', 'Abc123');
    await so.setPin('Abc123', token.userPin);
    await so.logout();
    await so.login('user', token.userPin);
    await so.close();
  });

  it('refuses a PIN of the wrong length with pinLength', async () => {
    const so = await session('so');
    await expect(so.initPin('12')).rejects.toMatchObject({ code: 'pinLength', fn: 'C_InitPIN' });
    await so.close();
  });

  it('refuses a call on a closed session with sessionClosed', async () => {
    const s = await session('none');
    await s.close();
    await s.close(); // twice is harmless
    await expect(s.login('user', hsm.tokens[0]!.userPin)).rejects.toMatchObject({ code: 'sessionClosed' });
  });
});

describe('keys, signatures and certificates', () => {
  it('generates an RSA-2048 pair on the token whose private key cannot be read out', async () => {
    const s = await session();
    const pair = await s.generateRsaKeyPair({ label: 'TokenDesk key test' });
    expect(pair.modulus.length).toBe(256);
    expect(pair.publicExponent.toString('hex')).toBe('010001');
    expect(pair.id).toMatch(/^[0-9a-f]{40}$/);

    const keys = (await s.listKeys()).filter((k) => k.id === pair.id);
    expect(keys.map((k) => k.kind).sort()).toEqual(['private', 'public']);
    expect(new Set(keys.map((k) => k.label))).toEqual(new Set(['TokenDesk key test']));

    // Read the private key's attributes directly through pkcs11js, as any other application could.
    const raw = new pkcs11js.PKCS11();
    raw.load(hsm.modulePath);
    try {
      raw.C_Initialize();
    } catch {
      // already initialized in this process by the core
    }
    const slot = raw.C_GetSlotList(true).find((sl) => raw.C_GetTokenInfo(sl).serialNumber.trim().toUpperCase() === hsm.tokens[0]!.serial)!;
    const rs = raw.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      raw.C_Login(rs, pkcs11js.CKU_USER, hsm.tokens[0]!.userPin);
    } catch {
      // the token is already logged in through the core's session
    }
    raw.C_FindObjectsInit(rs, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_ID, value: Buffer.from(pair.id, 'hex') },
    ]);
    const [privateKey] = raw.C_FindObjects(rs, 2);
    raw.C_FindObjectsFinal(rs);
    expect(privateKey).toBeDefined();
    const attrs = raw.C_GetAttributeValue(rs, privateKey!, [
      { type: pkcs11js.CKA_TOKEN },
      { type: pkcs11js.CKA_PRIVATE },
      { type: pkcs11js.CKA_SENSITIVE },
      { type: pkcs11js.CKA_EXTRACTABLE },
      { type: pkcs11js.CKA_SIGN },
    ]);
    expect(attrs.map((a) => (a.value as Buffer)[0])).toEqual([1, 1, 1, 0, 1]);
    const readFails = (type: number): unknown => {
      try {
        raw.C_GetAttributeValue(rs, privateKey!, [{ type }]);
        return undefined;
      } catch (error) {
        return error;
      }
    };
    // CKA_VALUE is not an RSA private key attribute in PKCS#11 (the module may say
    // "type invalid"); the secret part, CKA_PRIVATE_EXPONENT, is refused as sensitive.
    expect((readFails(pkcs11js.CKA_VALUE) as { code: number }).code).toBeOneOf([
      pkcs11js.CKR_ATTRIBUTE_SENSITIVE,
      pkcs11js.CKR_ATTRIBUTE_TYPE_INVALID,
    ]);
    expect(readFails(pkcs11js.CKA_PRIVATE_EXPONENT)).toMatchObject({ code: pkcs11js.CKR_ATTRIBUTE_SENSITIVE });
    expect(readFails(pkcs11js.CKA_PRIME_1)).toMatchObject({ code: pkcs11js.CKR_ATTRIBUTE_SENSITIVE });
    raw.C_CloseSession(rs);
    raw.close();

    const data = Buffer.from('challenge from the test');
    const signature = await s.sign(pair.id, data);
    expect(verify('sha256', data, publicKeyOf(pair.modulus, pair.publicExponent), signature)).toBe(true);

    await s.deleteKeyPair(pair.id);
    expect((await s.listKeys()).filter((k) => k.id === pair.id)).toEqual([]);
    await expect(s.sign(pair.id, data)).rejects.toMatchObject({ code: 'objectNotFound' });
    await s.close();
  });

  it('writes a certificate that reads back byte-identical, paired by CKA_ID for pkcs11-tool and openssl', async () => {
    const token = hsm.tokens[0]!;
    const s = await session();
    const pair = await s.generateRsaKeyPair({ label: 'TokenDesk cert test' });
    const ca = createTestCa();
    const cert = ca.issue(pair.modulus, pair.publicExponent, '400156819 Souken Tarou');
    await s.writeCertificate({ id: pair.id, label: pair.label, der: cert.der });

    const stored = (await s.listCertificates()).find((c) => c.id === pair.id);
    expect(stored?.label).toBe(pair.label);
    expect(stored?.der.equals(cert.der)).toBe(true);

    // A third-party consumer sees key and certificate paired by ID.
    const listing = run(
      'pkcs11-tool',
      ['--module', hsm.modulePath, '--token-label', token.label, '--login', '--pin', token.userPin, '--list-objects'],
      { env: hsm.env },
    );
    const blocks = listing.split(/\n(?=\S)/u).filter((b) => b.includes(`ID:         ${pair.id}`));
    expect(blocks.map((b) => b.split(/[;\n]/u)[0]!.trim()).sort()).toEqual([
      'Certificate Object',
      'Private Key Object',
      'Public Key Object',
    ]);

    // A signature made by pkcs11-tool with the token key verifies with openssl against the certificate.
    const dir = mkdtempSync(join(tmpdir(), 'tokendesk-sign-'));
    writeFileSync(join(dir, 'data'), 'signed by pkcs11-tool');
    writeFileSync(join(dir, 'cert.pem'), cert.pem);
    await s.close(); // let pkcs11-tool log in on its own
    run(
      'pkcs11-tool',
      ['--module', hsm.modulePath, '--token-label', token.label, '--login', '--pin', token.userPin, '--sign',
        '--id', pair.id, '--mechanism', 'SHA256-RSA-PKCS', '--input-file', join(dir, 'data'), '--output-file', join(dir, 'sig')],
      { env: hsm.env },
    );
    run('openssl', ['x509', '-in', join(dir, 'cert.pem'), '-pubkey', '-noout', '-out', join(dir, 'pub.pem')]);
    const verified = run('openssl', ['dgst', '-sha256', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig'), join(dir, 'data')]);
    expect(verified.trim()).toBe('Verified OK');

    const again = await session();
    await again.deleteCertificate(pair.id);
    expect((await again.listCertificates()).some((c) => c.id === pair.id)).toBe(false);
    await again.deleteKeyPair(pair.id);
    await again.close();
  });

  it('keeps the event loop free while the token generates a key, and runs calls in order', async () => {
    const s = await session();
    // States, not time: the event loop must turn while the first generation is under
    // way, and again between the first finishing and the second — a call run on the
    // main thread would block both windows, however fast the machine.
    const done: string[] = [];
    const generate = (label: string) => s.generateRsaKeyPair({ label }).then((pair) => (done.push(label), pair));
    const all = Promise.all([generate('queue a'), generate('queue b')]);
    const turns = { duringFirst: 0, duringSecond: 0 };
    while (done.length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (done.length === 0) turns.duringFirst += 1;
      else if (done.length === 1) turns.duringSecond += 1;
    }
    const pairs = await all;
    expect(turns.duringFirst).toBeGreaterThan(0);
    expect(turns.duringSecond).toBeGreaterThan(0);
    expect(done).toEqual(['queue a', 'queue b']);
    expect(pairs.map((p) => p.label)).toEqual(['queue a', 'queue b']);
    expect(module.queue.size).toBe(0);
    for (const pair of pairs) await s.deleteKeyPair(pair.id);
    await s.close();
  });

  it('draws random bytes from the token', async () => {
    const s = await session('none');
    const bytes = await s.random(32);
    expect(bytes).toHaveLength(32);
    expect(bytes.equals(Buffer.alloc(32))).toBe(false);
    await s.close();
  });
});
