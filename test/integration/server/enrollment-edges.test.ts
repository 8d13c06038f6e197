/**
 * The CA's enrollment rules at their edges, over real HTTPS — each found unguarded
 * by the mutation run (npm run test:mutation): `stored` with the serial in every
 * spelling a client may send, repeated after the PIN is spent, or naming another
 * certificate; issuance after revocation; the attempts left after some wrong PINs.
 * (The pending lookup by token serial has its own test: pending-lookup.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaStore } from '../../../src/server/store/open-store.js';
import { caRequest, startTestCa, type TestCa } from '../../support/ca-server.js';

const dir = mkdtempSync(join(tmpdir(), 'tokendesk-edges-'));
let csrCount = 0;
function makeCsr(): string {
  const out = join(dir, `csr${csrCount++}.der`);
  execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${out}.key`, '-subj', '/CN=x', '-outform', 'DER', '-out', out], { stdio: 'ignore' });
  return readFileSync(out).toString('base64');
}

let ca: TestCa;
beforeAll(async () => {
  ca = await startTestCa();
});
afterAll(async () => {
  await ca?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const enroll = (no: string, pin: string, csr: string) =>
  caRequest(ca, 'POST', '/.well-known/est/simpleenroll', { auth: { user: no, password: pin }, headers: { 'content-type': 'application/pkcs10' }, body: csr });
const stored = (no: string, pin: string, certificateSerial: string) =>
  caRequest(ca, 'POST', `/api/v1/applications/${no}/stored`, {
    auth: { user: no, password: pin },
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ certificateSerial }),
  });
const verifyPin = (no: string, pin: string) => caRequest(ca, 'POST', `/api/v1/applications/${no}/verify-pin`, { auth: { user: no, password: pin } });
const errorCode = (answer: { json<T>(): T }) => answer.json<{ error: { code: string } }>().error.code;

describe('stored', () => {
  it('before anything was issued: notIssued, and the application stays pending', async () => {
    const n = await ca.addApplication();
    const answer = await stored(n.applicationNo, n.storagePin, '01');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(errorCode(answer)).toBe('certificateNotIssued');
    expect((await ca.status(n.applicationNo)).state).toBe('ready');
  });

  it('takes the serial with or without leading zeros, in either case; refuses another serial or no hex', async () => {
    const n = await ca.addApplication();
    expect((await enroll(n.applicationNo, n.storagePin, makeCsr())).status).toBe(200);
    const serial = (await ca.status(n.applicationNo)).certificate!.serial;

    const notHex = await stored(n.applicationNo, n.storagePin, 'not-hex');
    expect(notHex.status).toBe(400);
    expect(notHex.json<{ error: { message: { ja: string; en: string } } }>().error.message).toEqual({ ja: 'certificateSerial は16進数で指定してください。', en: 'certificateSerial must be hex.' });
    const other = await stored(n.applicationNo, n.storagePin, serial === '0abc' ? '0abd' : '0abc');
    expect(other.status).toBe(400);
    expect(other.json<{ error: { message: { ja: string; en: string } } }>().error.message).toEqual({
      ja: 'この申請で発行した電子証明書のシリアル番号ではありません。',
      en: 'That is not the serial of the certificate issued for this application.',
    });
    expect((await ca.status(n.applicationNo)).state).toBe('issued');

    const ok = await stored(n.applicationNo, n.storagePin, `000${serial.toLowerCase()}`);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json()).toEqual({ ok: true, storedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/u) });
    expect((await ca.status(n.applicationNo)).state).toBe('stored');

    // A client that crashed after telling the CA tells it again: the spent PIN still does for that.
    const again = await stored(n.applicationNo, n.storagePin, serial.toUpperCase());
    expect(again.status, again.text).toBe(200);
  });
});

describe('issuance', () => {
  it('after the certificate was revoked, the same key gets no certificate again', async () => {
    const n = await ca.addApplication();
    const csr = makeCsr();
    expect((await enroll(n.applicationNo, n.storagePin, csr)).status).toBe(200);
    await ca.revoke((await ca.status(n.applicationNo)).certificate!.serial);
    const again = await enroll(n.applicationNo, n.storagePin, csr);
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.text).toContain('applicationRevoked');
  });
});

describe('concurrent issuance', () => {
  it('two keys enrolled at once for one application: one certificate, for one of them', async () => {
    const n = await ca.addApplication();
    const csrs = [makeCsr(), makeCsr(), makeCsr()];
    const answers = await Promise.all(csrs.map((csr) => enroll(n.applicationNo, n.storagePin, csr)));
    const issued = answers.filter((answer) => answer.status === 200);
    expect(issued).toHaveLength(1);
    for (const refused of answers.filter((answer) => answer.status !== 200)) expect(refused.text).toContain('differentKey');
    // The winner's key asks again and gets the same certificate; so does the same key sent twice at once.
    const twice = await Promise.all([enroll(n.applicationNo, n.storagePin, csrs[answers.indexOf(issued[0]!)]!), enroll(n.applicationNo, n.storagePin, csrs[answers.indexOf(issued[0]!)]!)]);
    expect(twice.map((answer) => answer.text)).toEqual([issued[0]!.text, issued[0]!.text]);
    const winner = csrs[answers.indexOf(issued[0]!)]!;
    expect((await enroll(n.applicationNo, n.storagePin, winner)).text).toBe(issued[0]!.text);
  });
});

describe('storage-PIN attempts', () => {
  it('the right PIN after two wrong ones: three attempts left', async () => {
    const n = await ca.addApplication();
    const wrong = n.storagePin === '0000000000' ? '1111111111' : '0000000000';
    await verifyPin(n.applicationNo, wrong);
    await verifyPin(n.applicationNo, wrong);
    const right = await verifyPin(n.applicationNo, n.storagePin);
    expect(right.status).toBe(200);
    expect(right.json()).toMatchObject({ ok: true, attemptsLeft: 3 });
    // Not a CA-managed token: no admin PIN is released.
    expect(right.json()).not.toHaveProperty('soPin');
  });

  it('a token named in the application but never provisioned: the PIN checks out, no admin PIN', async () => {
    const n = await ca.addApplication({ tokenSerial: '0a1b2c3e' });
    const right = await verifyPin(n.applicationNo, n.storagePin);
    expect(right.status, right.text).toBe(200);
    expect(right.json()).not.toHaveProperty('soPin');
  });

  it('the audit log names the client of each PIN check, issuance and store', async () => {
    const n = await ca.addApplication();
    const wrong = n.storagePin === '0000000000' ? '1111111111' : '0000000000';
    // A wrong PIN through each door that takes one, then the right one.
    await verifyPin(n.applicationNo, wrong);
    const csr = makeCsr();
    expect((await enroll(n.applicationNo, wrong, csr)).status).toBe(401);
    expect((await enroll(n.applicationNo, n.storagePin, csr)).status).toBe(200);
    const serial = (await ca.status(n.applicationNo)).certificate!.serial;
    expect((await stored(n.applicationNo, wrong, serial)).status).toBe(401);
    expect((await stored(n.applicationNo, n.storagePin, serial)).status).toBe(200);
    const store = await openCaStore(join(ca.dataDir, 'ca.db'));
    try {
      const events = (await store.listAudit({ applicationNo: n.applicationNo })).map((row) => JSON.stringify(row));
      const failures = events.filter((text) => text.includes('storagePinFailure'));
      expect(failures).toHaveLength(3);
      for (const failure of failures) expect(failure).toContain('127.0.0.1');
      for (const event of ['storagePinFailure', 'certificateIssued', 'certificateStored']) {
        const line = events.find((text) => text.includes(event));
        expect(line, event).toBeDefined();
        expect(line, event).toContain('127.0.0.1');
      }
    } finally {
      await store.close();
    }
  });

  it('an application number that is not one is refused without echoing all of it', async () => {
    const long = `2026${'9'.repeat(60)}`;
    const answer = await verifyPin(long, '1234567890');
    expect(answer.status).toBe(404);
    expect(errorCode(answer)).toBe('applicationNotFound');
    expect(answer.text).not.toContain(long);
    // Control characters sent in the number are not repeated in the words either.
    const escaped = await caRequest(ca, 'POST', '/api/v1/applications/2026%00%1b[2J01/verify-pin', { auth: { user: '2026\u0000\u001b[2J01', password: '1234567890' } });
    expect(escaped.status).toBe(404);
    const words = (JSON.parse(escaped.text) as { error: { message: { ja: string; en: string } } }).error.message;
    expect(words.en).toContain('Application number 2026??[2J01 was not found');
    expect(JSON.stringify(words)).not.toMatch(/\\u00(00|1b)/);
  });
});
