// Issue 15: the contractor portal on the reference CA, over real TLS, with the
// operator's commands, the outbox, enrollment and the CRL — no browser (the e2e spec
// drives it in Chromium). Tampering: a contract number alone, a used, expired or
// another application's confirmation link revoke nothing; a renewal with no valid
// signature, another user's certificate, a revoked one or a replayed nonce is refused.
import Database from 'better-sqlite3';
import { createSign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeLoginChallenge, LOGIN_CHALLENGE_TYPE } from '../../../src/core/portal-challenge/index.js';
import { closeCaContext, openCaContext } from '../../../src/server/ca-context.js';
import { importContracts } from '../../../src/server/portal/contracts-csv.js';
import { confirmRevocation } from '../../../src/server/portal/revocation-requests.js';
import { caRequest, startTestCa, type TestCa } from '../../support/ca-server.js';
import { opensslCsr } from '../../support/openssl-csr.js';
import { PortalTestClient, readOutbox, storagePinFromOutbox } from '../../support/portal-web-client.js';
import { basicAuth, rawHttpsRequest } from '../../support/raw-https.js';
import { run } from '../../support/run.js';

const CONTRACT = '0204510013100';
const CSV = `contract_no,title,contractor,contractor_en,branch,office,period_from,period_to
${CONTRACT},認証局システム構築検証用工事,総研建設株式会社,"Souken Kensetsu Co., Ltd.",関東支社,横浜工事事務所,2021-11-01,2027-10-30
`;

