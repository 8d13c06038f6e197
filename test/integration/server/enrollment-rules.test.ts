// The CA's rules over real HTTPS: storage-PIN limit and lock, idempotent issuance,
// approval, and a clear answer (never a 500) for each kind of bad input.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaStore } from '../../../src/server/store/open-store.js';
import { derTlv } from '../../../src/server/pki/der.js';
import { openModule, readPossessionTag } from '../../../src/core/pkcs11/index.js';
import { caRequest, startTestCa, type TestCa } from '../../support/ca-server.js';
import { createSoftHsm } from '../../support/softhsm.js';
import { provision } from '../../support/storage-scene.js';

const dir = mkdtempSync(join(tmpdir(), 'tokendesk-csr-'));
let csrCount = 0;
/** A base64 CSR from openssl, with CRLF or LF line breaks. */
function makeCsr(bits = 2048, lineBreak = '\n'): string {
  const out = join(dir, `csr${csrCount++}.der`);
  execFileSync('openssl', ['req', '-new', '-newkey', `rsa:${bits}`, '-nodes', '-keyout', `${out}.key`, '-subj', '/CN=x', '-outform', 'DER', '-out', out], { stdio: 'ignore' });
  return readFileSync(out).toString('base64').replace(/.{64}/g, `$&${lineBreak}`);
}

