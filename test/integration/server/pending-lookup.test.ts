// `GET /api/v1/tokens/{serial}/pending` answers the applicant's name only to the
// token's holder: the caller shows the possession tag `ca token provision` wrote onto
// the token (issue 12 item 5). Before this, the serial printed on the token was
// enough, and a known serial answered differently from an unknown one.
import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openModule, POSSESSION_TAG_NAME, readPossessionTag, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { openCaStore } from '../../../src/server/store/open-store.js';
import { caRequest, startTestCa, type TestCa } from '../../support/ca-server.js';
import { run } from '../../support/run.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { provision } from '../../support/storage-scene.js';

describe('the pending lookup needs the token in hand', () => {
  let hsm: SoftHsm;
  let ca: TestCa;
  let module: Pkcs11Module;
  const serial = (i: number): string => hsm.tokens[i]!.serial.toUpperCase();
  const lookup = (tokenSerial: string, tag?: Buffer | string) =>
    caRequest(ca, 'GET', `/api/v1/tokens/${tokenSerial}/pending`, tag === undefined ? {} : { headers: { 'TokenDesk-Possession': typeof tag === 'string' ? tag : tag.toString('base64') } });
  const tagOf = async (i: number): Promise<Buffer> => {
    const tag = await readPossessionTag(module, hsm.tokens[i]!.serial);
    if (!tag) throw new Error(`token ${i} holds no possession tag`);
    return tag;
  };

  beforeAll(async () => {
    // 0: provisioned, with an application; 1: provisioned, nothing pending; 2: not provisioned, with an application.
    hsm = createSoftHsm({ tokens: 3, soPin: '87654321' });
    ca = await startTestCa({ settings: { lookupRateLimit: { max: 1000, windowSeconds: 60 } } });
    await provision(ca, hsm.modulePath, hsm.tokens[0]!.serial, '87654321');
    await provision(ca, hsm.modulePath, hsm.tokens[1]!.serial, '87654321');
    await ca.addApplication({ tokenSerial: hsm.tokens[0]!.serial });
    await ca.addApplication({ tokenSerial: hsm.tokens[2]!.serial });
    module = await openModule(hsm.modulePath);
  });
  afterAll(async () => {
    await module?.release();
    await ca?.stop();
    hsm?.cleanup();
  });

  it('puts a public, read-only data object on the token and only its SHA-256 in the database', async () => {
    const tag = await tagOf(0);
    expect(tag).toHaveLength(32);
    // A third party sees it as TokenDesk's, without logging in.
    const slot = (await module.findToken(hsm.tokens[0]!.serial)).slotId;
    const listed = run('pkcs11-tool', ['--module', hsm.modulePath, '--slot', slot, '--list-objects', '--type', 'data'], { env: hsm.env });
    expect(listed).toContain(POSSESSION_TAG_NAME);
    expect(listed).not.toMatch(/private/);
    expect(listed, 'CKA_MODIFIABLE false, where SoftHSM2 allows it').not.toMatch(/modifiable/);
    expect(await readPossessionTag(module, hsm.tokens[2]!.serial)).toBeUndefined();

    const store = await openCaStore(join(ca.dataDir, 'ca.db'));
    try {
      expect((await store.getToken(serial(0)))?.possession_tag_sha256).toBe(createHash('sha256').update(tag).digest('hex'));
    } finally {
      await store.close();
    }
    const database = Buffer.concat(['ca.db', 'ca.db-wal'].map((file) => join(ca.dataDir, file)).filter(existsSync).map((file) => readFileSync(file)));
    for (const form of [tag, Buffer.from(tag.toString('hex')), Buffer.from(tag.toString('base64'))]) expect(database.includes(form)).toBe(false);
  });

  it('answers the holder who shows the tag: application number, user ID and name, never cached', async () => {
    const answer = await lookup(serial(0), await tagOf(0));
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ userId: expect.stringMatching(/^[0-9]{9}$/), name: 'Souken Tarou', kind: 'new', tokenSerial: serial(0) });
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('answers a stranger who knows only the serial exactly as it answers an unknown serial', async () => {
    const unknown = await lookup('0123ABCD');
    const cases = {
      'serial only': await lookup(serial(0)),
      'wrong tag': await lookup(serial(0), randomBytes(32)),
      "another token's tag": await lookup(serial(0), await tagOf(1)),
      'tag not base64 of 32 bytes': await lookup(serial(0), 'x'.repeat(44)),
      'tag of a token with nothing pending': await lookup(serial(1), await tagOf(1)),
      'token the CA did not provision, with an application': await lookup(serial(2)),
      'unknown serial with a tag': await lookup('0123ABCD', await tagOf(0)),
    };
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'tokenNotFound', message: { ja: expect.any(String), en: expect.any(String) } } });
    expect(unknown.text).not.toContain('0123ABCD');
    for (const [name, answer] of Object.entries(cases)) {
      expect({ name, status: answer.status, body: answer.text, error: answer.headers['x-tokendesk-error'] }).toEqual({
        name,
        status: unknown.status,
        body: unknown.text,
        error: unknown.headers['x-tokendesk-error'],
      });
    }
  });

  it('re-provisioning replaces the tag: the old one is refused, the new one answers', async () => {
    const old = await tagOf(0);
    await provision(ca, hsm.modulePath, hsm.tokens[0]!.serial, await soPinOf(ca, serial(0)));
    const renewed = await tagOf(0);
    expect(renewed.equals(old)).toBe(false);
    expect((await lookup(serial(0), old)).status).toBe(404);
    // The application still names the token; the holder of the new tag sees it.
    expect((await lookup(serial(0), renewed)).json()).toMatchObject({ name: 'Souken Tarou' });
  });

  it('verify-pin names the applicant once the number and PIN are proven (STEP2 without a tag)', async () => {
    const mail = await ca.addApplication({ tokenSerial: hsm.tokens[2]!.serial, name: 'Souken Hanako', contractNo: '2222222222222' });
    const verified = await caRequest(ca, 'POST', `/api/v1/applications/${mail.applicationNo}/verify-pin`, { auth: { user: mail.applicationNo, password: mail.storagePin } });
    expect(verified.status).toBe(200);
    expect(verified.json()).toMatchObject({ ok: true, issuance: { applicationNo: mail.applicationNo, userId: mail.userId, name: 'Souken Hanako', tokenSerial: serial(2) } });
  });
});

/** The SO PIN the CA set at provisioning, as verify-pin hands it out for the token's application. */
async function soPinOf(ca: TestCa, tokenSerial: string): Promise<string> {
  const mail = await ca.addApplication({ tokenSerial, contractNo: '3333333333333' });
  const verified = await caRequest(ca, 'POST', `/api/v1/applications/${mail.applicationNo}/verify-pin`, { auth: { user: mail.applicationNo, password: mail.storagePin } });
  return verified.json<{ soPin: string }>().soPin;
}