describe('contractor portal', () => {
  let ca: TestCa;
  let dir: string;
  let n = 0;

  const withCtx = async <T>(work: (ctx: Awaited<ReturnType<typeof openCaContext>>) => Promise<T>): Promise<T> => {
    const ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
    try {
      return await work(ctx);
    } finally {
      await closeCaContext(ctx);
    }
  };

  /** Enrolls an openssl key for an application (as the token would): the certificate's PEM and the key file. */
  async function enroll(applicationNo: string, storagePin: string): Promise<{ keyFile: string; pem: string; serial: string }> {
    const { keyFile, csrBase64 } = opensslCsr(dir);
    const answer = await rawHttpsRequest(ca, {
      method: 'POST',
      path: '/.well-known/est/simpleenroll',
      headers: { 'Content-Type': 'application/pkcs10', Authorization: basicAuth(applicationNo, storagePin) },
      body: csrBase64,
    });
    expect(answer.status, answer.text).toBe(200);
    const name = join(dir, `cert${n++}`);
    writeFileSync(`${name}.p7`, Buffer.from(answer.text.replace(/\s/g, ''), 'base64'));
    run('openssl', ['pkcs7', '-inform', 'DER', '-in', `${name}.p7`, '-print_certs', '-out', `${name}.pem`]);
    const pem = readFileSync(`${name}.pem`, 'utf8').replace(/^[\s\S]*?(-----BEGIN)/, '$1');
    return { keyFile, pem, serial: new X509Certificate(pem).serialNumber.toUpperCase() };
  }

  async function holder(name: string, tokenSerial: string): Promise<{ applicationNo: string; keyFile: string; pem: string; serial: string }> {
    const notice = await ca.addApplication({ contractNo: CONTRACT, name, tokenSerial, email: `${name.split(' ')[0]!.toLowerCase()}@souken.example.jp` });
    return { applicationNo: notice.applicationNo, ...(await enroll(notice.applicationNo, notice.storagePin)) };
  }

  function sign(keyFile: string, data: string): string {
    return createSign('sha256').update(data).sign(readFileSync(keyFile, 'utf8'), 'base64');
  }

  function challenge(nonce: string, tokenSerial: string, overrides: Partial<{ origin: string; time: string }> = {}): string {
    return serializeLoginChallenge({ type: LOGIN_CHALLENGE_TYPE, origin: overrides.origin ?? ca.url, nonce, time: overrides.time ?? new Date().toISOString(), tokenSerial });
  }

  async function nonceFor(client: PortalTestClient, purpose: 'renew' | 'revoke'): Promise<string> {
    const answer = await client.postJson('/portal/api/nonce', { purpose });
    expect(answer.status, answer.text).toBe(200);
    return answer.json<{ nonce: string }>().nonce;
  }

  const revokedSerials = async (): Promise<string[]> => {
    const file = join(dir, `crl${n++}.der`);
    writeFileSync(file, (await caRequest(ca, 'GET', '/crl')).body);
    return [...run('openssl', ['crl', '-inform', 'DER', '-in', file, '-noout', '-text']).matchAll(/Serial Number: ([0-9A-F]+)/gi)].map((m) => m[1]!.toUpperCase());
  };

  beforeAll(async () => {
    ca = await startTestCa({ settings: { portal: { revocationLinkHours: 24, nonceSeconds: 300, signatureSkewSeconds: 300, formTokenMinutes: 60, renewalWindowDays: 3650, deviceModulePort: 47211, lookupLimit: { max: 40, windowSeconds: 600 } } } });
    dir = mkdtempSync(join(tmpdir(), 'tokendesk-portal-'));
    await withCtx((ctx) => importContracts(ctx, CSV));
  });
  afterAll(async () => {
    await ca?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves Japanese pages with a strict CSP and an English switch', async () => {
    const client = new PortalTestClient(ca);
    const top = await client.get('/portal/');
    expect(top.status).toBe(200);
    expect(top.headers['content-security-policy']).toContain("script-src 'self'");
    expect(top.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(top.text).toContain('<html lang="ja">');
    expect(top.text).toContain('申請手続き状況確認');
    expect(top.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
    const english = await client.get('/portal/status?lang=en');
    expect(english.text).toContain('<html lang="en">');
    expect((await client.get('/portal/')).text).toContain('<html lang="en">');
  });

  it('`tokendesk ca contract import` loads a CSV (quoted commas, a BOM) and refuses a bad one in both languages', async () => {
    const good = join(dir, 'contracts.csv');
    writeFileSync(good, `\uFEFFcontract_no,title,contractor,contractor_en,branch,office,period_from,period_to\n1230000000001,"工事, 第2期",総研,"Souken, Ltd.",関東支社,横浜,2024-01-01,2025-01-01\n`);
    const loaded = await ca.cli(['ca', 'contract', 'import', good, '--json']);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(JSON.parse(loaded.stdout)).toEqual({ imported: 1 });
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'contract_no,title\n1,x\n');
    const refused = await ca.cli(['ca', 'contract', 'import', bad]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr + refused.stdout).toMatch(/契約CSV/);
    expect(refused.stderr + refused.stdout).toMatch(/Contract CSV/);
  });

  it('refuses a contract CSV with a bad row, naming the line, and loads nothing', async () => {
    await expect(withCtx((ctx) => importContracts(ctx, `${CSV}12345,x,y,z,b,o,2021-01-01,2021-01-02\n`))).rejects.toThrow(/line 3/);
  });

  it('new application → consent-form mail → approve mails the storage PIN → it enrolls → status shows 格納済, names only with the application number', async () => {
    const client = new PortalTestClient(ca);
    await client.get('/portal/apply');
    const unknown = await client.post('/portal/apply/contract', { contractNo: '9999999999999' });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('契約番号9999999999999に該当する契約データはありません。');

    const entry = await client.post('/portal/apply/contract', { contractNo: CONTRACT });
    expect(entry.status).toBe(200);
    expect(entry.text).toContain('電子証明書発行申請内容入力');
    const bad = await client.post('/portal/apply', { contractNo: CONTRACT, nameLocal1: '総 研太', name1: '総研太', email1: 'x', role1: '現場代理人', years1: '3' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('氏名（ローマ字）は半角英字で入力してください');
    expect(bad.text).toContain('メールアドレスの形式が正しくありません');

    const done = await client.post('/portal/apply', { contractNo: CONTRACT, nameLocal1: '総 研太', name1: 'Sou Kenta', email1: 'e.syskan@souken.example.jp', role1: '現場代理人', years1: '3' });
    expect(done.status, done.text).toBe(200);
    const applicationNo = /<td>(\d{11,14})<\/td>/.exec(done.text)![1]!;
    expect(done.text).toContain('¥8,580');
    const consent = readOutbox(ca.dataDir).find((m) => m.subject === '【認証局】承諾書ダウンロードのお知らせ' && m.text.includes(applicationNo));
    expect(consent?.to).toContain('e.syskan@souken.example.jp');
    expect(storagePinFromOutbox(ca.dataDir, applicationNo)).toBeUndefined();

    const status = new PortalTestClient(ca);
    await status.get('/portal/status');
    const applied = await status.post('/portal/status', { contractNo: CONTRACT, applicationNo });
    expect(applied.text).toContain('data-state="applied"');
    expect(applied.text).toContain('e.syskan@souken.example.jp');

    await ca.approve(applicationNo);
    const pin = storagePinFromOutbox(ca.dataDir, applicationNo);
    expect(pin).toMatch(/^\d{10}$/);
    // On disk the outbox is sealed: no file there is a mail (whose base64 body would hold
    // the PIN), none holds the PIN in clear; each is the sealed form, v1.<iv>.<tag>.<body>.
    const mailFiles = readOutbox(ca.dataDir).map((mail) => readFileSync(mail.file, 'utf8'));
    expect(mailFiles.length).toBeGreaterThan(0);
    for (const raw of mailFiles) {
      expect(raw).not.toContain(pin!);
      expect(raw).not.toContain('Subject:');
      expect(raw.trim()).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/u);
    }
    // The operator opens them with `tokendesk ca outbox`.
    const opened = await ca.cli(['ca', 'outbox', '--json']);
    expect(opened.code, opened.stderr).toBe(0);
    expect((JSON.parse(opened.stdout) as Array<{ eml: string }>).some((mail) => mail.eml.includes('Subject:'))).toBe(true);
    await ca.approve(applicationNo); // a second approval mails nothing new
    expect(readOutbox(ca.dataDir).filter((m) => m.text.includes(`申請書番号:${applicationNo}`) && m.subject.includes('格納方法'))).toHaveLength(1);

    const cert = await enroll(applicationNo, pin!);
    const stored = await caRequest(ca, 'POST', `/api/v1/applications/${applicationNo}/stored`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ certificateSerial: cert.serial }),
      auth: { user: applicationNo, password: pin! },
    });
    expect(stored.status, stored.text).toBe(200);

    const after = await status.post('/portal/status', { contractNo: CONTRACT, applicationNo });
    expect(after.text).toContain('data-state="stored"');
    expect(after.text).toContain('格納済');
    const contractOnly = await status.post('/portal/status', { contractNo: CONTRACT });
    expect(contractOnly.text).toContain(applicationNo);
    expect(contractOnly.text).not.toContain('e.syskan@souken.example.jp');
    expect(contractOnly.text).not.toContain('Sou Kenta');
    const none = await status.post('/portal/status', { contractNo: '1234567890123' });
    expect(none.status).toBe(404);
    expect(none.text).toContain('契約番号1234567890123に該当する以前の申請データはありません。');
  });

  it('refuses every form without this browser’s form token (CSRF), and malformed bodies with a 4xx page', async () => {
    const client = new PortalTestClient(ca);
    await client.get('/portal/status');
    const without = await client.post('/portal/status', { contractNo: CONTRACT }, { formToken: null });
    expect(without.status).toBe(403);
    expect(without.headers['x-tokendesk-error']).toBe('formExpired');
    const other = new PortalTestClient(ca);
    await other.get('/portal/status');
    const foreign = await client.post('/portal/status', { contractNo: CONTRACT }, { formToken: other.formToken });
    expect(foreign.status).toBe(403);
    const huge = await caRequest(ca, 'POST', '/portal/status', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a='.padEnd(70_000, 'x') });
    expect(huge.status).toBe(413);
    expect(huge.text).not.toMatch(/at .*\.ts:\d+/);
    const nonce = await caRequest(ca, 'POST', '/portal/api/nonce', { headers: { 'content-type': 'application/json' }, body: '{"purpose":"renew"}' });
    expect(nonce.status).toBe(403);
  });

  it('revocation: a contract number alone, a used, expired or another application’s link revoke nothing; the confirmed link revokes and the CRL lists it', async () => {
    const a = await holder('Ne Kusuko', '0012ABCD');
    const b = await holder('Kou Jirou', '0012ABCE');
    const client = new PortalTestClient(ca);
    await client.get('/portal/revoke');
    const users = await client.post('/portal/revoke/users', { contractNo: CONTRACT });
    expect(users.text).toContain('Ne Kusuko');
    expect(users.text).toContain('0012ABCD');
    const before = readOutbox(ca.dataDir).length;
    const requested = await client.post('/portal/revoke/request', { contractNo: CONTRACT, applicationNo: a.applicationNo });
    expect(requested.status, requested.text).toBe(200);
    expect(requested.text).toContain(`申請書番号${a.applicationNo}を失効申請しました`);
    expect((await ca.status(a.applicationNo)).certificate?.revokedAt).toBeNull();
    const mail = readOutbox(ca.dataDir).slice(before).find((m) => m.subject === '【認証局】電子証明書申請内容確認のお願い')!;
    expect(mail.to).toContain('ne@souken.example.jp');
    const link = /(https:\/\/\S+\/portal\/revoke\/confirm\/([A-Za-z0-9_-]{43}))/.exec(mail.text)!;
    const path = new URL(link[1]!).pathname;
    const secret = link[2]!;

    const status = new PortalTestClient(ca);
    await status.get('/portal/status');
    expect((await status.post('/portal/status', { contractNo: CONTRACT, applicationNo: a.applicationNo })).text).toContain('失効申請中');

    // Opening the link revokes nothing (mail scanners open links).
    const page = await client.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('電子証明書申請内容確認');
    expect((await ca.status(a.applicationNo)).certificate?.revokedAt).toBeNull();
    // Another application's number with this link: refused, link not spent.
    const swapped = await client.post('/portal/revoke/confirm', { link: secret, applicationNo: b.applicationNo });
    expect(swapped.status).toBe(410);
    // A link that is not one the CA sent.
    expect((await client.post('/portal/revoke/confirm', { link: 'A'.repeat(43), applicationNo: a.applicationNo })).status).toBe(410);
    // Expired: confirmed after its lifetime.
    await expect(withCtx((ctx) => confirmRevocation(ctx, secret, a.applicationNo, new Date(Date.now() + 25 * 3_600_000)))).rejects.toMatchObject({ code: 'confirmationLinkInvalid' });
    expect((await ca.status(a.applicationNo)).certificate?.revokedAt).toBeNull();
    expect((await ca.status(b.applicationNo)).certificate?.revokedAt).toBeNull();
    expect(await revokedSerials()).not.toContain(a.serial);

    const confirmed = await client.post('/portal/revoke/confirm', { link: secret, applicationNo: a.applicationNo });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect((await ca.status(a.applicationNo)).certificate?.revokedAt).not.toBeNull();
    expect(await revokedSerials()).toContain(a.serial);
    expect((await ca.status(b.applicationNo)).certificate?.revokedAt).toBeNull();
    // Used: a second confirmation is refused.
    expect((await client.post('/portal/revoke/confirm', { link: secret, applicationNo: a.applicationNo })).status).toBe(410);
    expect((await client.get(path)).status).toBe(410);
    expect((await status.post('/portal/status', { contractNo: CONTRACT, applicationNo: a.applicationNo })).text).toContain('data-state="revoked"');
  });

  it('revocation with the token: a valid proof revokes at once; the same answer again is refused', async () => {
    const c = await holder('Tok Saburou', '0012ABCF');
    const client = new PortalTestClient(ca);
    await client.get('/portal/revoke');
    const nonce = await nonceFor(client, 'revoke');
    const signedData = challenge(nonce, '0012ABCF');
    const proof = { signedData, signature: sign(c.keyFile, signedData), certificatePem: c.pem };
    const revoked = await client.post('/portal/revoke/token', proof);
    expect(revoked.status, revoked.text).toBe(200);
    expect(await revokedSerials()).toContain(c.serial);
    const again = await client.post('/portal/revoke/token', proof);
    expect(again.status).toBe(403);
    expect(again.headers['x-tokendesk-error']).toBe('tokenProofRefused');
  });

  describe('renewal: the token proves possession of the current certificate', () => {
    let d: Awaited<ReturnType<typeof holder>>;
    let e: Awaited<ReturnType<typeof holder>>;
    let client: PortalTestClient;
    beforeAll(async () => {
      d = await holder('Koshin Goro', '0012ABD0');
      e = await holder('Koshin Shiro', '0012ABD1');
      client = new PortalTestClient(ca);
      await client.get('/portal/renew');
    });

    const post = (fields: Record<string, string>) => client.post('/portal/renew/proof', fields);
    const expectRefused = async (fields: Record<string, string>, words: RegExp) => {
      const answer = await post(fields);
      expect(answer.status).toBe(403);
      expect(answer.headers['x-tokendesk-error']).toBe('tokenProofRefused');
      expect(answer.text).toMatch(words);
    };

    it('refuses no signature, a signature by another key, another user’s certificate, another origin, a stale time', async () => {
      const nonce = await nonceFor(client, 'renew');
      const data = challenge(nonce, '0012ABD0');
      await expectRefused({ signedData: data, signature: '', certificatePem: d.pem }, /署名がありません|no signature/);
      await expectRefused({ signedData: data, signature: Buffer.alloc(256, 1).toString('base64'), certificatePem: d.pem }, /鍵で作られていません/);
      // Signed with E's key but presented with D's certificate (another user's certificate).
      await expectRefused({ signedData: data, signature: sign(e.keyFile, data), certificatePem: d.pem }, /鍵で作られていません/);
      const foreign = challenge(nonce, '0012ABD0', { origin: 'https://evil.example' });
      await expectRefused({ signedData: foreign, signature: sign(d.keyFile, foreign), certificatePem: d.pem }, /別のサイト/);
      const old = challenge(nonce, '0012ABD0', { time: new Date(Date.now() - 3_600_000).toISOString() });
      await expectRefused({ signedData: old, signature: sign(d.keyFile, old), certificatePem: d.pem }, /時刻/);
      // D's key and certificate, but E's token serial.
      const otherToken = challenge(nonce, '0012ABD1');
      await expectRefused({ signedData: otherToken, signature: sign(d.keyFile, otherToken), certificatePem: d.pem }, /USBトークンではありません/);
    });

    it('accepts a valid proof once; the replayed answer is refused; a revoked certificate is refused', async () => {
      const nonce = await nonceFor(client, 'renew');
      const data = challenge(nonce, '0012ABD0');
      const proof = { signedData: data, signature: sign(d.keyFile, data), certificatePem: d.pem };
      const form = await post(proof);
      expect(form.status, form.text).toBe(200);
      expect(form.text).toContain('電子証明書更新申請確認');
      expect(form.text).toContain('0012ABD0');
      await expectRefused(proof, /使用済み/);
      const ticket = /name="ticket" value="([^"]+)"/.exec(form.text)![1]!;

      const invalid = await client.post('/portal/renew', { ticket, email: 'nope', role: '現場代理人', years: '2' });
      expect(invalid.status).toBe(400);
      const applied = await client.post('/portal/renew', { ticket, email: 'goro.new@souken.example.jp', role: '現場代理人', years: '2' });
      expect(applied.status, applied.text).toBe(200);
      const renewalNo = /申請書番号(\d{11,14})で更新申請しました/.exec(applied.text)![1]!;
      const renewal = await ca.status(renewalNo);
      expect(renewal).toMatchObject({ kind: 'renewal', state: 'awaitingApproval', contractNo: CONTRACT, name: 'Koshin Goro', email: 'goro.new@souken.example.jp', years: 2, tokenSerial: '0012ABD0' });
      expect((await client.post('/portal/renew', { ticket, email: 'goro.new@souken.example.jp', role: '現場代理人', years: '2' })).status).toBe(403);


      await ca.revoke(e.serial);
      const nonce2 = await nonceFor(client, 'renew');
      const data2 = challenge(nonce2, '0012ABD1');
      await expectRefused({ signedData: data2, signature: sign(e.keyFile, data2), certificatePem: e.pem }, /失効済み/);
      // A nonce issued for a revocation cannot be spent on a renewal.
      const nonce3 = await nonceFor(client, 'revoke');
      const data3 = challenge(nonce3, '0012ABD0');
      await expectRefused({ signedData: data3, signature: sign(d.keyFile, data3), certificatePem: d.pem }, /使用済み|有効期限切れ/);

      // Approved, enrolled and stored: the old certificate is superseded (revoked, reason 4), the CRL lists it.
      await ca.approve(renewalNo);
      const pin = storagePinFromOutbox(ca.dataDir, renewalNo)!;
      const renewed = await enroll(renewalNo, pin);
      expect((await ca.status(d.applicationNo)).certificate?.revokedAt).toBeNull();
      const stored = await caRequest(ca, 'POST', `/api/v1/applications/${renewalNo}/stored`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ certificateSerial: renewed.serial }),
        auth: { user: renewalNo, password: pin },
      });
      expect(stored.status, stored.text).toBe(200);
      expect((await ca.status(d.applicationNo)).certificate?.revokedAt).not.toBeNull();
      expect(await revokedSerials()).toContain(d.serial);
      expect(await revokedSerials()).not.toContain(renewed.serial);
    });

    it('a renewal that fails while it is recorded leaves its ticket usable; the retry records it once', async () => {
      const f = await holder('Koshin Rokuro', '0012ABD2');
      const nonce = await nonceFor(client, 'renew');
      const data = challenge(nonce, '0012ABD2');
      const form = await post({ signedData: data, signature: sign(f.keyFile, data), certificatePem: f.pem });
      expect(form.status, form.text).toBe(200);
      const ticket = /name="ticket" value="([^"]+)"/.exec(form.text)![1]!;
      const fields = { ticket, email: 'rokuro.new@souken.example.jp', role: '現場代理人', years: '1' };
      // The database refuses the renewal's row (as a full disk would): the request fails midway.
      const sqlite = new Database(join(ca.dataDir, 'ca.db'));
      try {
        sqlite.exec(`CREATE TRIGGER refuse_details BEFORE INSERT ON applicant_details BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
        expect((await client.post('/portal/renew', fields)).status).toBeGreaterThanOrEqual(500);
        sqlite.exec('DROP TRIGGER refuse_details');
      } finally {
        sqlite.close();
      }
      const applied = await client.post('/portal/renew', fields);
      expect(applied.status, applied.text).toBe(200);
      const renewalNo = /申請書番号(\d{11,14})で更新申請しました/.exec(applied.text)![1]!;
      expect(await ca.status(renewalNo)).toMatchObject({ kind: 'renewal', name: 'Koshin Rokuro', email: 'rokuro.new@souken.example.jp' });
      expect((await client.post('/portal/renew', fields)).status).toBe(403);
    });
  });

  it('counts the contract lookup POST /portal/apply makes: past the limit it tells no known contract from an unknown one', async () => {
    const client = new PortalTestClient(ca);
    await client.get('/portal/apply');
    let last = await client.post('/portal/apply', { contractNo: '9999999999999' });
    for (let i = 0; i < 45 && last.status !== 429; i++) last = await client.post('/portal/apply', { contractNo: i % 2 ? CONTRACT : '9999999999999' });
    expect(last.status).toBe(429);
    const known = await client.post('/portal/apply', { contractNo: CONTRACT });
    expect(known.status).toBe(429);
    expect(known.text).not.toContain('認証局システム構築検証用工事');
  });

  it('answers 404 for a static name that is only a member of Object.prototype', async () => {
    const client = new PortalTestClient(ca);
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect((await client.get(`/portal/static/${name}`)).status, name).toBe(404);
    }
  });

  it('limits status lookups per client across the database (429 with Retry-After)', async () => {
    const client = new PortalTestClient(ca);
    await client.get('/portal/status');
    let last = await client.post('/portal/status', { contractNo: CONTRACT });
    for (let i = 0; i < 45 && last.status !== 429; i++) last = await client.post('/portal/status', { contractNo: CONTRACT });
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.text).toContain('短時間に検索が集中しました');
  });
});