describe('reference CA enrollment rules', () => {
  let ca: TestCa;
  const enroll = (user: string, password: string, csr: string, type = 'application/pkcs10') =>
    caRequest(ca, 'POST', '/.well-known/est/simpleenroll', { auth: { user, password }, headers: { 'content-type': type }, body: csr });

  beforeAll(async () => {
    ca = await startTestCa({ settings: { bodyLimitBytes: 16384 } });
  });
  afterAll(async () => {
    await ca?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('locks after 5 wrong storage PINs (the fifth confirmed as the final try): the 6th answer says locked and the right PIN is refused', async () => {
    const n = await ca.addApplication();
    const wrong = n.storagePin === '0000000000' ? '1111111111' : '0000000000';
    const answers = [];
    for (let i = 0; i < 6; i++) {
      const r = await caRequest(ca, 'POST', `/api/v1/applications/${n.applicationNo}/verify-pin`, {
        auth: { user: n.applicationNo, password: wrong },
        headers: { 'tokendesk-final-try': 'confirmed' },
      });
      answers.push({ status: r.status, body: r.json<{ error: { code: string; attemptsLeft: number; locked: boolean } }>().error });
    }
    expect(answers.slice(0, 4).map((a) => [a.status, a.body.attemptsLeft])).toEqual([[401, 4], [401, 3], [401, 2], [401, 1]]);
    expect(answers[5]).toMatchObject({ status: 423, body: { code: 'storagePinLocked', locked: true, attemptsLeft: 0 } });
    const right = await caRequest(ca, 'POST', `/api/v1/applications/${n.applicationNo}/verify-pin`, { auth: { user: n.applicationNo, password: n.storagePin } });
    expect(right.status).toBe(423);
    const est = await enroll(n.applicationNo, n.storagePin, makeCsr());
    expect(est.status).toBe(423);
    expect(est.text).toContain('storagePinLocked');
    expect((await ca.status(n.applicationNo)).state).toBe('locked');

    // The operator's new PIN unlocks; the old one is dead.
    const renewed = await ca.newPin(n.applicationNo);
    expect(renewed.storagePin).toMatch(/^[0-9]{10}$/);
    const ok = await caRequest(ca, 'POST', `/api/v1/applications/${n.applicationNo}/verify-pin`, { auth: { user: n.applicationNo, password: renewed.storagePin } });
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ ok: true, attemptsLeft: 5, issuance: expect.objectContaining({ applicationNo: n.applicationNo, userId: n.userId }) });
  });

  it('answers the same certificate for the same CSR until stored, refuses another key, then spends the PIN', async () => {
    // The lookup answers the token's holder only: the token is provisioned, and its tag shown (pending-lookup.test.ts).
    const hsm = createSoftHsm({ tokens: 1, soPin: '87654321' });
    const tokenSerial = hsm.tokens[0]!.serial.toUpperCase();
    await provision(ca, hsm.modulePath, hsm.tokens[0]!.serial.toLowerCase(), '87654321');
    const module = await openModule(hsm.modulePath);
    const tag = (await readPossessionTag(module, tokenSerial))!.toString('base64');
    await module.release();
    hsm.cleanup();
    const lookup = () => caRequest(ca, 'GET', `/api/v1/tokens/${tokenSerial}/pending`, { headers: { 'TokenDesk-Possession': tag } });
    const n = await ca.addApplication({ tokenSerial: tokenSerial.toLowerCase() });
    const pending = await lookup();
    expect(pending.json()).toEqual({ applicationNo: n.applicationNo, userId: n.userId, name: 'Souken Tarou', kind: 'new', keySpec: { algorithm: 'RSA', bits: 2048 }, tokenSerial });

    const csr = makeCsr(2048, '\r\n');
    const first = await enroll(n.applicationNo, n.storagePin, csr);
    const second = await enroll(n.applicationNo, n.storagePin, csr.replace(/\r\n/g, ''));
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    const other = await enroll(n.applicationNo, n.storagePin, makeCsr());
    expect(other.status).toBe(400);
    expect(other.text).toContain('differentKey');

    const status = await ca.status(n.applicationNo);
    expect(status.state).toBe('issued');
    const serial = status.certificate!.serial;
    const stored = await caRequest(ca, 'POST', `/api/v1/applications/${n.applicationNo}/stored`, {
      auth: { user: n.applicationNo, password: n.storagePin },
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ certificateSerial: serial.toLowerCase() }),
    });
    expect(stored.status).toBe(200);
    expect((await ca.status(n.applicationNo)).state).toBe('stored');
    const after = await enroll(n.applicationNo, n.storagePin, csr);
    expect(after.status).toBe(403);
    expect(after.text).toContain('storagePinSpent');
    expect((await lookup()).status).toBe(404);
  });

  it('answers 202 with Retry-After until the operator approves', async () => {
    const n = await ca.addApplication({ pending: true });
    const csr = makeCsr();
    const waiting = await enroll(n.applicationNo, n.storagePin, csr);
    expect(waiting.status).toBe(202);
    expect(waiting.headers['retry-after']).toBe('60');
    await ca.approve(n.applicationNo);
    expect((await enroll(n.applicationNo, n.storagePin, csr)).status).toBe(200);
  });

  it('gives a clear status for each kind of bad input, never a 500', async () => {
    const n = await ca.addApplication();
    const noAuth = await caRequest(ca, 'POST', '/.well-known/est/simpleenroll', { headers: { 'content-type': 'application/pkcs10' }, body: 'AAAA' });
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers['www-authenticate']).toMatch(/^Basic realm="/);
    expect((await enroll('20000101999', '1234567890', makeCsr())).status).toBe(401);
    expect((await enroll(n.applicationNo, n.storagePin, makeCsr(), 'text/plain')).status).toBe(415);
    expect((await enroll(n.applicationNo, n.storagePin, makeCsr(), 'application/json')).status).toBe(415);
    expect((await enroll(n.applicationNo, n.storagePin, '!!!not base64!!!')).status).toBe(400);
    expect((await enroll(n.applicationNo, n.storagePin, Buffer.from('not DER at all').toString('base64'))).status).toBe(400);
    const small = await enroll(n.applicationNo, n.storagePin, makeCsr(1024));
    expect(small.status).toBe(400);
    expect(small.text).toContain('1024');
    // A CSR whose signature no longer matches (one byte of the signature flipped).
    const der = Buffer.from(makeCsr().replace(/\n/g, ''), 'base64');
    der[der.length - 5] = der[der.length - 5]! ^ 0xff;
    expect((await enroll(n.applicationNo, n.storagePin, der.toString('base64'))).text).toContain('signature');
    // Not a storage PIN's form: failed credentials to an EST client (issue 22 item 4).
    expect((await enroll(n.applicationNo, 'abcdefghij', makeCsr())).status).toBe(401);
    expect((await enroll(n.applicationNo, n.storagePin, 'A'.repeat(20000))).status).toBe(413);
    expect((await caRequest(ca, 'GET', '/.well-known/est/simpleenroll')).status).toBe(405);
    const unknown = await caRequest(ca, 'POST', '/api/v1/applications/20000101999/verify-pin', { auth: { user: '20000101999', password: '1234567890' } });
    // A number nobody holds answers like a wrong PIN (storage-pin-attempts.test.ts shows it in full).
    expect(unknown.status).toBe(401);
    expect(unknown.json()).toMatchObject({ error: { code: 'storagePinIncorrect', message: { ja: expect.any(String), en: expect.any(String) }, remedy: { ja: expect.any(String), en: expect.any(String) } } });
    const badJson = await caRequest(ca, 'POST', `/api/v1/applications/${n.applicationNo}/stored`, {
      auth: { user: n.applicationNo, password: n.storagePin },
      headers: { 'content-type': 'application/json' },
      body: '{"certificateSerial":',
    });
    expect(badJson.status).toBe(400);
    expect((await caRequest(ca, 'GET', '/nowhere')).json()).toMatchObject({ error: { code: 'notFound' } });
    // Nothing was issued by all that.
    expect((await ca.status(n.applicationNo)).certificate).toBeNull();
  });

  it('refuses a key whose public exponent proves nothing: e = 1 (a "signature" made without a private key) and e = 3', async () => {
    const n = await ca.addApplication();
    // e = 1: the CSR's signature is the PKCS#1 v1.5 encoding of its hash itself, which
    // "verifies" under any modulus: no private key is involved. The CA used to certify it.
    const modulus = Buffer.from((generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }) as { n: string }).n, 'base64url');
    const integer = (bytes: Buffer) => derTlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
    const spki = derTlv(0x30, derTlv(0x30, Buffer.from('06092a864886f70d010101', 'hex'), Buffer.from('0500', 'hex')), derTlv(0x03, Buffer.concat([Buffer.from([0]), derTlv(0x30, integer(modulus), integer(Buffer.from([1])))])));
    const subject = derTlv(0x30, derTlv(0x31, derTlv(0x30, Buffer.from('0603550403', 'hex'), derTlv(0x0c, Buffer.from('x')))));
    const info = derTlv(0x30, Buffer.from('020100', 'hex'), subject, spki, Buffer.from('a000', 'hex'));
    const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), createHash('sha256').update(info).digest()]);
    const encoded = Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(256 - 3 - digestInfo.length, 0xff), Buffer.from([0]), digestInfo]);
    const forged = derTlv(0x30, info, derTlv(0x30, Buffer.from('06092a864886f70d01010b', 'hex'), Buffer.from('0500', 'hex')), derTlv(0x03, Buffer.concat([Buffer.from([0]), encoded])));
    const eOne = await enroll(n.applicationNo, n.storagePin, forged.toString('base64'));
    expect(eOne.status, eOne.text).toBe(400);
    expect(eOne.text).toContain('public exponent');
    // e = 3, a real key signed by openssl: weak, and no token makes one.
    const out = join(dir, 'e3.der');
    execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-pkeyopt', 'rsa_keygen_pubexp:3', '-nodes', '-keyout', `${out}.key`, '-subj', '/CN=x', '-outform', 'DER', '-out', out], { stdio: 'ignore' });
    expect((await enroll(n.applicationNo, n.storagePin, readFileSync(out).toString('base64'))).status).toBe(400);
    // Nothing issued; the application still takes a token's key.
    expect((await ca.status(n.applicationNo)).certificate).toBeNull();
    expect((await enroll(n.applicationNo, n.storagePin, makeCsr())).status).toBe(200);
  });

  it('keeps every secret out of the audit log', async () => {
    const n = await ca.addApplication();
    await enroll(n.applicationNo, '9999999999', makeCsr());
    await enroll(n.applicationNo, n.storagePin, makeCsr());
    const store = await openCaStore(join(ca.dataDir, 'ca.db'));
    try {
      const lines = (await store.listAudit()).map((l) => JSON.stringify(l));
      expect(lines.some((l) => l.includes('storagePinFailure'))).toBe(true);
      expect(lines.some((l) => l.includes('certificateIssued'))).toBe(true);
      const all = lines.join('\n');
      expect(all).not.toContain(n.storagePin);
      expect(all).not.toContain('9999999999');
      expect(all).not.toMatch(/scrypt\$/);
    } finally {
      await store.close();
    }
  });
});

describe('EST-only profile', () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await startTestCa({ estOnly: true });
  });
  afterAll(async () => {
    await ca?.stop();
  });

  it('answers RFC 7030 and the CRL, and nothing under /api/v1', async () => {
    expect((await caRequest(ca, 'GET', '/.well-known/est/cacerts')).status).toBe(200);
    expect((await caRequest(ca, 'GET', '/crl')).status).toBe(200);
    expect((await caRequest(ca, 'GET', '/api/v1/tokens/02B8BEA7/pending')).status).toBe(404);
    expect((await caRequest(ca, 'POST', '/api/v1/applications/20230426001/verify-pin')).status).toBe(404);
  });
});
